import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, nthWorkingDayAfter, shanghaiDay, workingDaysBetween, WorkingCalendar } from './working-days.js';

const at = (iso: string) => new Date(iso);

describe('working days on the official calendar', () => {
  it('knows 国庆 2026 and its make-up workdays', () => {
    expect(isWorkingDay('2026-09-30')).toBe(true);
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07']) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    // Saturday 10 October 2026 is a make-up workday; Sunday 20 September too.
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-11')).toBe(false);
  });

  it('counts the 137 rule across the holiday: assigned on 30 September', () => {
    const assigned = at('2026-09-30T02:00:00Z'); // 10:00 in Beijing
    expect(nthWorkingDayAfter(assigned, 1)).toBe('2026-10-08');
    expect(nthWorkingDayAfter(assigned, 3)).toBe('2026-10-10'); // 8, 9, 10 (Saturday, make-up)
    expect(nthWorkingDayAfter(assigned, 7)).toBe('2026-10-15'); // 8, 9, 10, 12, 13, 14, 15
    // The deadline is the close of that day in Beijing time.
    expect(addWorkingDays(assigned, 1).toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });

  it('uses the Beijing calendar day, not UTC: 23:30 on Friday in Beijing is still Friday', () => {
    const friday = at('2026-11-20T15:30:00Z'); // Fri 23:30 Beijing
    expect(shanghaiDay(friday)).toBe('2026-11-20');
    expect(nthWorkingDayAfter(friday, 1)).toBe('2026-11-23'); // Monday
    const saturdayMorning = at('2026-11-20T16:30:00Z'); // Sat 00:30 Beijing
    expect(nthWorkingDayAfter(saturdayMorning, 1)).toBe('2026-11-23');
  });

  it('counts working days between two instants', () => {
    expect(workingDaysBetween(at('2026-09-30T02:00:00Z'), at('2026-10-15T09:00:00Z'))).toBe(7);
    expect(workingDaysBetween(at('2026-11-23T02:00:00Z'), at('2026-11-23T09:00:00Z'))).toBe(0);
    expect(workingDaysBetween(at('2026-11-23T09:00:00Z'), at('2026-11-20T09:00:00Z'))).toBe(0);
  });

  it('refuses a non-positive count', () => {
    expect(() => addWorkingDays(at('2026-11-23T02:00:00Z'), 0)).toThrow(RangeError);
  });
});

describe('a calendar snapshot (WorkingCalendar)', () => {
  const newYear2027 = [
    { day: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
    { day: '2027-01-02', kind: 'holiday' as const, name: '元旦' },
    { day: '2027-01-03', kind: 'holiday' as const, name: '元旦' },
    { day: '2027-02-14', kind: 'workday' as const, name: '春节' },
  ];

  it('counts a year without data on weekends only and calls its deadlines provisional', () => {
    const cal = new WorkingCalendar([], [2026], 1);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // a Friday
    expect(cal.nthWorkingDayAfter(at('2026-12-31T02:00:00Z'), 1)).toBe('2027-01-01');
    expect(cal.isProvisional(at('2027-01-01T10:00:00Z'))).toBe(true);
    expect(cal.isProvisional('2026-12-31')).toBe(false);
  });

  it('skips 元旦 and works the make-up Sunday once 2027 is entered', () => {
    const cal = new WorkingCalendar(newYear2027, [2026, 2027], 2);
    expect(cal.nthWorkingDayAfter(at('2026-12-31T02:00:00Z'), 1)).toBe('2027-01-04');
    expect(cal.isWorkingDay('2027-02-14')).toBe(true);
    expect(cal.isProvisional(at('2027-01-04T15:59:59Z'))).toBe(false);
    expect(cal.workingDaysBetween(at('2026-12-31T02:00:00Z'), at('2027-01-04T02:00:00Z'))).toBe(1);
  });

  it('counts working days across decades in one step and before 2000 exactly', () => {
    const cal = new WorkingCalendar([], [], 1);
    // Mon 1999-12-27 → Mon 2000-01-03: 28, 29, 30, 31 December and Mon 3 January.
    expect(cal.workingDaysBetween(at('1999-12-27T02:00:00Z'), at('2000-01-03T02:00:00Z'))).toBe(5);
    expect(cal.workingDaysBetween(at('2026-01-05T02:00:00Z'), at('2026-01-12T02:00:00Z'))).toBe(5);
  });
});
