/**
 * The size of the text a panel draws. Every label (SVG or canvas, tick, legend, token, read-out,
 * tooltip) is its normal size times one text scale: 1 normally, PRESENT_TEXT_SCALE in presentation
 * mode. CSS reads it as the custom property `--viz-scale` (set on the root element from the same
 * number); renderers get it as `textScale` and grow the room around their text by it.
 */

/** The text scale in presentation mode: the smallest chart text (10 px ticks) becomes 16 px. */
export const PRESENT_TEXT_SCALE = 1.6;

/** The text scale for a page in presentation mode or not. */
export function textScaleFor(present: boolean): number {
  return present ? PRESENT_TEXT_SCALE : 1;
}

/** A usable scale: finite and at least 1 (anything else is 1). */
export function cleanScale(k: number | undefined): number {
  return typeof k === 'number' && Number.isFinite(k) && k >= 1 ? k : 1;
}

/** Margins grown by the text scale (whole pixels), for the room that holds tick labels and titles. */
export function scaleMargins<M extends Record<string, number>>(m: M, k: number): M {
  const out = {} as Record<string, number>;
  for (const [key, v] of Object.entries(m)) out[key] = Math.round(v * k);
  return out as M;
}

/**
 * For a chart drawn in a viewBox `viewWidth` units wide and shown `shownPx` CSS px wide: how much
 * its text (in viewBox units) and the margins holding it grow so that the text shows at least
 * `textScale` times its normal size. 1 at text scale 1 (the chart looks as it always did), and 1 when
 * the viewBox is already magnified enough; `textScale` itself when the shown width is unknown.
 */
export function viewBoxTextScale(textScale: number | undefined, viewWidth: number, shownPx: number): number {
  const k = cleanScale(textScale);
  if (k === 1) return 1;
  if (!(shownPx > 0)) return k;
  return Math.max(1, (k * viewWidth) / shownPx);
}

/**
 * The width (CSS px) a chart in `host` is shown at: the host's, or while it is hidden (a chart waiting
 * for data) that of its nearest shown ancestor; 0 when nothing is laid out.
 */
export function shownWidth(host: Element): number {
  for (let el: Element | null = host; el; el = el.parentElement) if (el.clientWidth > 0) return el.clientWidth;
  return 0;
}

/** Margins grown by `g` and the height grown by as much as they did, so the plot keeps its height. */
export function grownFrame<M extends { top: number; bottom: number }>(margin: M, height: number, g: number): { M: M; H: number } {
  const M = scaleMargins(margin as M & Record<string, number>, g);
  return { M, H: height + (M.top + M.bottom - margin.top - margin.bottom) };
}
