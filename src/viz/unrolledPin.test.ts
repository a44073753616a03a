// @vitest-environment jsdom
import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { layoutUnrolled } from './unrolledLayout';
import { createRowPin } from './unrolledPin';
import { buildStructure } from './unrolledStructure';

const labels = { loss: 'loss', y: 'output', h: 'hidden', c: 'cell', x: 'input', layer: 'layer {n}', contrib: 'share', sum: 'sum', window: 'k = {k}' };

describe('the pinned row names', () => {
  it('copy the drawing\'s row names, hide at rest and follow a sideways scroll', () => {
    const layout = layoutUnrolled({ T: 30, layers: 2, cell: 'lstm', containerWidth: 400, zoom: 'read' });
    const svg = d3.select(document.body).append('svg') as unknown as d3.Selection<SVGSVGElement, unknown, null, undefined>;
    const built = buildStructure(svg, {
      layout, T: 30, layers: 2, lstm: true, groups: 4, losses: Array(30).fill(true), realInputs: Array(30).fill(true), labels,
    }, 30);
    const stage = d3.select(document.body).append('div') as unknown as d3.Selection<HTMLDivElement, unknown, null, undefined>;
    const pin = createRowPin(stage);
    pin.rebuild(layout, built.root, 1.6);
    const names = [...stage.node()!.querySelectorAll('.ur-row-label')].map((e) => e.textContent);
    expect(names).toEqual([...built.root.node()!.querySelectorAll('.ur-row-label')].map((e) => e.textContent));
    expect(names).toEqual(expect.arrayContaining(['loss', 'output', 'input', 'layer 1', 'layer 2', 'cell']));
    const box = stage.select<HTMLDivElement>('.ur-pin').node()!;
    const pinSvg = box.querySelector('svg')!;
    expect(pinSvg.getAttribute('width')).toBe(String(layout.left * 1.6));
    expect(pinSvg.getAttribute('viewBox')).toBe(`0 0 ${layout.left} ${layout.height}`);
    pin.place(0);
    expect(box.style.display).toBe('none');
    pin.place(240);
    expect(box.style.display).toBe('');
    expect(box.style.transform).toBe('translateX(240px)');
    // a rebuild (new language, new shape) replaces the copy
    pin.rebuild(layout, built.root, 1);
    expect(stage.node()!.querySelectorAll('.ur-pin-bg').length).toBe(1);
  });
});
