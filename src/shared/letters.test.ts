import { describe, expect, it } from 'vitest';
import { formatLetterDate, formatLetterDateTime, isLetterKind } from './letters.js';

describe('letter dates', () => {
  it('writes Beijing time whatever the server clock, with a 24-hour clock', () => {
    expect(formatLetterDateTime('2026-10-09T10:00:00Z')).toBe('2026年10月9日 18:00');
    // 00:30 in Beijing is the next calendar day, and never "24:30".
    expect(formatLetterDateTime('2026-10-08T16:30:00Z')).toBe('2026年10月9日 00:30');
    expect(formatLetterDate('2026-12-31T16:05:00Z')).toBe('2027年1月1日');
  });

  it('knows the two kinds of letter', () => {
    expect(isLetterKind('assignment')).toBe(true);
    expect(isLetterKind('supervision')).toBe(true);
    expect(isLetterKind('reply')).toBe(false);
  });
});
