/**
 * Pure geometry of the unrolled diagram: where each step's column sits, the rows of the picture,
 * which steps read an input and carry a loss, the truncated-BPTT window and the log scale of
 * gradient norms. No DOM here, so it is unit-tested.
 */
import type { CellType } from '../engine/types';
import type { SequenceShape } from '../engine/tasks/types';
import { charsThatFit, MONO_CHAR_EM } from './tokens';

/** 'read': columns wide enough for tokens (scrolls for long T); 'fit': all T steps in view. */
export type Zoom = 'read' | 'fit';

export interface UnrolledLayoutInput {
  T: number;
  layers: number;
  cell: CellType;
  /** Width available to the diagram in CSS pixels. */
  containerWidth: number;
  zoom: Zoom;
  /** Characters of the longest token to show whole (default 6); 'read' columns widen to fit it. */
  tokenChars?: number;
}

export interface UnrolledLayout {
  /** Width of one time step's column. */
  stepWidth: number;
  /** Whole drawing size; width may exceed the container (then it scrolls). */
  width: number;
  height: number;
  /** Left margin holding the row labels. */
  left: number;
  /** Width and height of a node box. */
  boxW: number;
  boxH: number;
  /** Width of the input and output token boxes (wider than boxW for whole words), and the characters they hold. */
  tokenBoxW: number;
  tokenChars: number;
  /**
   * When words do not fit a fitted column, the token boxes alternate up and down by this much (px), so
   * each may be nearly two columns wide and words stay whole; 0 otherwise. See {@link tokenOffset}.
   */
  stagger: number;
  /** Whether tokens and weight names fit inside a column. */
  showText: boolean;
  /** y of each row's centre. layers[l] is layer l (0 = bottom); highway[l] only for LSTM. */
  rows: { loss: number; y: number; layers: number[]; highway: number[] | null; x: number; contrib: number };
  /** Height of the per-step contribution bars' row. */
  contribHeight: number;
  /** x of the sum bar of the contributions (right of the last step). */
  sumX: number;
}

const LEFT = 78;
const RIGHT = 64;
const MIN_READ = 52;
const MAX_READ = 96;
const MIN_FIT = 4;
/** How far staggered token boxes move up or down (px): just over half a box, so neighbours clear each other. */
const STAGGER = 12;
/** Font size of the token labels (CSS .ur-token) and the padding inside their boxes. */
const TOKEN_PX = 12;
const TOKEN_PAD = 8;

/** The token box that holds `chars` monospace characters whole. */
function tokenBoxFor(chars: number): number {
  return Math.ceil(chars * TOKEN_PX * MONO_CHAR_EM + TOKEN_PAD);
}

/**
 * Width of one step's column for T steps in `containerWidth` pixels. In 'read' zoom a column is wide
 * enough for a token of `tokenChars` characters whole (the diagram scrolls instead of cutting words).
 */
export function stepWidthFor(containerWidth: number, T: number, zoom: Zoom, tokenChars = 6): number {
  const avail = Math.max(0, containerWidth - LEFT - RIGHT);
  const even = avail / Math.max(1, T);
  if (zoom === 'fit') return Math.max(MIN_FIT, Math.min(MAX_READ, even));
  const minRead = Math.max(MIN_READ, tokenBoxFor(tokenChars) + 8);
  return Math.max(minRead, Math.min(Math.max(MAX_READ, minRead), even));
}

