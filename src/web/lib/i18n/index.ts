/**
 * A deliberately tiny i18n: flat keys, `{name}` placeholders, three
 * dictionaries checked by the compiler to hold exactly the same keys.
 */
import { useCallback } from 'react';
import type { Locale } from '../../../shared/domain';
import { usePreferences } from '../preferences';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';
import { zhTW } from './zh-TW';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function useT(): Translate {
  const { locale } = usePreferences();
  return useCallback((key, vars) => translate(locale, key, vars), [locale]);
}
