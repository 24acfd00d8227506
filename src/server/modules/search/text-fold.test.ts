import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { foldText, foldTextMapped } from './text-fold.js';

describe('foldText', () => {
  it.each([
    ['醫保', '医保'],
    ['許昌', '许昌'],
    ['繳費', '缴费'],
    ['裡', '里'],
    ['台灣', '台湾'],
    ['臺灣', '台湾'],
    ['衞生', '卫生'],
    ['這裡的醫保卡', '这里的医保卡'],
    ['拖欠農民工工資', '拖欠农民工工资'],
    ['ＡＢＣ１２３，！', 'abc123,!'],
    ['全角\u3000空格', '全角 空格'],
    ['iPhone WI-FI', 'iphone wi-fi'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('leaves Simplified text as it is (著, 么 and 干 are not rewritten)', () => {
    const simplified = '显著提高了著名的著作。什么怎么这么多么、干部干净后面头发发现一只只有周末面条钟表于是里面';
    expect(foldText(simplified)).toBe(simplified);
  });

  it('is idempotent on every word of the jieba dictionary', () => {
    const words = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[0] ?? '')
      .filter((word) => word.length > 0);
    expect(words.length).toBeGreaterThan(300_000);
    const unstable = words.filter((word) => {
      const once = foldText(word);
      return foldText(once) !== once;
    });
    expect(unstable).toEqual([]);
  });

  it('keeps the length of Chinese text, so folded offsets are original offsets', () => {
    const text = '我的醫保卡在臺灣許昌繳費裡面';
    expect(foldText(text)).toHaveLength(text.length);
  });
});

describe('foldTextMapped', () => {
  it('maps folded offsets to the same original offsets when lengths agree', () => {
    const { folded, toOriginal } = foldTextMapped('我的醫保卡');
    expect(folded).toBe('我的医保卡');
    expect(toOriginal(2, 4)).toEqual([2, 4]);
  });

  it('falls back to code points when a character folds into a surrogate pair (㗲 → 𠵾)', () => {
    const text = '㗲醫保😀醫保';
    const { folded, toOriginal } = foldTextMapped(text);
    expect(folded.length).toBeGreaterThan(text.length);
    const at = folded.indexOf('医保', 3);
    const [start, end] = toOriginal(at, at + 2);
    expect(text.slice(start, end)).toBe('醫保');
    expect(start).toBe(5);
  });

  it('stays unit by unit when surrogate pairs are left unchanged', () => {
    const text = '😀醫保';
    const { folded, toOriginal } = foldTextMapped(text);
    expect(folded).toBe('😀医保');
    expect(toOriginal(2, 4)).toEqual([2, 4]);
  });
});
