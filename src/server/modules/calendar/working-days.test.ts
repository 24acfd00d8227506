import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, nthWorkingDayAfter, shanghaiDay, workingDaysBetween } from './working-days.js';

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
