// @vitest-environment jsdom
import * as d3 from 'd3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelTrace } from './trace';
import { createUnrolled, NODES_PER_PART } from './unrolled';
import { layoutUnrolled } from './unrolledLayout';
import { buildStructure, nodesPerStep, type StructureInput } from './unrolledStructure';

const labels = { loss: 'L', y: 'y', h: 'h', c: 'c', x: 'x', layer: 'layer {n}', contrib: 'share', sum: 'sum', window: 'k = {k}' };

function input(T: number, layers: number, lstm: boolean, width: number): StructureInput {
  const layout = layoutUnrolled({ T, layers, cell: lstm ? 'lstm' : 'rnn', containerWidth: width, zoom: 'fit' });
  return { layout, T, layers, lstm, groups: 4, losses: Array.from({ length: T }, (_, t) => t % 3 !== 1),
    realInputs: Array.from({ length: T }, (_, t) => t < T - 2), labels };
}

const svgIn = () => d3.select(document.body).append('svg') as unknown as d3.Selection<SVGSVGElement, unknown, null, undefined>;

/** A trace with values that vary by step and unit (deterministic, no two steps alike). */
function trace(T: number, layers: number, H: number): ModelTrace {
  const wave = (n: number, f: number) => Float64Array.from({ length: n }, (_, k) => Math.sin(k * f));
  return {
    cell: 'rnn', layers, hidden: H, vocabSize: 5, T, inputs: Array.from({ length: T }, (_, t) => t % 5),
    targets: Array.from({ length: T }, (_, t) => (t + 1) % 5), h: wave(layers * T * H, 0.37), c: null,
    gates: { a: wave(layers * T * H, 0.11) }, probs: null, topK: 1, topIds: Int32Array.from({ length: T }, (_, t) => t % 5),
    topProbs: new Float64Array(T).fill(0.5), targetProb: new Float64Array(T).fill(0.5),
    stepLoss: Float64Array.from({ length: T }, (_, t) => 0.5 + (t % 7) / 4), dh: wave(T * H, 0.23).map(Math.abs), dc: null,
    dWhhStep: wave(T, 0.3).map(Math.abs), dWhhShare: wave(T, 0.3), dWhhTotal: 1, Whh: wave(H * H, 0.5),
  };
}

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('the unrolled diagram built in parts', () => {
  for (const [T, layers, lstm] of [[200, 3, false], [57, 2, true]] as const) {
    it(`ends up the same SVG as built at once (T = ${T}, ${layers} layers${lstm ? ', LSTM' : ''})`, () => {
      const whole = svgIn();
      const a = buildStructure(whole, input(T, layers, lstm, 900));
      expect(a.complete()).toBe(true);
      const parts = svgIn();
      const b = buildStructure(parts, input(T, layers, lstm, 900), 7);
      expect(b.steps).toHaveLength(7);
      expect(parts.selectAll('.ur-step').size()).toBe(7);
      expect(parts.select('.ur-sum-label').empty()).toBe(true);
      expect(b.strips).toEqual(a.strips); // the canvas paints every step from the start
      while (!b.complete()) b.extend(b.steps.length + 7);
      expect(b.steps).toHaveLength(T);
      expect(parts.html()).toBe(whole.html());
      expect(parts.selectAll('.ur-step').size()).toBe(T);
    });
  }

  it('counts the elements a step has at most, within a factor of two', () => {
    for (const [layers, lstm] of [[1, false], [3, false], [2, true]] as const) {
      const svg = svgIn();
      buildStructure(svg, input(40, layers, lstm, 4000));
      const perStep = (svg.selectAll('*').size() - svg.select('defs').selectAll('*').size()) / 40;
      expect(nodesPerStep(layers, lstm)).toBeGreaterThanOrEqual(perStep);
      expect(nodesPerStep(layers, lstm)).toBeLessThanOrEqual(perStep * 2);
    }
  });

  it('the renderer builds a long sequence over frames and ends with what one build at once shows, values included', () => {
    vi.useFakeTimers();
    const T = 200;
    const layers = 3;
    const make = () => {
      const host = document.createElement('div');
      document.body.append(host);
      const r = createUnrolled(host, { labels, legend: { state: 'h', grad: 'g' } });
      r.update(trace(T, layers, 8), { shape: 'many-to-many', vocab: ['a', 'b', 'c', 'd', 'e'] }, { zoom: 'fit', truncate: 0 });
      r.highlight({ hover: null, selected: 150, unit: 2, part: 'Whh' });
      return { host, r };
    };
    const inParts = make();
    const steps = () => inParts.host.querySelectorAll('.ur-step').length;
    const first = steps();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(Math.ceil(NODES_PER_PART / nodesPerStep(layers, false)));
    vi.advanceTimersByTime(40);
    expect(steps()).toBeGreaterThan(first);
    expect(steps()).toBeLessThan(T);
    vi.advanceTimersByTime(2000);
    expect(steps()).toBe(T);
    // the same renderer state with every step built at once (an export asks for that)
    const atOnce = make();
    atOnce.host.querySelector('canvas.ur-canvas')!.dispatchEvent(new Event('export-full'));
    inParts.host.querySelector('canvas.ur-canvas')!.dispatchEvent(new Event('export-full'));
    expect(atOnce.host.querySelectorAll('.ur-step')).toHaveLength(T);
    const svgOf = (h: HTMLElement) => h.querySelector('svg')!.outerHTML;
    expect(svgOf(inParts.host)).toBe(svgOf(atOnce.host));
    expect(inParts.host.querySelectorAll('.ur-column.is-selected')).toHaveLength(1);
    expect(inParts.host.querySelectorAll('.is-part').length).toBeGreaterThan(100);
    inParts.r.destroy();
    atOnce.r.destroy();
  });
});
