/**
 * A panel as an image file: SVG (vector charts, text with a font fallback stack) or PNG (the same
 * picture painted at `scale` device pixels per CSS pixel; canvases keep their exact pixels).
 * Both work under the page's Content-Security-Policy (images from data: and blob: URLs only).
 *
 * HTML content (equations, legends' labels) is redrawn as positioned SVG text and boxes rather than
 * embedded through foreignObject (which would taint the PNG canvas in some browsers). The page's web
 * fonts that text uses (KaTeX's) are inlined in the file, so typeset mathematics keeps its letterforms.
 */
import { composePanel } from './compose';
import { embedFonts } from './fonts';
import { xmlSafe } from './xmlSafe';

/** Largest side of the PNG, in pixels (browsers refuse larger canvases). */
const MAX_SIDE = 16_000;

/** The SVG text of a panel (without its web fonts: see panelSvgFile). */
export function panelSvgText(section: HTMLElement): { text: string; width: number; height: number } {
  const { svg, width, height } = composePanel(section);
  return { text: serialize(svg), width, height };
}

/** The file's text; characters XML forbids (a control character in the user's text) are replaced, so it always parses. */
const serialize = (svg: SVGSVGElement): string => `<?xml version="1.0" encoding="UTF-8"?>\n${xmlSafe(new XMLSerializer().serializeToString(svg))}\n`;

/** The SVG text of a panel with the web fonts its text uses inlined. */
export async function panelSvgFile(section: HTMLElement): Promise<{ text: string; width: number; height: number }> {
  const { svg, width, height } = composePanel(section);
  await embedFonts(svg, section.ownerDocument);
  return { text: serialize(svg), width, height };
}

/** The panel `section` as one standalone SVG file. */
export async function exportPanelSvg(section: HTMLElement): Promise<Blob> {
  return new Blob([(await panelSvgFile(section)).text], { type: 'image/svg+xml' });
}

/** The panel `section` as a PNG file, `scale` pixels per CSS pixel (reduced when the picture would be too large). */
export async function exportPanelPng(section: HTMLElement, scale = 2): Promise<Blob> {
  const { text, width, height } = await panelSvgFile(section);
  const k = Math.max(0.1, Math.min(scale, MAX_SIDE / width, MAX_SIDE / height));
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * k));
    canvas.height = Math.max(1, Math.round(height * k));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}
