/**
 * The HTML parts of a panel redrawn as SVG: text as `<text>` runs, one per line, at the place the
 * browser laid it out; boxes as their background and solid borders. This keeps the picture a plain
 * SVG (no foreignObject), so it can also be painted into a PNG. Fonts fall back to the system's.
 */
import { plainColor } from './color';
import { withFallback } from './svgClone';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A point of the outer picture for a viewport rectangle of the page. */
export type Place = (r: DOMRect | { left: number; top: number; width: number; height: number }, el: Element) => { x: number; y: number };

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function fillAttrs(css: string, prop: 'fill' | 'stroke' = 'fill'): Record<string, string | number> | null {
  const c = plainColor(css);
  if (!c || c.alpha === 0) return null;
  return c.alpha === 1 ? { [prop]: c.rgb } : { [prop]: c.rgb, [`${prop}-opacity`]: c.alpha };
}

/** Background and solid borders of one HTML element, appended to `out`. */
export function boxParts(el: HTMLElement, place: Place, out: SVGElement[], size?: { width: number; height: number }): void {
  const cs = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const r = { width: size?.width ?? box.width, height: size?.height ?? box.height };
  if (r.width <= 0 || r.height <= 0) return;
  const { x, y } = place(box, el.parentElement ?? el);
  const radius = parseFloat(cs.borderTopLeftRadius) || 0;
  const bg = fillAttrs(cs.backgroundColor);
  if (bg) out.push(svgEl('rect', { x, y, width: r.width, height: r.height, rx: radius, ...bg }));
  const sides = (['Top', 'Right', 'Bottom', 'Left'] as const).map((s) => ({
    side: s,
    w: cs.getPropertyValue(`border-${s.toLowerCase()}-style`).match(/^(solid|double|dashed|dotted)$/) ? parseFloat(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)) || 0 : 0,
    color: cs.getPropertyValue(`border-${s.toLowerCase()}-color`),
  }));
  const same = sides.every((s) => s.w === sides[0].w && s.color === sides[0].color);
  if (same && sides[0].w > 0 && radius > 0) {
    const stroke = fillAttrs(sides[0].color, 'stroke');
    const w = sides[0].w;
    if (stroke) out.push(svgEl('rect', { x: x + w / 2, y: y + w / 2, width: r.width - w, height: r.height - w, rx: Math.max(0, radius - w / 2), fill: 'none', 'stroke-width': w, ...stroke }));
    return;
  }
  for (const s of sides) {
    const paint = s.w > 0 ? fillAttrs(s.color) : null;
    if (!paint) continue;
    const b = s.side === 'Top' ? [x, y, r.width, s.w] : s.side === 'Bottom' ? [x, y + r.height - s.w, r.width, s.w]
      : s.side === 'Left' ? [x, y, s.w, r.height] : [x + r.width - s.w, y, s.w, r.height];
    out.push(svgEl('rect', { x: b[0], y: b[1], width: b[2], height: b[3], ...paint }));
  }
}

interface Run { left: number; top: number; bottom: number; right: number; text: string }

/** The visible lines of one text node: consecutive characters on the same line, whitespace collapsed. */
function lineRuns(node: Text, pre: boolean): Run[] {
  const text = node.data;
  const range = document.createRange();
  const runs: Run[] = [];
  let cur: Run | null = null;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    range.setStart(node, i);
    range.setEnd(node, i + len);
    const rects = range.getClientRects();
    const ch = text.slice(i, i + len);
    i += len - 1;
    const rc = rects[rects.length - 1];
    if (!rc || rc.width === 0) { if (cur && /\s/.test(ch)) cur.text += ' '; continue; }
    const sameLine = cur && Math.abs(rc.top - cur.top) < rc.height / 2 && rc.left >= cur.right - 1;
    if (!sameLine) {
      if (cur) runs.push(cur);
      cur = { left: rc.left, top: rc.top, bottom: rc.bottom, right: rc.right, text: '' };
      if (/\s/.test(ch) && !pre) { cur = null; continue; }
    }
    cur!.text += ch;
    cur!.right = rc.right;
    cur!.bottom = Math.max(cur!.bottom, rc.bottom);
  }
  if (cur) runs.push(cur);
  range.detach();
  return runs
    .map((r) => ({ ...r, text: pre ? r.text : r.text.replace(/\s+/g, ' ').replace(/ $/, '') }))
    .filter((r) => r.text.trim() !== '');
}

/** One text node as `<text>` elements (one per line), in the font and colour of its parent. */
export function textParts(node: Text, place: Place, out: SVGElement[]): void {
  const parent = node.parentElement;
  if (!parent || !node.data.trim()) return;
  const cs = getComputedStyle(parent);
  const color = fillAttrs(cs.color);
  if (!color) return;
  const pre = /^pre/.test(cs.whiteSpace);
  for (const run of lineRuns(node, pre)) {
    const h = run.bottom - run.top;
    const { x, y } = place({ left: run.left, top: run.top, width: run.right - run.left, height: h }, parent);
    const t = svgEl('text', {
      x, y: y + h * 0.79, 'font-size': cs.fontSize, 'font-family': withFallback(cs.fontFamily),
      // the line keeps its on-screen width whatever font the reader has
      textLength: Math.round((run.right - run.left) * 100) / 100, lengthAdjust: 'spacingAndGlyphs',
      ...(cs.fontWeight !== '400' ? { 'font-weight': cs.fontWeight } : {}),
      ...(cs.fontStyle !== 'normal' ? { 'font-style': cs.fontStyle } : {}),
      ...color,
    });
    if (pre || /\s\s|^\s|\s$/.test(run.text)) t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
    t.textContent = run.text;
    out.push(t);
  }
}