/** The layout of the diagram (see {@link UnrolledLayout}). */
export function layoutUnrolled({ T, layers, cell, containerWidth, zoom, tokenChars = 6 }: UnrolledLayoutInput): UnrolledLayout {
  const stepWidth = stepWidthFor(containerWidth, T, zoom, tokenChars);
  const boxW = stepWidth < 20 ? Math.max(2, stepWidth - 1) : Math.min(44, stepWidth - 10);
  // token boxes grow to hold the longest token whole, within their column; when all steps are fitted
  // in view and words would be cut, the boxes alternate up and down and take nearly two columns each
  let tokenBoxW = stepWidth < 20 ? boxW : Math.max(boxW, Math.min(stepWidth - 6, tokenBoxFor(tokenChars)));
  let shownChars = charsThatFit(tokenBoxW - TOKEN_PAD, TOKEN_PX);
  const stagger = zoom === 'fit' && stepWidth >= 30 && shownChars < tokenChars && T > 1 ? STAGGER : 0;
  if (stagger > 0) {
    tokenBoxW = Math.max(tokenBoxW, Math.min(2 * stepWidth - 4, tokenBoxFor(tokenChars)));
    shownChars = charsThatFit(tokenBoxW - TOKEN_PAD, TOKEN_PX);
  }
  const boxH = 26;
  let y = 16;
  const loss = y;
  y += 36 + stagger;
  const out = y;
  y += 48 + stagger;
  const layerY: number[] = new Array<number>(layers);
  const highway: number[] | null = cell === 'lstm' ? new Array<number>(layers) : null;
  for (let l = layers - 1; l >= 0; l--) {
    if (highway) {
      highway[l] = y;
      y += 30;
    }
    layerY[l] = y;
    y += 52;
  }
  y += stagger;
  const x = y;
  y += 40 + stagger;
  const contribHeight = 30;
  const contrib = y + contribHeight / 2;
  // room under the bars for the sum bar's label
  y += contribHeight + 18;
  return {
    stepWidth, width: LEFT + T * stepWidth + RIGHT, height: y, left: LEFT, boxW, boxH,
    tokenBoxW, tokenChars: shownChars, stagger,
    showText: stepWidth >= 30,
    rows: { loss, y: out, layers: layerY, highway, x, contrib },
    contribHeight,
    sumX: LEFT + T * stepWidth + RIGHT / 2,
  };
}

/** Centre x of step t's column. */
export function stepX(layout: Pick<UnrolledLayout, 'left' | 'stepWidth'>, t: number): number {
  return layout.left + (t + 0.5) * layout.stepWidth;
}

/**
 * The steps [from, to] (inclusive) whose columns show in a view `viewWidth` pixels wide scrolled to
 * `scrollX`, plus `margin` steps on each side (the gradient ribbons reach into the next column).
 * Empty (from > to) when T = 0.
 */
export function visibleSteps(layout: Pick<UnrolledLayout, 'left' | 'stepWidth'>, T: number, scrollX: number, viewWidth: number,
  margin = 1): [number, number] {
  const from = Math.floor((scrollX - layout.left) / layout.stepWidth) - margin;
  const to = Math.floor((scrollX + viewWidth - layout.left) / layout.stepWidth) + margin;
  return [Math.max(0, from), Math.min(T - 1, to)];
}

/** The steps [from, to] (inclusive) whose columns are wholly in a view `viewWidth` wide scrolled to `scrollX`. */
export function wholeStepsInView(layout: Pick<UnrolledLayout, 'left' | 'stepWidth'>, T: number, scrollX: number,
  viewWidth: number): [number, number] {
  const from = Math.max(0, Math.ceil((scrollX - layout.left) / layout.stepWidth - 0.05));
  const to = Math.min(T - 1, Math.floor((scrollX + viewWidth - layout.left) / layout.stepWidth + 0.05) - 1);
  return [from, Math.max(from, to)];
}

/** The step under pixel x, or null when x is outside every column. */
export function stepAt(layout: Pick<UnrolledLayout, 'left' | 'stepWidth'>, T: number, x: number): number | null {
  const t = Math.floor((x - layout.left) / layout.stepWidth);
  return t >= 0 && t < T ? t : null;
}

/**
 * Which steps carry a loss [T]. From the targets when given (target ≥ 0), otherwise from the shape:
 * many-to-one only the last step; one-to-many and many-to-many every step.
 */
export function lossSteps(shape: SequenceShape, T: number, targets?: readonly number[]): boolean[] {
  if (targets && targets.length === T) return targets.map((id) => id >= 0);
  return Array.from({ length: T }, (_, t) => shape !== 'many-to-one' || t === T - 1);
}

/** Which steps read a real input [T]: one-to-many only the first; otherwise every step. */
export function inputSteps(shape: SequenceShape, T: number): boolean[] {
  return Array.from({ length: T }, (_, t) => shape !== 'one-to-many' || t === 0);
}

/** The step the diagram focuses on: hovered, else selected, else the last step with a loss. */
export function focusStep(hover: number | null, selected: number | null, losses: readonly boolean[]): number {
  const T = losses.length;
  const inRange = (t: number | null): t is number => t !== null && t >= 0 && t < T;
  if (inRange(hover)) return hover;
  if (inRange(selected)) return selected;
  const last = losses.lastIndexOf(true);
  return last >= 0 ? last : T - 1;
}

/** The loss whose window is drawn for a focused step: the first loss at or after it, else the last loss. */
export function windowAnchor(focus: number, losses: readonly boolean[]): number {
  for (let t = Math.max(0, focus); t < losses.length; t++) if (losses[t]) return t;
  const last = losses.lastIndexOf(true);
  return last >= 0 ? last : focus;
}

