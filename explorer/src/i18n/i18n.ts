import { useEffect, useState } from 'preact/hooks';
import { zh, type MessageKey } from './zh';
import { en } from './en';
import { enumsEn, enumsZh, type EnumKey } from './enums';

export type Locale = 'zh' | 'en';

const CATALOGUES: Record<Locale, Record<MessageKey | EnumKey, string>> = {
  zh: { ...zh, ...enumsZh },
  en: { ...en, ...enumsEn },
};
const STORAGE_KEY = 'explorer.locale';

function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let locale: Locale = initialLocale();
const listeners = new Set<() => void>();

export function currentLocale(): Locale {
  return locale;
}

export function setLocale(next: Locale): void {
  locale = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this page only.
  }
  listeners.forEach((listener) => listener());
}

/** A message of the current locale, with `{name}` placeholders filled in. */
export function t(key: MessageKey | EnumKey, parameters: Record<string, string | number> = {}): string {
  const template = CATALOGUES[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in parameters ? String(parameters[name]) : whole));
}

/** The name of an API enum value (or an EntityKind) in the current locale; the value itself when unknown. */
export function enumLabel(value: string): string {
  const key = `enum.${value}` as EnumKey;
  return CATALOGUES[locale][key] ?? value;
}

/** The name of an expertise level (its EXPERT value is spelled EXPERT_LEVEL in the catalogue). */
export function levelLabel(level: string): string {
  return enumLabel(level === 'EXPERT' ? 'EXPERT_LEVEL' : level);
}

/** Re-renders the calling component when the locale changes; returns the locale. */
export function useLocale(): Locale {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((version) => version + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return locale;
}

export function formatNumber(value: number, digits = 2): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: digits }).format(value);
}
