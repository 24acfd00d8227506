import { addDays, halfOf, isoWeek, mondayOf, periodName, type ReportKind } from '../../../../shared/reports';

/** Today in Beijing, as the server counts days. */
export function beijingToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface PeriodChoice {
  /** What POST /reports takes: the Monday, or 2026-H1. */
  value: string;
  from: string;
  to: string;
  year: number;
  /** Week number, or 1 / 2 for the half. */
  number: number;
  /** Still running today. */
  current: boolean;
}

/** The current period and the `count` before it, newest first. */
export function recentPeriods(kind: ReportKind, today: string, count: number): PeriodChoice[] {
  const choices: PeriodChoice[] = [];
  if (kind === 'weekly') {
    let from = mondayOf(today);
    for (let i = 0; i <= count; i++) {
      const w = isoWeek(from);
      choices.push({ value: from, from, to: addDays(from, 6), year: w.year, number: w.week, current: i === 0 });
      from = addDays(from, -7);
    }
    return choices;
  }
  let half = halfOf(today);
  for (let i = 0; i <= count; i++) {
    choices.push({ value: periodName('half_year', half), from: half.from, to: half.to, year: Number(half.from.slice(0, 4)), number: half.from.slice(5, 7) === '01' ? 1 : 2, current: i === 0 });
    half = halfOf(addDays(half.from, -1));
  }
  return choices;
}
