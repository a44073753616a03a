// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createClipping } from './clipping';
import { clipStats } from './clippingMath';

describe('createClipping', () => {
  it('draws before/after lines, one tick per clip event and the threshold line; no NaN for odd data', () => {
    const host = document.createElement('div');
    const chart = createClipping(host, { label: 'c', lineLabel: 'threshold', xLabel: 's', yLabel: 'g', onThreshold: vi.fn() });
    const gradNorm = [1, 10, Infinity, NaN, 0];
    const clippedNorm = [1, 5, 5, NaN, 0];
    const stats = clipStats(gradNorm, clippedNorm, 5, 'norm');
    chart.update({ step: [1, 2, 3, 4, 5], gradNorm, clippedNorm, clipped: stats.clipped, threshold: 5, mode: 'norm' });
    expect((host.querySelector('path.clip-events')?.getAttribute('d')?.match(/M/g) ?? []).length).toBe(stats.count);
    expect(host.querySelector('[data-testid="clip-threshold-line"]')?.getAttribute('aria-valuenow')).toBe('5');
    expect(host.innerHTML).not.toMatch(/NaN/);
    chart.update({ step: [], gradNorm: [], clippedNorm: [], clipped: [], threshold: 5, mode: 'value' });
    expect((host.querySelector('.threshold-line') as SVGElement).style.display).toBe('none');
    expect(host.innerHTML).not.toMatch(/NaN/);
    chart.destroy();
    expect(host.innerHTML).toBe('');
  });
});
