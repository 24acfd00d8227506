/**
 * Masking personal data in what the public sees. Runs on the server and in the
 * browser, so plain JavaScript only (no Node APIs).
 */

/** Masks a mainland mobile number as 138****5678; anything else is fully hidden but its length. */
export function maskMobile(mobile: string | null): string | null {
  if (mobile === null) return null;
  if (/^1\d{10}$/.test(mobile)) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  return '*'.repeat(mobile.length);
}

export const PERSONAL_DATA_KINDS = ['mobile', 'id_card', 'bank_card', 'email', 'plate'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/*
 * The patterns, tried left to right at each position; the first that matches wins.
 * They run on a half-width copy of the text (１３８ → 138, ＠ → @), which has the
 * same length, so a match's offsets are also those of the original.
 *
 * Digit runs are bounded by (?<!\d) and (?!\d): a mobile number is never taken
 * out of a longer number, and a 20-digit invoice number is left alone.
 *
 * Bank cards: every run of 16–19 digits that is not an ID number is masked, with
 * no Luhn check. A mistyped card number fails Luhn but is still someone's card;
 * the cost of the other way (an order number of 16+ digits shown masked) is small.
 */
const SEP = '[ \\-]';
const DATE8 = '(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const DATE6 = '\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
// Province abbreviations, Simplified and Traditional (沪/滬, 粤/粵 …).
const PROVINCES = '京津沪滬渝冀豫云雲辽遼黑湘皖鲁魯新苏蘇浙赣贛鄂桂甘晋晉蒙陕陝吉闽閩贵貴粤粵青藏川宁寧琼瓊';
// Letters on plates skip I and O (typed in either case); the last place may also be 挂 学 警 港 澳 领.
const PLATE_LETTER = '[A-HJ-NP-Za-hj-np-z]';
const PLATE_CHAR = '[A-HJ-NP-Za-hj-np-z0-9]';

const PATTERNS: Record<PersonalDataKind | 'bank_grouped' | 'id_old', string> = {
  // Starts only where a run of address characters starts: linear time on long runs without an @.
  email: '(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9][A-Za-z0-9._%+\\-]*@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}',
  // 18 digits: region (6), birth date (8), sequence (3), check digit or X; also written 6 8 4.
  id_card: `(?<!\\d)[1-9]\\d{5}${SEP}?${DATE8}${SEP}?\\d{3}[\\dXx](?!\\d)`,
  bank_grouped: `(?<!\\d${SEP}?)\\d{4}(?:${SEP}\\d{4}){3}(?:${SEP}\\d{1,3})?(?!${SEP}?\\d)`,
  bank_card: '(?<!\\d)\\d{16,19}(?!\\d)',
  // +86 / 0086 / 86 may precede; 3-4-4 groups may be split by a space or a dash.
  mobile: `(?<!\\d)(?:(?:\\+|00)?86${SEP}?)?1[3-9]\\d(?:${SEP}?\\d{4}){2}(?!\\d)`,
  // The old 15-digit ID: region (6), birth date without century (6), sequence (3).
  id_old: `(?<!\\d)[1-9]\\d{5}${DATE6}\\d{3}(?!\\d)`,
  plate: `[${PROVINCES}]${PLATE_LETTER}[ ·•・\\-]?${PLATE_CHAR}{4,5}(?:${PLATE_CHAR}|[挂学警港澳领])(?![A-Za-z0-9])`,
};

const SCANNER = new RegExp(
  Object.entries(PATTERNS)
    .map(([name, pattern]) => `(?<${name}>${pattern})`)
    .join('|'),
  'g',
);

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/** Full-width ASCII → half-width, one unit for one unit. */
function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

interface Finding {
  kind: PersonalDataKind;
  start: number;
  end: number;
  /** The matched text, original and half-width. */
  original: string;
  probe: string;
}

function kindOf(groups: Record<string, string | undefined>): { kind: PersonalDataKind; probe: string } | null {
  for (const name of Object.keys(PATTERNS)) {
    const probe = groups[name];
    if (probe === undefined) continue;
    if (name === 'bank_grouped') return { kind: 'bank_card', probe };
    if (name === 'id_old') return { kind: 'id_card', probe };
    return { kind: name as PersonalDataKind, probe };
  }
  return null;
}

/** A plate serial has at least three digits; this keeps words like 新CPU12 or 云ECS10 out. */
function isPlausiblePlate(probe: string): boolean {
  return (probe.slice(2).match(/\d/g)?.length ?? 0) >= 3;
}

function scan(text: string): Finding[] {
  const half = toHalfWidth(text);
  const findings: Finding[] = [];
  for (const match of half.matchAll(SCANNER)) {
    const found = match.groups ? kindOf(match.groups) : null;
    if (!found) continue;
    if (found.kind === 'plate' && !isPlausiblePlate(found.probe)) continue;
    const start = match.index;
    const end = start + found.probe.length;
    findings.push({ kind: found.kind, start, end, original: text.slice(start, end), probe: found.probe });
  }
  return findings;
}

/** The original characters where the half-width copy has a letter or digit: the number without its separators. */
function significant(finding: Finding, from = 0): string[] {
  const chars: string[] = [];
  for (let i = from; i < finding.probe.length; i++) {
    if (/[0-9A-Za-z]/.test(finding.probe.charAt(i))) chars.push(finding.original.charAt(i));
  }
  return chars;
}

/** 138****5678; a +86 prefix is kept as written. */
function maskMobileIn(finding: Finding): string {
  const prefixLength = finding.probe.length - (finding.probe.match(/1[3-9]\d(?:[ -]?\d{4}){2}$/)?.[0].length ?? 0);
  const digits = significant(finding, prefixLength);
  return `${finding.original.slice(0, prefixLength)}${digits.slice(0, 3).join('')}****${digits.slice(-4).join('')}`;
}

/** 赣A***45: the province and the city letter stay, and the last two characters. */
function maskPlate(finding: Finding): string {
  const separator = /[ ·•・-]/.test(finding.probe.charAt(2)) ? finding.original.charAt(2) : '';
  const serial = [...finding.original.slice(2 + separator.length)];
  return `${finding.original.slice(0, 2)}${separator}${'*'.repeat(serial.length - 2)}${serial.slice(-2).join('')}`;
}

function masked(finding: Finding): string {
  switch (finding.kind) {
    case 'mobile':
      return maskMobileIn(finding);
    case 'id_card': {
      const chars = significant(finding);
      return `${chars.slice(0, 6).join('')}********${chars.slice(-4).join('')}`;
    }
    case 'bank_card': {
      const digits = significant(finding);
      return `${digits.slice(0, 4).join('')}****${digits.slice(-4).join('')}`;
    }
    case 'email': {
      const at = finding.probe.indexOf('@');
      return `${finding.original.charAt(0)}***${finding.original.slice(at)}`;
    }
    case 'plate':
      return maskPlate(finding);
  }
}

/**
 * Masks mobile numbers (138****5678), ID card numbers (110101********123X), bank
 * card numbers (6222****0123), e-mail addresses (z***@example.com) and car plates
 * (赣A***45) in free text. Years, amounts, dates and message numbers stay. Masking
 * masked text changes nothing.
 */
export function maskPersonalData(text: string): string {
  const findings = scan(text);
  if (findings.length === 0) return text;
  let out = '';
  let last = 0;
  for (const finding of findings) {
    out += text.slice(last, finding.start) + masked(finding);
    last = finding.end;
  }
  return out + text.slice(last);
}

/** The kinds of personal data in the text, each once, in the order of PERSONAL_DATA_KINDS. */
export function findPersonalData(text: string): PersonalDataKind[] {
  const kinds = new Set(scan(text).map((finding) => finding.kind));
  return PERSONAL_DATA_KINDS.filter((kind) => kinds.has(kind));
}
