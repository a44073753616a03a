// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createSpectrum, spectrumTop } from './spectrum';
import { snapshotSpectra } from './spectrumMath';

describe('createSpectrum', () => {
  it('draws a bar per singular value, the largest marked, the target outlined; a blow-up is pinned, not NaN', () => {
    const host = document.createElement('div');
    const chart = createSpectrum(host, { label: 'spectrum', yLabel: 'σ' });
    const spectra = snapshotSpectra('gru', [2, 1, 0.5], { r: [0.9, 0.1], z: [Infinity, 1], n: [1.2, 0.3] });
    chart.update({ spectra, names: { all: 'all', r: 'r', z: 'z', n: 'n' }, target: 'z' });
    expect(host.querySelectorAll('g.spectrum')).toHaveLength(4);
    expect(host.querySelectorAll('.bars rect')).toHaveLength(9);
    expect(host.querySelectorAll('.bars rect.largest')).toHaveLength(4);
    expect(host.querySelector('g.is-target')?.getAttribute('data-block')).toBe('z');
    expect(host.querySelectorAll('.bars rect.overflow')).toHaveLength(1);
    expect(host.innerHTML).not.toMatch(/NaN/);
    chart.destroy();
    expect(host.innerHTML).toBe('');
  });
  it('holds its axis while the largest value moves within the top fifth, and rescales beyond', () => {
    const host = document.createElement('div');
    const chart = createSpectrum(host, { label: 'spectrum', yLabel: 'σ' });
    const names = { all: 'all' };
    const ticks = () => [...host.querySelectorAll('.axis-y .tick text')].map((t) => t.textContent).join(' ');
    const barTop = () => Number(host.querySelector('.bars rect')!.getAttribute('y'));
    chart.update({ spectra: snapshotSpectra('rnn', [2, 1], {}), names, target: 'all' });
    const first = ticks();
    const y2 = barTop();
    chart.update({ spectra: snapshotSpectra('rnn', [1.8, 1], {}), names, target: 'all' });
    expect(ticks()).toBe(first);
    expect(barTop()).toBeGreaterThan(y2); // same axis: a smaller value draws lower
    chart.update({ spectra: snapshotSpectra('rnn', [3, 1], {}), names, target: 'all' });
    const grown = ticks();
    expect(grown).not.toBe(first);
    expect(Math.max(...grown.split(' ').map(Number))).toBe(3);
    // grown with headroom: a value still climbing keeps the axis
    const y3 = barTop();
    chart.update({ spectra: snapshotSpectra('rnn', [3.3, 1], {}), names, target: 'all' });
    expect(ticks()).toBe(grown);
    expect(barTop()).toBeLessThan(y3);
    // far below the held axis (under 80 % of its top): the axis shrinks again
    chart.update({ spectra: snapshotSpectra('rnn', [1.5, 1], {}), names, target: 'all' });
    expect(Math.max(...ticks().split(' ').map(Number))).toBe(1.5);
    chart.destroy();
  });
  it('keeps σ = 1 on the axis and holds the real largest value, however large', () => {
    expect(spectrumTop(snapshotSpectra('rnn', [0.2], {}))).toBe(1.6);
    expect(spectrumTop(snapshotSpectra('lstm', [32.17, 3], { i: [40, 1] }))).toBeCloseTo(43.2, 10);
    expect(spectrumTop(snapshotSpectra('rnn', [1e12, Infinity], {}))).toBeCloseTo(1.08e12, -3);
  });
  it('draws σ_max = 32 below the top of its axis, not pinned as an overflow', () => {
    const host = document.createElement('div');
    const chart = createSpectrum(host, { label: 'spectrum', yLabel: 'σ' });
    chart.update({ spectra: snapshotSpectra('rnn', [32.17, 2, 0.5], {}), names: { all: 'all' }, target: 'all' });
    const ticks = [...host.querySelectorAll('.axis-y .tick text')].map((t) => Number(t.textContent));
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(30);
    expect(host.querySelectorAll('.bars rect.overflow')).toHaveLength(0);
    const [largest, second] = [...host.querySelectorAll('.bars rect')].map((r) => Number(r.getAttribute('height')));
    expect(largest! / second!).toBeCloseTo(32.17 / 2, 0);
    chart.destroy();
  });
});
