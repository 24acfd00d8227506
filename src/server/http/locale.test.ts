import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locale.js';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.2, zh-HK;q=0.8', 'zh-TW'],
    ['de', 'zh-CN'],
  ])('maps %s to %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
