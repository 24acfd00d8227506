/**
 * The official working-day calendar as people enter it: the State Council's
 * annual notice (国务院办公厅关于某年部分节假日安排的通知) lists holiday ranges and
 * make-up working days. Admins paste it as CSV or JSON; this parser turns the
 * text into entries the API takes (`PUT /api/v1/calendar/years/{year}`), and
 * the server checks them again.
 *
 * CSV, one line per range or day (a header line is optional; `#` starts a comment):
 *   2027-01-01,2027-01-03,休,元旦
 *   2027-02-06,2027-02-13,休,春节
 *   2027-02-14,,班,春节
 * kind: 休 / 假 / holiday, or 班 / workday; the end date may be empty for one day, or the first
 * column may be a range written `2027-01-01~2027-01-03`.
 * JSON: an array of { from, to?, kind, name }, or { entries: [...] }, or
 * { holidays: [{ name, from, to? }], workdays: [{ name, date }] }.
 */
export type CalendarKind = 'holiday' | 'workday';

export interface CalendarEntry {
  from: string;
  to?: string;
  kind: CalendarKind;
  name: string;
}

export interface CalendarParseError {
  line: number; // 1-based; 0 for the text as a whole
  reason: 'empty' | 'json' | 'columns' | 'date' | 'kind' | 'name';
  text: string;
}

export interface CalendarParseResult {
  entries: CalendarEntry[];
  errors: CalendarParseError[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2027-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function normaliseDate(raw: string): string {
  // 2027/1/1 and 2027.1.1 are how people write dates in notices and spreadsheets.
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.trim());
  if (!m) return raw.trim();
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function kindOf(raw: string): CalendarKind | null {
  const k = raw.trim().toLowerCase();
  if (['休', '假', '放假', '节假日', 'holiday', 'off', 'rest'].includes(k)) return 'holiday';
  if (['班', '上班', '调休上班', '补班', 'workday', 'work', 'makeup'].includes(k)) return 'workday';
  return null;
}

function checkEntry(e: { from: string; to?: string; kind: string; name: string }, line: number, text: string, errors: CalendarParseError[]): CalendarEntry | null {
  const from = normaliseDate(e.from);
  const to = e.to === undefined || e.to.trim() === '' ? undefined : normaliseDate(e.to);
  const kind = kindOf(e.kind);
  if (!isCalendarDate(from) || (to !== undefined && !isCalendarDate(to))) {
    errors.push({ line, reason: 'date', text });
    return null;
  }
  if (!kind) {
    errors.push({ line, reason: 'kind', text });
    return null;
  }
  const name = e.name.trim();
  if (name.length === 0 || name.length > 50) {
    errors.push({ line, reason: 'name', text });
    return null;
  }
  return to === undefined || to === from ? { from, kind, name } : { from, to, kind, name };
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '，' || c === '\t') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

function parseCsv(text: string): CalendarParseResult {
  const entries: CalendarEntry[] = [];
  const errors: CalendarParseError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = splitCsvLine(line);
    // A header line names its columns instead of holding a date.
    if (index === 0 && !/\d{4}/.test(cells[0] ?? '')) return;
    let from: string;
    let to: string | undefined;
    let kind: string;
    let name: string;
    if (cells[0]?.includes('~') || cells[0]?.includes('至')) {
      if (cells.length < 3) return void errors.push({ line: index + 1, reason: 'columns', text: line });
      [from, to] = cells[0].split(/~|至/).map((s) => s.trim()) as [string, string];
      [kind, name] = [cells[1]!, cells.slice(2).join(',')];
    } else if (cells.length >= 4) {
      [from, to, kind] = [cells[0]!, cells[1]!, cells[2]!];
      name = cells.slice(3).join(',');
    } else if (cells.length === 3) {
      [from, kind, name] = [cells[0]!, cells[1]!, cells[2]!];
    } else {
      return void errors.push({ line: index + 1, reason: 'columns', text: line });
    }
    const entry = checkEntry({ from, to, kind, name }, index + 1, line, errors);
    if (entry) entries.push(entry);
  });
  return { entries, errors };
}

function parseJson(text: string): CalendarParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { entries: [], errors: [{ line: 0, reason: 'json', text: text.slice(0, 80) }] };
  }
  const entries: CalendarEntry[] = [];
  const errors: CalendarParseError[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const take = (items: unknown, fallbackKind?: CalendarKind) => {
    if (!Array.isArray(items)) return;
    items.forEach((item, i) => {
      const o = (item ?? {}) as Record<string, unknown>;
      const entry = checkEntry(
        { from: str(o.from ?? o.date ?? o.start), to: o.to === undefined && o.end === undefined ? undefined : str(o.to ?? o.end), kind: str(o.kind ?? fallbackKind), name: str(o.name) },
        i + 1,
        JSON.stringify(item).slice(0, 120),
        errors,
      );
      if (entry) entries.push(entry);
    });
  };
  if (Array.isArray(value)) take(value);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    take(o.entries);
    take(o.holidays, 'holiday');
    take(o.workdays, 'workday');
  } else errors.push({ line: 0, reason: 'json', text: text.slice(0, 80) });
  return { entries, errors };
}

/** Reads pasted or uploaded CSV or JSON into calendar entries, with every line it could not read. */
export function parseCalendarText(text: string): CalendarParseResult {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { entries: [], errors: [{ line: 0, reason: 'empty', text: '' }] };
  const result = trimmed.startsWith('[') || trimmed.startsWith('{') ? parseJson(trimmed) : parseCsv(trimmed);
  if (result.entries.length === 0 && result.errors.length === 0) result.errors.push({ line: 0, reason: 'empty', text: '' });
  return result;
}

/** Whether the calendar needs an admin (GET /calendar/status). */
export interface CalendarStatus {
  today: string;
  enteredYears: number[];
  currentYear: { year: number; entered: boolean };
  nextYear: { year: number; entered: boolean };
  /** From 1 November: the next year is not entered and deadlines in it would be provisional. */
  warning: { year: number; since: string } | null;
}

/** One open deadline a calendar change moved (also on its message's timeline). */
export interface RecomputedDeadline {
  assignmentId: number;
  unitId: number;
  unitName: string;
  deadline: 'sign' | 'contact' | 'reply';
  from: string;
  to: string;
}

/** One holiday or make-up working day as the admin page shows it. */
export interface CalendarDayView {
  day: string;
  kind: CalendarKind;
  name: string;
  source: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** One year of the calendar (GET/PUT /calendar/years/{year}, PUT /calendar/days/{day}). */
export interface CalendarYearView {
  year: number;
  entered: { source: string; notice: string | null; at: string; by: string | null } | null;
  provisional: boolean;
  days: CalendarDayView[];
  years: { year: number; entered: boolean; source: string | null; holidays: number; workdays: number }[];
  recomputed?: RecomputedDeadline[];
}

/** From this month (November, 1-based 11) of a year, the next year's arrangement is due. */
export const CALENDAR_WARNING_FROM_MONTH = 11;
