/**
 * Web fonts inside an exported SVG: the page's own font files (KaTeX's, for the typeset equations)
 * that the picture's text uses are inlined as data: URLs in an `@font-face` style, so the SVG file
 * and the PNG painted from it show the same letterforms as the page, on any machine, offline.
 */

/** One `@font-face` of the page: its family, weight and style, and the address of its best file. */
export interface PageFontFace {
  family: string;
  weight: string;
  style: string;
  url: string;
  format: string;
}

/** How a piece of text is set: the first family named, its weight and style. */
export interface FontUse {
  family: string;
  weight: string;
  style: string;
}

const unquote = (s: string): string => s.trim().replace(/^["']|["']$/g, '');

/** The numeric weight of a CSS font-weight ('normal' 400, 'bold' 700). */
export function weightOf(w: string): string {
  const v = w.trim().toLowerCase();
  if (v === '' || v === 'normal') return '400';
  if (v === 'bold') return '700';
  return v;
}

const styleOf = (s: string): string => (s.trim().toLowerCase() === 'italic' || s.trim().toLowerCase().startsWith('oblique') ? 'italic' : 'normal');

/**
 * The file an `@font-face` `src` list names first among the formats an SVG image can load, woff2
 * preferred: `url(a.woff2) format("woff2"), url(a.woff) format("woff")` → a.woff2. Null when none.
 */
export function pickFontFile(src: string): { url: string; format: string } | null {
  const entries = [...src.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)\s*(?:format\(\s*["']?([\w-]+)["']?\s*\))?/g)]
    .map((m) => ({ url: m[2]!, format: (m[3] ?? m[2]!.split('.').pop() ?? '').toLowerCase() }));
  for (const want of ['woff2', 'woff', 'truetype', 'ttf']) {
    const hit = entries.find((e) => e.format === want);
    if (hit) return { url: hit.url, format: hit.format === 'ttf' ? 'truetype' : hit.format };
  }
  return null;
}

/** The faces needed for `uses`: same family (case-insensitive), weight and style. */
export function facesFor(faces: readonly PageFontFace[], uses: readonly FontUse[]): PageFontFace[] {
  const key = (f: string, w: string, s: string) => `${f.toLowerCase()}|${weightOf(w)}|${styleOf(s)}`;
  const wanted = new Set(uses.map((u) => key(u.family, u.weight, u.style)));
  return faces.filter((f) => wanted.has(key(f.family, f.weight, f.style)));
}

/** The `@font-face` rules of `doc` (also inside @media, @supports, @layer) whose file can be read (same-origin style sheets). */
export function pageFontFaces(doc: Document): PageFontFace[] {
  const out: PageFontFace[] = [];
  const visit = (rules: CSSRuleList, base: string): void => {
    for (const rule of Array.from(rules)) {
      if (typeof CSSGroupingRule !== 'undefined' && rule instanceof CSSGroupingRule) visit(rule.cssRules, base);
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const file = pickFontFile(rule.style.getPropertyValue('src'));
      if (!file) continue;
      out.push({
        family: unquote(rule.style.getPropertyValue('font-family')),
        weight: weightOf(rule.style.getPropertyValue('font-weight')),
        style: styleOf(rule.style.getPropertyValue('font-style')),
        url: file.url.startsWith('data:') ? file.url : new URL(file.url, base).href,
        format: file.format,
      });
    }
  };
  for (const sheet of Array.from(doc.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a sheet the page may not read
    }
    visit(rules, sheet.href ?? doc.baseURI);
  }
  return out;
}

/** How the text elements of `svg` are set (the first family of each font-family list), from their style or attributes. */
export function fontUses(svg: SVGSVGElement): FontUse[] {
  const seen = new Map<string, FontUse>();
  for (const el of Array.from(svg.querySelectorAll<SVGElement>('text, tspan'))) {
    // an inline style (charts copied with their computed styles) wins over the attributes
    const css = el.style as CSSStyleDeclaration | undefined;
    const family = css?.fontFamily || el.getAttribute('font-family');
    if (!family) continue;
    const use = {
      family: unquote(family.split(',')[0] ?? ''),
      weight: weightOf(css?.fontWeight || (el.getAttribute('font-weight') ?? '')),
      style: styleOf(css?.fontStyle || (el.getAttribute('font-style') ?? '')),
    };
    seen.set(`${use.family}|${use.weight}|${use.style}`, use);
  }
  return [...seen.values()];
}

const toBase64 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

const MIME: Record<string, string> = { woff2: 'font/woff2', woff: 'font/woff', truetype: 'font/ttf' };

/**
 * Inlines into `svg` (mutated: a `<style>` first in it) the page's web fonts its text uses. A font
 * that cannot be read is left out: that text falls back to the system's fonts, as without this.
 */
export async function embedFonts(svg: SVGSVGElement, doc: Document = document): Promise<void> {
  const faces = facesFor(pageFontFaces(doc), fontUses(svg));
  const rules = await Promise.all(faces.map(async (f) => {
    try {
      let data = f.url; // a face already inlined in the page's CSS is used as it is
      if (!data.startsWith('data:')) {
        const res = await fetch(f.url);
        if (!res.ok) return '';
        data = `data:${MIME[f.format] ?? 'application/octet-stream'};base64,${toBase64(new Uint8Array(await res.arrayBuffer()))}`;
      }
      return `@font-face{font-family:"${f.family}";font-weight:${f.weight};font-style:${f.style};src:url(${data}) format("${f.format}")}`;
    } catch {
      return '';
    }
  }));
  const css = rules.filter(Boolean).join('\n');
  if (!css) return;
  const style = doc.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = css;
  svg.insertBefore(style, svg.firstChild);
}
