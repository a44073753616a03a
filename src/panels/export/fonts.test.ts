// @vitest-environment jsdom
// Web fonts in an exported SVG: which file a face names, which faces the text needs.
import { describe, expect, it } from 'vitest';
import { facesFor, fontUses, pickFontFile, weightOf, type PageFontFace } from './fonts';

describe('export fonts', () => {
  it('picks the woff2 file of a src list, then woff, then truetype', () => {
    expect(pickFontFile('url(fonts/KaTeX_Main-Regular.woff2) format("woff2"), url(fonts/KaTeX_Main-Regular.woff) format("woff")'))
      .toEqual({ url: 'fonts/KaTeX_Main-Regular.woff2', format: 'woff2' });
    expect(pickFontFile('url("a.ttf") format("truetype"), url(\'a.woff\') format(\'woff\')')).toEqual({ url: 'a.woff', format: 'woff' });
    expect(pickFontFile('url(a.ttf)')).toEqual({ url: 'a.ttf', format: 'truetype' });
    expect(pickFontFile('local(Arial)')).toBeNull();
    expect(pickFontFile('')).toBeNull();
  });

  it('keeps only the faces the text uses, by family, weight and style', () => {
    const face = (family: string, weight: string, style: string): PageFontFace => ({ family, weight, style, url: `${family}-${weight}-${style}`, format: 'woff2' });
    const faces = [face('KaTeX_Main', '400', 'normal'), face('KaTeX_Main', '700', 'normal'), face('KaTeX_Math', '400', 'italic'), face('Other', '400', 'normal')];
    const picked = facesFor(faces, [
      { family: 'katex_main', weight: 'normal', style: 'normal' },
      { family: 'KaTeX_Math', weight: '400', style: 'italic' },
      { family: 'Missing', weight: '400', style: 'normal' },
    ]);
    expect(picked.map((f) => f.url)).toEqual(['KaTeX_Main-400-normal', 'KaTeX_Math-400-italic']);
    expect(weightOf('bold')).toBe('700');
    expect(weightOf('')).toBe('400');
  });

  it('reads the first family, weight and style of each text element', () => {
    const doc = new DOMParser().parseFromString(
      '<svg xmlns="http://www.w3.org/2000/svg"><text font-family="KaTeX_Math, &quot;Times New Roman&quot;, serif" font-style="italic">x</text>' +
      '<text font-family="&quot;KaTeX_Main&quot;, serif">=</text><text font-family="KaTeX_Main">+</text><text>plain</text>' +
      '<text font-family="serif" style="font-family: KaTeX_Size1, serif; font-weight: bold">∑</text></svg>', 'image/svg+xml');
    const uses = fontUses(doc.documentElement as unknown as SVGSVGElement);
    expect(uses).toEqual([
      { family: 'KaTeX_Math', weight: '400', style: 'italic' },
      { family: 'KaTeX_Main', weight: '400', style: 'normal' },
      { family: 'KaTeX_Size1', weight: '700', style: 'normal' },
    ]);
  });
});