/**
 * The truncated-BPTT window of the loss at step `focus`: the steps its gradient reaches, k of them
 * ending at `focus` (inclusive). Null for full BPTT (k = 0, or k ≥ the steps before focus).
 */
export function truncationWindow(k: number, focus: number): { from: number; to: number } | null {
  if (!(k > 0) || k > focus) return null; // the window already reaches step 0
  return { from: focus - k + 1, to: focus };
}

/**
 * A log scale for gradient norms mapping to [0, 1]: the largest finite value → 1, values `decades`
 * orders of magnitude smaller (or less, or zero, or NaN) → 0. Handles 1e-30 … 1e30 and exact zeros.
 */
export function logNormScale(values: ArrayLike<number>, decades = 4): (v: number) => number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    if (Number.isFinite(v) && v > max) max = v;
  }
  if (max === 0) return () => 0;
  const top = Math.log10(max);
  return (v: number) => {
    const a = Math.abs(v);
    if (Number.isNaN(a) || a === 0) return 0;
    if (!Number.isFinite(a)) return 1;
    return Math.max(0, Math.min(1, (Math.log10(a) - top + decades) / decades));
  };
}

/** Split H units into at most `groups` contiguous ranges [start, end) of near-equal size. */
export function unitGroups(H: number, groups: number): [number, number][] {
  const n = Math.max(1, Math.min(H, groups));
  return Array.from({ length: n }, (_, g) => [Math.floor((g * H) / n), Math.floor(((g + 1) * H) / n)] as [number, number]);
}

/** The group index holding unit j. */
export function groupOf(ranges: readonly [number, number][], j: number): number {
  return ranges.findIndex(([a, b]) => j >= a && j < b);
}

/**
 * Each step's signed share as a fraction of `total` [T]: shares that add up to the total give fractions
 * that add up to 1. Non-finite values count as 0; a total that is not positive and finite → zeros.
 */
export function signedShares(values: ArrayLike<number>, total: number): number[] {
  const ok = Number.isFinite(total) && total > 0;
  return Array.from(values, (v) => (ok && Number.isFinite(v) ? v / total : 0));
}

/**
 * The stacked sum bar of signed shares (fractions adding up to 1) in a box from `top`, `height` tall:
 * positive shares stack up from the bottom to the full height, negative ones then come back down from
 * the top, so where they end is the whole. One { y, height } per share.
 */
export function stackShares(shares: readonly number[], top: number, height: number): { y: number; height: number }[] {
  const up = shares.reduce((a, c) => a + Math.max(0, c), 0);
  const px = up > 0 ? height / up : 0;
  const bottom = top + height;
  let rise = 0;
  let fall = 0;
  return shares.map((c) => {
    const h = Math.abs(c) * px;
    const y = c >= 0 ? bottom - rise - h : top + fall;
    if (c >= 0) rise += h; else fall += h;
    return { y, height: h };
  });
}

/** The vertical offset of step t's token boxes (input and output rows): up for even steps, down for odd, when staggered. */
export function tokenOffset(L: Pick<UnrolledLayout, 'stagger'>, t: number): number {
  return L.stagger === 0 ? 0 : t % 2 === 0 ? -L.stagger : L.stagger;
}

/** The one step that carries a loss (of {@link lossSteps}), or null when none or several do. */
export function onlyScoredStep(losses: readonly boolean[]): number | null {
  const first = losses.indexOf(true);
  return first >= 0 && losses.indexOf(true, first + 1) < 0 ? first : null;
}

/**
 * The scroll (diagram units) that brings step t's column wholly into a view `view` wide, moving the
 * least from `scrollX`: a step right of the view ends at its right edge; a step left of it (or under
 * the row names pinned at the left edge of a scrolled view) starts just right of those names, with one
 * column of context before it when the view holds more than three. A diagram that fits does not scroll (0).
 */
export function scrollToShow(layout: Pick<UnrolledLayout, 'left' | 'stepWidth' | 'width'>, t: number, scrollX: number, view: number): number {
  if (layout.width <= view + 1) return 0;
  const sw = layout.stepWidth;
  const from = stepX(layout, t) - sw / 2;
  const to = from + sw;
  let x = scrollX;
  if (to > x + view) x = to - view;
  // scrolled, the view's left edge holds the pinned row names (as wide as the left margin)
  if (x > 0 && from < x + layout.left) x = from - layout.left - (view - layout.left > 3 * sw ? sw : 0);
  return Math.max(0, Math.min(layout.width - view, x));
}
