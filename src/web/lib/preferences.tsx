import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LOCALES, type Locale } from '../../shared/domain';
import { setApiLanguage } from './api-client';

const LOCALE_KEY = 'minsheng.locale';
const ELDERLY_KEY = 'minsheng.elderly';

interface Preferences {
  locale: Locale;
  elderly: boolean;
  setLocale(locale: Locale): void;
  setElderly(elderly: boolean): void;
}

const PreferencesContext = createContext<Preferences | null>(null);

// localStorage throws in some privacy modes; preferences then last for the visit only.
function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* see read() */
  }
}

function isLocale(value: string | null): value is Locale {
  return value !== null && (LOCALES as readonly string[]).includes(value);
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const stored = read(LOCALE_KEY);
    const initial = isLocale(stored) ? stored : 'zh-CN';
    // Set before the first render so the very first request carries the language.
    setApiLanguage(initial);
    return initial;
  });
  const [elderly, setElderlyState] = useState<boolean>(() => read(ELDERLY_KEY) === '1');

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    document.documentElement.classList.toggle('elderly', elderly);
  }, [elderly]);

  const setLocale = useCallback((next: Locale) => {
    write(LOCALE_KEY, next);
    setApiLanguage(next);
    setLocaleState(next);
  }, []);

  const setElderly = useCallback((next: boolean) => {
    write(ELDERLY_KEY, next ? '1' : '0');
    setElderlyState(next);
  }, []);

  const value = useMemo(() => ({ locale, elderly, setLocale, setElderly }), [locale, elderly, setLocale, setElderly]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
