/**
 * A standalone copy of one on-page `<svg>`: every element carries the computed styles that decide
 * how it looks (paint, stroke, text), so the copy renders the same without the page's stylesheets.
 */
import { plainColor } from './color';

/** The font stack appended to every font, so text renders on systems without the page's fonts. */
export const FONT_FALLBACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif';

/** Properties copied as they are computed. */
const PLAIN = [
  'opacity', 'fill-opacity', 'fill-rule', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline',
  'letter-spacing', 'paint-order', 'shape-rendering', 'vector-effect', 'visibility', 'mix-blend-mode',
] as const;

/** A font-family value with the fallback stack after it (unless it already ends in a generic family). */
export function withFallback(family: string): string {
  const f = family.trim();
  if (!f) return FONT_FALLBACK;
  if (/^"?KaTeX_/.test(f)) return `${f}, "Latin Modern Math", "STIX Two Math", "Cambria Math", "Times New Roman", serif`;
  return /(^|,)\s*(sans-serif|serif|monospace|cursive|fantasy)\s*$/i.test(f) ? f : `${f}, ${FONT_FALLBACK}`;
}

/** A paint (fill or stroke) for SVG: plain rgb plus its opacity, or a url(#id) reference kept local. */
function paint(value: string): { value: string; alpha: number } {
  const url = /url\(\s*["']?[^"')]*?(#[^"')]+)["']?\s*\)/.exec(value);
  if (url) return { value: `url(${url[1]})`, alpha: 1 };
  const c = plainColor(value);
  return c ? { value: c.rgb, alpha: c.alpha } : { value, alpha: 1 };
}

/** The inline style text of one element from its computed style. */
function styleOf(cs: CSSStyleDeclaration, isText: boolean): string {
  const parts: string[] = [];
  for (const [prop, opacityProp] of [['fill', 'fill-opacity'], ['stroke', 'stroke-opacity']] as const) {
    const p = paint(cs.getPropertyValue(prop));
    parts.push(`${prop}:${p.value}`);
    const op = Number(cs.getPropertyValue(opacityProp) || '1') * p.alpha;
    if (op !== 1) parts.push(`${opacityProp}:${Math.round(op * 1000) / 1000}`);
  }
  for (const prop of PLAIN) {
    if (prop === 'fill-opacity' || prop === 'stroke-opacity') continue;
    const v = cs.getPropertyValue(prop);
    if (v && v !== 'normal' && v !== 'auto' && v !== 'none' && !(prop === 'opacity' && v === '1') && !(prop === 'visibility' && v === 'visible')) {
      parts.push(`${prop}:${v}`);
    }
  }
  if (isText) parts.push(`font-family:${withFallback(cs.getPropertyValue('font-family'))}`);
  if (cs.getPropertyValue('display') === 'none') parts.push('display:none');
  return parts.join(';');
}

/**
 * A deep copy of `svg` with computed styles inlined, sized to its rendered box and placed at (x, y)
 * of the outer picture. The original is not touched.
 */
export function cloneSvg(svg: SVGSVGElement, x: number, y: number, width: number, height: number): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const to = [copy, ...Array.from(copy.querySelectorAll('*'))];
  for (let i = 0; i < from.length; i++) {
    const el = from[i];
    const out = to[i];
    if (!(el instanceof SVGElement) || !out) continue;
    const tag = el.tagName.toLowerCase();
    if (tag === 'style' || tag === 'script' || tag === 'foreignobject') { out.remove(); continue; }
    const isText = tag === 'text' || tag === 'tspan' || tag === 'textpath' || el === svg;
    out.setAttribute('style', styleOf(getComputedStyle(el), isText));
    out.removeAttribute('class');
    for (const attr of Array.from(out.attributes)) if (attr.name.startsWith('on') || attr.name.startsWith('data-')) out.removeAttribute(attr.name);
  }
  copy.setAttribute('x', String(x));
  copy.setAttribute('y', String(y));
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('overflow', 'visible');
  return copy;
}
