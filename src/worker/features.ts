/**
 * What do the units track? Simple features of a character text, one number per character, and the
 * units whose values correlate best with each (Pearson's r over the positions). Pure functions.
 */

/** The features, in the order they are listed. */
export const FEATURES = [
  'quote', 'bracket', 'wordStart', 'wordEnd', 'afterSpace', 'space', 'vowel', 'capital', 'digit', 'punct', 'linePos', 'wordPos',
] as const;
export type Feature = (typeof FEATURES)[number];

/** One feature's best unit: its index (from 0) and Pearson's r between its values and the feature. */
export interface FeatureMatch { feature: Feature; unit: number; r: number }

const LETTER = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;
const VOWEL = /^[aeiouAEIOU]$/;
const CAPITAL = /^\p{Lu}$/u;
const DIGIT = /^\p{Nd}$/u;
const PUNCT = /^\p{P}$/u;
const OPEN_QUOTE: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', '«': '»' };
const OPEN_BRACKET: Record<string, string> = { '(': ')', '[': ']', '{': '}', '（': '）', '【': '】' };

/**
 * The features of each character (1/0, or a count for the positions):
 * quote — inside quotes, both marks included (" “” 「」 『』 «», and single quotes that open after a
 * non-letter and close before one, so that apostrophes are not quotes); bracket — inside brackets, both
 * included; wordStart / wordEnd — a letter or digit with none before / after it; afterSpace — the
 * character before is white space; space; vowel (a e i o u); capital; digit; punct — punctuation;
 * linePos — characters since the line began; wordPos — letters since the word began (0 outside words).
 */
export function textFeatures(chars: readonly string[]): Record<Feature, Float64Array> {
  const T = chars.length;
  const f = Object.fromEntries(FEATURES.map((k) => [k, new Float64Array(T)])) as Record<Feature, Float64Array>;
  const isLetter = (k: number) => k >= 0 && k < T && LETTER.test(chars[k]!);
  let quoteClose: string | null = null;
  const brackets: string[] = [];
  let line = 0;
  let word = 0;
  for (let t = 0; t < T; t++) {
    const ch = chars[t]!;
    // quotes: the opening and closing marks count as inside
    let inQuote = quoteClose !== null;
    if (quoteClose === null) {
      if (OPEN_QUOTE[ch] !== undefined) { quoteClose = OPEN_QUOTE[ch]; inQuote = true; }
      else if (ch === '\'' && !isLetter(t - 1) && isLetter(t + 1)) { quoteClose = '\''; inQuote = true; }
    } else if (ch === quoteClose && (ch !== '\'' || !isLetter(t + 1))) quoteClose = null;
    else if (ch === '\n' && quoteClose === '\'') { quoteClose = null; inQuote = false; }
    f.quote[t] = inQuote ? 1 : 0;
    if (OPEN_BRACKET[ch] !== undefined) brackets.push(OPEN_BRACKET[ch]);
    f.bracket[t] = brackets.length > 0 ? 1 : 0;
    if (brackets.length > 0 && ch === brackets[brackets.length - 1]) brackets.pop();
    const letter = isLetter(t);
    f.wordStart[t] = letter && !isLetter(t - 1) ? 1 : 0;
    f.wordEnd[t] = letter && !isLetter(t + 1) ? 1 : 0;
    f.afterSpace[t] = t > 0 && SPACE.test(chars[t - 1]!) ? 1 : 0;
    f.space[t] = SPACE.test(ch) ? 1 : 0;
    f.vowel[t] = VOWEL.test(ch) ? 1 : 0;
    f.capital[t] = CAPITAL.test(ch) ? 1 : 0;
    f.digit[t] = DIGIT.test(ch) ? 1 : 0;
    f.punct[t] = PUNCT.test(ch) ? 1 : 0;
    f.linePos[t] = line;
    line = ch === '\n' ? 0 : line + 1;
    word = letter ? word + 1 : 0;
    f.wordPos[t] = word;
  }
  return f;
}

/** Pearson's correlation of x and y (0 when either is constant). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, n = Math.min(x.length, y.length)): number {
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) { mx += x[k]!; my += y[k]!; }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const a = x[k]! - mx;
    const b = y[k]! - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  if (!(sxx > 1e-12 && syy > 1e-12)) return 0;
  const r = sxy / Math.sqrt(sxx * syy);
  return Number.isFinite(r) ? r : 0;
}

/**
 * For each feature present in the text, the unit of `values` [T][H] whose values correlate best with
 * it (largest |r|), best matches first. Features that never vary in the text are left out. Each r is
 * {@link pearson}'s, summed in the same order (so the same number), but the values are read row by
 * row, all units at once, and each unit's mean and spread are worked out once for every feature.
 */
export function featureUnits(values: Float64Array, T: number, H: number, features: Record<Feature, Float64Array>): FeatureMatch[] {
  const out: FeatureMatch[] = [];
  if (T < 2) return out;
  const my = new Float64Array(H); // each unit's mean, [H]
  for (let t = 0; t < T; t++) for (let j = 0, r = t * H; j < H; j++) my[j] += values[r + j]!;
  for (let j = 0; j < H; j++) my[j] = my[j]! / T;
  const syy = new Float64Array(H); // Σ (v − mean)², [H]
  for (let t = 0; t < T; t++) {
    for (let j = 0, r = t * H; j < H; j++) {
      const b = values[r + j]! - my[j]!;
      syy[j] += b * b;
    }
  }
  const sxy = new Float64Array(H);
  for (const feature of FEATURES) {
    const x = features[feature];
    let mx = 0;
    for (let t = 0; t < T; t++) mx += x[t]!;
    mx /= T;
    let sxx = 0;
    sxy.fill(0);
    for (let t = 0; t < T; t++) {
      const a = x[t]! - mx;
      sxx += a * a;
      for (let j = 0, r = t * H; j < H; j++) sxy[j] += a * (values[r + j]! - my[j]!);
    }
    let best: FeatureMatch | null = null;
    for (let j = 0; j < H; j++) {
      if (!(sxx > 1e-12 && syy[j]! > 1e-12)) continue;
      const r = sxy[j]! / Math.sqrt(sxx * syy[j]!);
      if (Number.isFinite(r) && r !== 0 && (!best || Math.abs(r) > Math.abs(best.r))) best = { feature, unit: j, r };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
}
