/**
 * Reading and writing the shareable state as a human-readable query string, driven by the PARAMS
 * table. `parseUrl` never throws: any input gives a valid state, with a notice for every parameter
 * it could not use. `formatUrl` writes only values that differ from the defaults, and
 * `parseUrl(formatUrl(s))` gives back `s` for every valid state whose text fits in a link.
 *
 * Time steps, units and layers count from 1 in the address, as on the page (`step=3&unit=2` is what
 * the page calls step 3, unit 2); the state holds them 0-based. Links written before the address
 * counted from 1 are not migrated: they carry no mark of their age, and the panels of that time
 * disagreed among themselves about which step a number meant, so such a link lands one step (or
 * unit) over at worst, and a 0 gets a notice naming the range.
 */
import { fitSizes } from './budget';
import type { Notice } from './types';
import {
  DEFAULT_URL_STATE, PARAMS, QUERY_MAX, URL_TEXT_ENCODED_MAX, fromAddressNumber, specOf, toAddressNumber, type NumberSpec,
  type ParamSpec, type UrlState,
} from './params';

/** At most this many notices are kept; the rest are counted in one more notice. */
const MAX_NOTICES = 5;
/** Parameter names and values quoted in notices are cut to this length. */
const QUOTE_MAX = 40;

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TRUE_WORDS = ['', '1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

type Value = UrlState[keyof UrlState];
type Parsed = { ok: true; value: Value; notice?: Notice } | { ok: false; notice: Notice };

/** Replaces unpaired UTF-16 surrogates (which cannot be written to a URL) with U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function quote(s: string): string {
  const clean = Array.from(wellFormed(s.slice(0, QUOTE_MAX + 1)), (ch) => (ch.charCodeAt(0) < 32 || ch === '\u007f' ? ' ' : ch)).join('');
  return clean.length > QUOTE_MAX ? `${clean.slice(0, QUOTE_MAX)}…` : clean;
}

function parseValue(spec: ParamSpec, raw: string): Parsed {
  const name = spec.key;
  const bad: Parsed = { ok: false, notice: { key: 'notice.url.invalid', params: { name, value: quote(raw) } } };
  const text = raw.trim();
  switch (spec.type) {
    case 'number':
    case 'int': {
      if (spec.nullable && text === '') return { ok: true, value: null };
      if (!NUMBER_RE.test(text)) return bad;
      const read = Number(text);
      if (!Number.isFinite(read) || (spec.type === 'int' && !Number.isInteger(read))) return bad;
      const v = fromAddressNumber(spec, read);
      if (v >= spec.min && v <= spec.max) return { ok: true, value: v + 0 };
      // out of range is invalid: the default is used, and the notice gives the range as the address counts
      const [min, max] = [toAddressNumber(spec, spec.min), toAddressNumber(spec, spec.max)];
      return { ok: false, notice: { key: 'notice.url.range', params: { name, value: quote(raw), min, max } } };
    }
    case 'enum': {
      const word = text.toLowerCase();
      const found = spec.values.find((v) => v.toLowerCase() === word) ?? (spec.aliases && Object.hasOwn(spec.aliases, word) ? spec.aliases[word] : undefined);
      return found === undefined ? bad : { ok: true, value: found };
    }
    case 'bool': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.includes(word)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(word)) return { ok: true, value: false };
      return bad;
    }
    case 'string': {
      const s = wellFormed(raw);
      if (s.length > spec.maxLength) return { ok: false, notice: { key: 'notice.url.tooLong', params: { name, max: spec.maxLength } } };
      if (spec.nullable && s === '') return { ok: true, value: null };
      if (spec.pattern && !spec.pattern.test(s)) return bad;
      return { ok: true, value: s };
    }
    case 'list': {
      const items = text.split(',').map((x) => x.trim().toLowerCase()).filter((x) => x !== '');
      const accepts = (x: string) => spec.values.includes(x) || (spec.pattern?.test(x) ?? false);
      const known = items.filter(accepts);
      const value = [...new Set(known)].slice(0, spec.maxItems ?? Infinity);
      const unknown = items.filter((x) => !accepts(x));
      if (unknown.length === 0) return { ok: true, value };
      return { ok: true, value, notice: { key: 'notice.url.listItem', params: { name, value: quote(unknown.join(',')) } } };
    }
  }
}

/** The parts of a query whose %-escapes are broken (URLSearchParams quietly turns them into U+FFFD). */
function brokenEscapes(search: string, hash: string): string[] {
  return `${search}&${hash}`.split(/[&#?]/).filter((part) => {
    try { decodeURIComponent(part.replace(/\+/g, ' ')); return false; } catch { return true; }
  });
}

/** Query-string pairs from the search part and a `#k=v&…` hash (the search part wins). */
function pairs(search: string, hash: string): [string, string][] {
  const out: [string, string][] = [];
  const h = hash.replace(/^#/, '');
  if (h.includes('=')) out.push(...new URLSearchParams(h));
  out.push(...new URLSearchParams(search.replace(/^\?/, '')));
  return out;
}

/** Fixes combinations that are each valid but not together (sizes past the cost budget, a layer above the top, a unit past H). */
function reconcile(state: UrlState, notices: Notice[]): void {
  const fitted = fitSizes(state);
  if (fitted.notice) {
    Object.assign(state, fitted.config);
    notices.push(fitted.notice);
  }
  const shown = (field: 'layer' | 'unit', v: number) => toAddressNumber(specOf(field) as NumberSpec, v);
  if (state.layer > state.layers - 1) {
    state.layer = state.layers - 1;
    notices.push({ key: 'notice.url.clamped', params: { name: 'layer', value: shown('layer', state.layer) } });
  }
  if (state.unit !== null && state.unit > state.hidden - 1) {
    state.unit = state.hidden - 1;
    notices.push({ key: 'notice.url.clamped', params: { name: 'unit', value: shown('unit', state.unit) } });
  }
}

/**
 * The state a URL describes. Never throws: unknown keys, malformed values and out-of-range numbers
 * become defaults with a notice naming the parameter; a malformed percent-escape gets a notice too.
 */
export function parseUrl(search: string, hash: string): { state: UrlState; notices: Notice[] } {
  const state: UrlState = { ...DEFAULT_URL_STATE, hide: [], show: [] };
  const notices: Notice[] = [];
  try {
    const seen = new Set<string>();
    for (const [rawKey, raw] of pairs(String(search ?? ''), String(hash ?? ''))) {
      const key = rawKey.trim().toLowerCase();
      if (key === '') continue;
      const spec = PARAMS.find((p) => p.key === key);
      if (!spec) {
        if (!seen.has(key)) notices.push({ key: 'notice.url.unknown', params: { name: quote(rawKey) } });
        seen.add(key);
        continue;
      }
      const parsed = parseValue(spec, raw);
      if (parsed.notice) notices.push(parsed.notice);
      (state as unknown as Record<string, Value>)[spec.field] = parsed.ok ? parsed.value : DEFAULT_URL_STATE[spec.field];
    }
    reconcile(state, notices);
    for (const part of brokenEscapes(String(search ?? ''), String(hash ?? ''))) {
      notices.push({ key: 'notice.url.badEscape', params: { value: quote(part) } });
    }
  } catch {
    return { state: { ...DEFAULT_URL_STATE, hide: [], show: [] }, notices: [{ key: 'notice.url.unreadable' }] };
  }
  return { state, notices: capNotices(notices) };
}

function capNotices(notices: Notice[]): Notice[] {
  if (notices.length <= MAX_NOTICES) return notices;
  return [...notices.slice(0, MAX_NOTICES - 1), { key: 'notice.url.more', params: { count: notices.length - MAX_NOTICES + 1 } }];
}

/** Percent-encodes only what must be encoded, so links stay readable (`hide=lr,seed`, `lr=0.01`). */
function encode(s: string): string {
  return encodeURIComponent(wellFormed(s)).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%20/g, '+');
}

/**
 * How many characters `s` takes in a link (percent-encoded, as {@link formatUrl} writes it), counted
 * without building the encoded text (200 KB of Chinese is 1.8 MB encoded, tens of ms to build):
 * an ASCII character kept as is (letters, digits, -_.!~*'() and the kept ,:/ and space as +) is 1,
 * another ASCII character 3 (%XX), a character of 2, 3 or 4 UTF-8 bytes 6, 9 or 12; a lone
 * surrogate is written as U+FFFD (9).
 */
export function encodedLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += KEPT_ASCII.test(s[i]!) ? 1 : 3;
    else if (c < 0x800) n += 6;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 12;
      i++;
    } else n += 9;
  }
  return n;
}
/** The ASCII characters a link carries as they are (space becomes +). */
const KEPT_ASCII = /[A-Za-z0-9\-_.!~*'(),:/ ]/;

/** Whether a link can carry this training text (its encoded length, not its characters, counts). */
export function textFitsLink(text: string): boolean {
  return encodedLength(text) <= URL_TEXT_ENCODED_MAX;
}

/** The parameters a too long address drops first, in order: the texts (they go by file or copy). */
const DROPPABLE = ['text', 'sentence'];

function formatValue(spec: ParamSpec, value: Value): string | null {
  if (value === null) return '';
  switch (spec.type) {
    case 'number':
    case 'int':
      return String(toAddressNumber(spec, value as number));
    case 'bool':
      return value ? '1' : '0';
    case 'list':
      return (value as string[]).join(',');
    case 'string':
      if ((value as string).length > spec.maxLength) return null;
      if (spec.key === 'text' && !textFitsLink(value as string)) return null;
      return wellFormed(value as string);
    default:
      return String(value);
  }
}

function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return Object.is(a, b);
}

/**
 * The query string (without `?`) for a state: only the parameters that differ from the defaults,
 * in table order, at most `maxLength` characters. A text longer than its parameter allows, or
 * whose encoding would make the address too long for common servers, is left out (it is not
 * shareable by link): first the training text, then the inspection sentence.
 */
export function formatUrl(state: UrlState, maxLength: number = QUERY_MAX): string {
  let parts: string[] = [];
  for (const spec of PARAMS) {
    const value = state[spec.field];
    if (sameValue(value, DEFAULT_URL_STATE[spec.field])) continue;
    const text = formatValue(spec, value);
    if (text === null) continue;
    parts.push(text === '' && value === null ? `${spec.key}=` : `${spec.key}=${encode(text)}`);
  }
  for (const key of DROPPABLE) {
    if (parts.join('&').length <= maxLength) break;
    parts = parts.filter((p) => !p.startsWith(`${key}=`));
  }
  return parts.join('&');
}
