/**
 * Colours for a standalone SVG: any CSS colour the browser computes (rgb(), color(srgb …), oklch(), a
 * color-mix result) turned into plain `rgb(r, g, b)` plus an opacity, which every SVG reader knows.
 */

/** A colour as `rgb(r, g, b)` and its alpha in [0, 1]. */
export interface PlainColor {
  rgb: string;
  alpha: number;
}

const cache = new Map<string, PlainColor | null>();
let ctx: CanvasRenderingContext2D | null | undefined;

/** The plain colour of a computed CSS colour, or null when it is not a colour (none, url(#…), …). */
export function plainColor(css: string): PlainColor | null {
  const key = css.trim();
  if (cache.has(key)) return cache.get(key)!;
  let out: PlainColor | null = null;
  if (key === 'transparent') out = { rgb: 'rgb(0, 0, 0)', alpha: 0 };
  else if (key && key !== 'none' && !key.startsWith('url(') && !key.startsWith('context-')) out = measure(key);
  cache.set(key, out);
  return out;
}

/** Paints one pixel in the colour and reads it back (canvas parses every CSS colour syntax). */
function measure(css: string): PlainColor | null {
  if (ctx === undefined) ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.canvas.width = 1;
  ctx.canvas.height = 1;
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = '#010203';
  ctx.fillStyle = css;
  if (ctx.fillStyle === '#010203' && css !== '#010203') return null; // not a colour
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return { rgb: `rgb(${r}, ${g}, ${b})`, alpha: Math.round((a / 255) * 1000) / 1000 };
}
