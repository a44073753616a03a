/**
 * String lookup for the two languages. Every visible string goes through `translate`; a missing key
 * falls back to English, then to the key itself (and a unit test fails on any missing key).
 */
import { en } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];
export const tables: Record<Lang, Record<string, string>> = { en, 'zh-CN': zhCN };

export type Params = Record<string, string | number>;

/** The string for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: string, params?: Params): string {
  const template = tables[lang][key] ?? tables.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? formatParam(lang, params[name]) : whole,
  );
}

function formatParam(lang: Lang, value: string | number): string {
  return typeof value === 'number' ? formatNumber(lang, value) : value;
}

/** A number for display in `lang` (grouping and decimal marks), with up to `digits` significant digits. */
export function formatNumber(lang: Lang, value: number, digits = 4): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString(lang);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(Math.max(0, digits - 1));
  return value.toLocaleString(lang, { maximumSignificantDigits: digits });
}

/** The language to start in: the URL's, else the browser's, else English. */
export function pickLang(fromUrl: string | null, browserLanguages: readonly string[]): Lang {
  if (fromUrl === 'en' || fromUrl === 'zh-CN') return fromUrl;
  for (const l of browserLanguages) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}
