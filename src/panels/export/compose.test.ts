// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('./color', () => ({
  plainColor: (css: string) => (!css || css === 'none' || css.startsWith('url(') ? null
    : css === 'transparent' || css === 'rgba(0, 0, 0, 0)' ? { rgb: 'rgb(0, 0, 0)', alpha: 0 } : { rgb: css, alpha: 1 }),
}));

const { composePanel } = await import('./compose');
const { panelSvgText } = await import('./panelImage');
const { FONT_FALLBACK, withFallback } = await import('./svgClone');

/** Every element reports the box in its data-rect ("x y w h"), every text character an 8 × 16 box on one line. */
function fakeLayout(): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const [x, y, w, h] = (this.getAttribute('data-rect') ?? '0 0 0 0').split(' ').map(Number);
    return { left: x, top: y, x, y, width: w, height: h, right: x + w, bottom: y + h, toJSON: () => ({}) } as DOMRect;
  });
  Range.prototype.getClientRects = function (this: Range) {
    const host = this.startContainer.parentElement!;
    const [x, y] = (host.getAttribute('data-rect') ?? '0 0').split(' ').map(Number);
    const left = x + this.startOffset * 8;
    const rect = { left, top: y, x: left, y, width: 8, height: 16, right: left + 8, bottom: y + 16, toJSON: () => ({}) } as DOMRect;
    return Object.assign([rect], { item: () => rect }) as unknown as DOMRectList;
  };
  HTMLCanvasElement.prototype.toDataURL = () => 'data:image/png;base64,AAAA';
}

function panel(): HTMLElement {
  document.body.innerHTML = `
    <section class="panel" data-testid="panel-x" data-rect="0 0 400 300" style="background-color: rgb(255, 255, 255)">
      <header class="panel-header">
        <h2 class="panel-title" data-rect="10 10 200 20">Hidden &lt;state&gt;</h2>
        <div class="panel-actions"><button>Export</button><select><option>Layer 1</option></select></div>
      </header>
      <p class="panel-explain" data-rect="10 40 380 16">Each row is one unit.</p>
      <div class="panel-body" data-rect="10 60 380 220">
        <svg data-rect="10 60 200 100" viewBox="0 0 200 100"><rect class="mark" width="10" height="10" style="fill: rgb(1, 2, 3)"></rect><text>t = 3</text></svg>
        <div class="scroll" data-rect="10 170 380 100"><canvas width="300" height="150" data-rect="10 170 300 100"></canvas></div>
      </div>
      <p class="visually-hidden" data-rect="0 0 1 1">secret summary</p>
    </section>`;
  return document.querySelector('section')!;
}

describe('composePanel', () => {
  beforeEach(fakeLayout);
  afterEach(() => vi.restoreAllMocks());

  it('draws the title, text, charts and canvases, and leaves the controls out', () => {
    const { svg, width, height } = composePanel(panel());
    expect([width, height]).toEqual([400, 300]);
    const texts = Array.from(svg.querySelectorAll('text')).map((t) => t.textContent);
    expect(texts).toContain('Hidden <state>');
    expect(texts).toContain('Each row is one unit.');
    expect(texts).toContain('t = 3');
    expect(texts.join(' ')).not.toMatch(/Export|Layer 1|secret/);
    expect(svg.querySelector('title')?.textContent).toBe('Hidden <state>');
    const chart = svg.querySelector('svg')!;
    expect([chart.getAttribute('x'), chart.getAttribute('y'), chart.getAttribute('width')]).toEqual(['10', '60', '200']);
    expect(chart.querySelector('rect')!.getAttribute('style')).toContain('fill:rgb(1, 2, 3)');
    expect(chart.querySelector('rect')!.hasAttribute('class')).toBe(false);
    const img = svg.querySelector('image')!;
    expect(img.getAttribute('href')).toBe('data:image/png;base64,AAAA');
    expect([img.getAttribute('x'), img.getAttribute('y'), img.getAttribute('height')]).toEqual(['10', '170', '100']);
    expect(svg.getAttribute('style')).toContain(FONT_FALLBACK);
  });

  it('lays scrolled content out in full', () => {
    const section = panel();
    const scroll = section.querySelector<HTMLElement>('.scroll')!;
    Object.defineProperty(scroll, 'scrollLeft', { value: 50 });
    const { svg } = composePanel(section);
    expect(svg.querySelector('image')!.getAttribute('x')).toBe('60');
  });

  it('serialises to XML that parses, with markup in text escaped', () => {
    const { text } = panelSvgText(panel());
    expect(text.startsWith('<?xml')).toBe(true);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror').length).toBe(0);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(doc.documentElement.localName).toBe('svg');
    expect(text).toContain('Hidden &lt;state&gt;');
  });
});

describe('withFallback', () => {
  it('appends the system stack unless a generic family ends the list', () => {
    expect(withFallback('Inter')).toBe(`Inter, ${FONT_FALLBACK}`);
    expect(withFallback('ui-monospace, monospace')).toBe('ui-monospace, monospace');
    expect(withFallback('KaTeX_Math')).toMatch(/serif$/);
  });
});
