import { describe, expect, it } from 'vitest';
import { isBlankText, textFault } from './schemas.js';

describe('textFault', () => {
  it('finds C0 control characters but tab, line feed and carriage return', () => {
    expect(textFault('a\u0000b', false)).toBe('control');
    expect(textFault('\u001f', false)).toBe('control');
    expect(textFault('\u007f', false)).toBe('control');
    expect(textFault('第一行\r\n\t第二行', true)).toBeNull();
  });

  it('counts text of only spaces, zero-width and filler characters as blank where text is required', () => {
    for (const blank of ['', ' ', '\u3000\u3000', '\u200b\u200c\u200d', '\u2060\ufeff', '\u00ad', '\u3164\u115f', '\u2800', '\u202e']) {
      expect(isBlankText(blank)).toBe(true);
      expect(textFault(blank, true)).toBe('blank');
      expect(textFault(blank, false)).toBeNull();
    }
    expect(isBlankText('\u200b民\u200b')).toBe(false);
    expect(textFault('a', true)).toBeNull();
  });
});
