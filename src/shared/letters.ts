/**
 * Official letters about a message: 交办函 (the coordinator gives the message to
 * a lead unit) and 督办函 (it presses a unit whose deadline is near or past).
 * The server assembles a LetterContent; the web prints it as HTML and the
 * server renders the same content as a PDF, so both always say the same.
 */
export const LETTER_KINDS = ['assignment', 'supervision'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export function isLetterKind(value: string): value is LetterKind {
  return (LETTER_KINDS as readonly string[]).includes(value);
}

export interface LetterMessage {
  number: string;
  title: string;
  /** The full text, line breaks kept. */
  body: string;
  /** Labels, already localised: 咨询, 教育, 江西省南昌市东湖区. */
  type: string;
  field: string;
  region: string;
  /** ISO timestamp. */
  submittedAt: string;
  /** The citizen's nickname. */
  author: string;
  /** Whom the message was written to: 江西省委书记. */
  boardName: string;
}

export interface LetterDeadlines {
  /** 签收时限, ISO timestamp. */
  sign: string | null;
  /** 联系网民时限. */
  contact: string | null;
  /** 答复时限. */
  reply: string | null;
}

export interface LetterContent {
  kind: LetterKind;
  /** 民声交办〔2026〕第000123号 / 民声督办〔2026〕第000007号 */
  letterNumber: string;
  /** The issuing unit: 江西省委民声通道工作室. */
  issuer: string;
  /** The lead unit: 南昌市委办公室. */
  recipient: string;
  /** 协办单位 names. */
  coHandlers: string[];
  /** A label already: 及时办. */
  handlingClass: string;
  message: LetterMessage;
  deadlines: LetterDeadlines;
  /** Free text: 办理要求 / 督办要求. */
  requirements: string;
  /** The assignment chain so far, unit names top-down. */
  chain: string[];
  /** ISO timestamp. */
  issuedAt: string;
}

/** Letters keep China's clock, whatever the reader's time zone. */
export const LETTER_TIME_ZONE = 'Asia/Shanghai';

function shanghaiParts(iso: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: LETTER_TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** 2026年10月9日 in Beijing time: the date as an official letter writes it. */
export function formatLetterDate(iso: string): string {
  const p = shanghaiParts(iso);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** 2026年10月9日 18:00 in Beijing time. */
export function formatLetterDateTime(iso: string): string {
  const p = shanghaiParts(iso);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}
