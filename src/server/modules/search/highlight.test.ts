import { describe, expect, it } from 'vitest';
import { excerptAround, highlightRanges, type Range } from './highlight.js';

function marked(text: string, ranges: Range[]): string[] {
  return ranges.map(([start, end]) => text.slice(start, end));
}

describe('highlightRanges', () => {
  it.each([
    ['我的醫保卡', ['医保'], [[2, 4]]],
    ['我的医保卡', ['医保'], [[2, 4]]],
    ['醫保繳費和医保缴费', ['医保', '缴费'], [[0, 4], [5, 9]]],
    ['拖欠农民工工资', ['拖欠', '工资'], [[0, 2], [5, 7]]],
    ['拖欠工资', ['拖欠', '工资'], [[0, 4]]],
    ['工工工', ['工工'], [[0, 3]]],
    ['买了iPhone15', ['iphone15'], [[2, 10]]],
    ['ＩＰＨＯＮＥ坏了', ['iphone'], [[0, 6]]],
    ['社保缴费', ['医保'], []],
    ['医保', [], []],
    ['医保', [''], []],
  ] as const)('in %s marks %j at %j', (text, terms, expected) => {
    expect(highlightRanges(text, [...terms])).toEqual(expected);
  });

  it('accepts Traditional terms too', () => {
    expect(highlightRanges('我的医保卡', ['醫保'])).toEqual([[2, 4]]);
  });

  it('keeps ranges valid when folding changes the length (㗲 → 𠵾) and around emoji', () => {
    const text = '㗲😀醫保卡，医保';
    const ranges = highlightRanges(text, ['医保']);
    expect(marked(text, ranges)).toEqual(['醫保', '医保']);
  });
});

describe('excerptAround', () => {
  const long = `${'前'.repeat(200)}医保${'后'.repeat(200)}`;

  it('returns a short text whole, ranges unchanged', () => {
    expect(excerptAround('我的医保卡', [[2, 4]])).toEqual({ text: '我的医保卡', ranges: [[2, 4]] });
  });

  it('centres a long text on the first hit, within maxLength including the ellipses', () => {
    const excerpt = excerptAround(long, [[200, 202]], 40);
    expect(excerpt.text).toHaveLength(40);
    expect(excerpt.text.startsWith('…')).toBe(true);
    expect(excerpt.text.endsWith('…')).toBe(true);
    expect(marked(excerpt.text, excerpt.ranges)).toEqual(['医保']);
    const [start] = excerpt.ranges[0]!;
    expect(Math.abs(start - (excerpt.text.length - 2) / 2)).toBeLessThanOrEqual(1);
  });

  it('uses 120 as the default length', () => {
    expect(excerptAround(long, [[200, 202]]).text).toHaveLength(120);
  });

  it('starts at the beginning, without a leading ellipsis, when the hit is near it', () => {
    const text = `医保${'后'.repeat(300)}`;
    const excerpt = excerptAround(text, [[0, 2]], 50);
    expect(excerpt.text.startsWith('医保')).toBe(true);
    expect(excerpt.text).toHaveLength(50);
    expect(excerpt.ranges).toEqual([[0, 2]]);
  });

  it('ends at the end, without a trailing ellipsis, when the hit is near it', () => {
    const text = `${'前'.repeat(300)}医保`;
    const excerpt = excerptAround(text, [[300, 302]], 50);
    expect(excerpt.text.endsWith('医保')).toBe(true);
    expect(excerpt.text).toHaveLength(50);
    expect(marked(excerpt.text, excerpt.ranges)).toEqual(['医保']);
  });

  it('is the beginning of the text when there is no hit', () => {
    const excerpt = excerptAround(long, [], 30);
    expect(excerpt).toEqual({ text: `${'前'.repeat(29)}…`, ranges: [] });
  });

  it('keeps the ranges that fall into the window and clips one that crosses its edge', () => {
    const text = `${'前'.repeat(100)}医保${'中'.repeat(10)}缴费${'后'.repeat(200)}`;
    const excerpt = excerptAround(text, [[250, 252], [100, 102], [112, 114]], 30);
    expect(marked(excerpt.text, excerpt.ranges)).toEqual(['医保', '缴费']);
    const clipped = excerptAround(`${'前'.repeat(100)}${'医'.repeat(60)}${'后'.repeat(100)}`, [[100, 160]], 30);
    expect(clipped.text).toHaveLength(30);
    expect(clipped.ranges).toEqual([[1, 29]]);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = `${'😀'.repeat(100)}医保${'😀'.repeat(100)}`;
    for (const maxLength of [20, 21, 22, 23]) {
      const excerpt = excerptAround(text, [[200, 202]], maxLength);
      expect(excerpt.text.length).toBeLessThanOrEqual(maxLength);
      expect(excerpt.text).not.toMatch(/(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(marked(excerpt.text, excerpt.ranges)).toEqual(['医保']);
    }
  });

  it('never exceeds maxLength, wherever the hit is', () => {
    const text = 'x'.repeat(300);
    for (let at = 0; at < 298; at += 7) {
      for (const maxLength of [10, 31, 120]) {
        const excerpt = excerptAround(text, [[at, at + 2]], maxLength);
        expect(excerpt.text.length).toBeLessThanOrEqual(maxLength);
        expect(excerpt.ranges).toHaveLength(1);
        const [s, e] = excerpt.ranges[0]!;
        expect(excerpt.text.slice(s, e)).toBe('xx');
      }
    }
  });
});
