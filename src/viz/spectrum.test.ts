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
  it('keeps σ = 1 on the axis and caps a blow-up', () => {
    expect(spectrumTop(snapshotSpectra('rnn', [0.2], {}))).toBe(1.6);
    expect(spectrumTop(snapshotSpectra('rnn', [1e12], {}))).toBe(20);
  });
});
