/**
 * One panel as one standalone SVG: its `<svg>` charts copied with their computed styles, its
 * canvases as PNG images at their place, its HTML text and boxes redrawn, the title included.
 * The panel's own controls (the header actions, form fields) are left out. Content that scrolls
 * inside the panel is laid out in full, as if unscrolled.
 */
import { boxParts, textParts, type Place } from './htmlParts';
import { FONT_FALLBACK, cloneSvg } from './svgClone';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Elements never drawn: the panel's controls and content hidden from sight. */
const SKIP = '.panel-actions, .panel-export, .visually-hidden, input, select, textarea, button, script, style, template, noscript, [data-export="skip"]';

/** The composed picture: the SVG root (detached) and its size in CSS pixels. */
export interface Composed {
  svg: SVGSVGElement;
  width: number;
  height: number;
}

function hidden(el: Element): boolean {
  if (el.matches(SKIP)) return true;
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return true;
  if ((cs.clip && cs.clip !== 'auto') || /^inset\(50%/.test(cs.clipPath)) return true; // visually hidden (screen-reader text, MathML)
  const r = el.getBoundingClientRect();
  return cs.overflow === 'hidden' && r.width <= 1 && r.height <= 1;
}

function canvasImage(canvas: HTMLCanvasElement, x: number, y: number, w: number, h: number): SVGElement | null {
  if (!canvas.width || !canvas.height) return null;
  let href: string;
  try {
    href = canvas.toDataURL('image/png');
  } catch {
    return null; // a canvas the page may not read
  }
  const img = document.createElementNS(SVG_NS, 'image');
  for (const [k, v] of Object.entries({ x, y, width: w, height: h, preserveAspectRatio: 'none', href })) img.setAttribute(k, String(v));
  if (canvas.width <= w * 1.01) img.setAttribute('style', 'image-rendering:pixelated');
  return img;
}

/**
 * Builds the SVG of `section` (a panel). Reads layout; changes nothing on the page, except that
 * charts drawing only what is in view (marked `data-export-full`) are first asked, through an
 * `export-full` event, to draw everything.
 */
export function composePanel(section: HTMLElement): Composed {
  section.querySelectorAll('[data-export-full]').forEach((el) => el.dispatchEvent(new Event('export-full')));
  const origin = section.getBoundingClientRect();
  let right = origin.width;
  let bottom = origin.height;
  const place: Place = (r, container) => {
    let sx = 0;
    let sy = 0;
    for (let a: Element | null = container; a && a !== section; a = a.parentElement) {
      sx += a.scrollLeft;
      sy += a.scrollTop;
    }
    const x = r.left - origin.left + sx;
    const y = r.top - origin.top + sy;
    right = Math.max(right, x + r.width);
    bottom = Math.max(bottom, y + r.height);
    return { x, y };
  };
  const parts: SVGElement[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) { textParts(node as Text, place, parts); return; }
    if (!(node instanceof Element) || hidden(node)) return;
    if (node instanceof SVGSVGElement) {
      const r = node.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        const { x, y } = place(r, node.parentElement ?? section);
        parts.push(cloneSvg(node, x, y, r.width, r.height));
      }
      return;
    }
    if (node instanceof HTMLCanvasElement) {
      const r = node.getBoundingClientRect();
      const { x, y } = place(r, node.parentElement ?? section);
      const img = r.width > 0 && r.height > 0 ? canvasImage(node, x, y, r.width, r.height) : null;
      if (img) parts.push(img);
      return;
    }
    if (node instanceof HTMLElement && node !== section) boxParts(node, place, parts);
    node.childNodes.forEach(walk);
  };
  walk(section);
  const width = Math.ceil(right);
  const height = Math.ceil(bottom);
  const background: SVGElement[] = [];
  boxParts(section, () => ({ x: 0, y: 0 }), background, { width, height });

  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('style', `font-family:${FONT_FALLBACK}`);
  const title = section.querySelector('.panel-title')?.textContent?.trim();
  if (title) {
    const t = document.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    svg.append(t);
  }
  svg.append(...background, ...parts);
  return { svg, width, height };
}
