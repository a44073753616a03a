/**
 * String lookup for the two languages. Every visible string goes through `translate`; a missing key
 * falls back to English, then to the key itself (and a unit test fails on any missing key).
 */
import { en } from './en';
import { LANGS, type Lang } from './langs';

export { LANGS, type Lang } from './langs';
/**
 * The string tables. English is built in; Chinese arrives with {@link loadLang} (its own chunk, so a
 * page in English never fetches it); until then a Chinese lookup falls back to English.
 */
export const tables: Record<Lang, Record<string, string>> = { en, 'zh-CN': {} };

const loaded = new Set<Lang>(['en']);
let zhLoad: Promise<void> | null = null;

/** Whether `lang`'s table is here (English always is). */
export function isLangLoaded(lang: Lang): boolean {
  return loaded.has(lang);
}

/** Fetches `lang`'s table once (strings added before it arrives, such as the notes, are kept). */
export function loadLang(lang: Lang): Promise<void> {
  if (loaded.has(lang)) return Promise.resolve();
  zhLoad ??= import('./zh-CN').then(({ zhCN }) => {
    tables['zh-CN'] = { ...zhCN, ...tables['zh-CN'] };
    loaded.add('zh-CN');
  });
  return zhLoad;
}

export type Params = Record<string, string | number>;

/** A lookup bound to one language: `translate(lang, key, params)` with lang fixed. */
export type Translator = (key: string, params?: Params) => string;

/**
 * Adds strings that only part of the page needs and loads with it (the presenter's notes, in the
 * console window): the tables gain them for `translate`. Mutates `tables`.
 */
export function addStrings(more: Record<Lang, Record<string, string>>): void {
  for (const lang of LANGS) Object.assign(tables[lang], more[lang]);
}

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

/** Number formats by language and significant digits (0: integers), built once each. */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}/${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, digits > 0 ? { maximumSignificantDigits: digits } : undefined);
    formats.set(key, f);
  }
  return f;
}

/** A number for display in `lang` (grouping and decimal marks), with up to `digits` significant digits. */
export function formatNumber(lang: Lang, value: number, digits = 4): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return numberFormat(lang, 0).format(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(Math.max(0, digits - 1));
  return numberFormat(lang, Math.min(21, Math.max(1, Math.round(digits)))).format(value);
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
