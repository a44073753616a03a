// @vitest-environment jsdom
// A heatmap repaints its cells only when what they show changes; a hover redraws the outline alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeatmap } from './heatmap';

/** A 2D context that records the calls made on it (jsdom has no canvas). */
function fakeContext(calls: string[]) {
  return new Proxy({} as Record<string, unknown>, {
    get(target, key: string) {
      if (key in target) return target[key];
      if (key === 'createImageData') return (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) });
      if (key === 'measureText') return (s: string) => ({ width: 6 * s.length });
      return (..._args: unknown[]) => { calls.push(key); };
    },
    set(target, key: string, value) {
      target[key] = value;
      return true;
    },
  });
}

describe('heatmap repaint', () => {
  let calls: string[];
  beforeEach(() => {
    calls = [];
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
      return fakeContext(calls) as unknown as CanvasRenderingContext2D;
    } as unknown as HTMLCanvasElement['getContext']);
  });
  afterEach(() => vi.restoreAllMocks());

  it('paints the cells for new values or a new domain, and only the outline for a new highlight', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const map = createHeatmap(host, { scale: 'diverging', label: 'h', legend: false });
    const values = Float64Array.from({ length: 12 }, (_, k) => Math.sin(k));
    const frame = { values, rows: 3, cols: 4, domain: [-1, 1] as [number, number] };
    const cellPaints = () => calls.filter((c) => c === 'putImageData').length;
    map.update(frame);
    expect(cellPaints()).toBe(1);
    map.update({ ...frame, highlight: { row: 1, col: 2 } });
    map.update({ ...frame, highlight: { row: 2, col: 0 } });
    expect(cellPaints()).toBe(1); // a hover: the same values, mask and domain
    expect(host.querySelector('canvas.viz-heatmap-overlay')!.getAttribute('data-rows')).toBe('2');
    const flipped = values.map((v) => -v);
    map.update({ ...frame, values: flipped });
    expect(cellPaints()).toBe(2);
    map.update({ ...frame, values: flipped, domain: [-2, 2] });
    expect(cellPaints()).toBe(3);
    map.update({ ...frame, values: flipped, domain: [-2, 2], mask: () => false });
    expect(cellPaints()).toBe(4);
    map.destroy();
  });
});
