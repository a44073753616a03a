import { describe, expect, it } from 'vitest';
import {
  BLOCK_ALL, SIGMA_MAX, SIGMA_MIN, blockIds, clampSigma, formatSigma, regimeOf, sigmaAt, sigmaMaxOf, sliderPosition, sliderTop,
  snapshotSpectra,
} from './spectrumMath';

describe('spectrum helpers', () => {
  it('names the blocks of each cell', () => {
    expect(blockIds('rnn')).toEqual([BLOCK_ALL]);
    expect(blockIds('lstm')).toEqual([BLOCK_ALL, 'i', 'f', 'g', 'o']);
    expect(blockIds('gru')).toEqual([BLOCK_ALL, 'r', 'z', 'n']);
  });
  it('orders the snapshot spectra as whole matrix, then gates', () => {
    const spectra = snapshotSpectra('gru', [30, 1], { n: [30, 3], r: [1, 0.5], z: [20, 2] });
    expect(spectra.map((s) => s.id)).toEqual(['all', 'r', 'z', 'n']);
    expect(Array.from(spectra[2].values)).toEqual([20, 2]);
    expect(sigmaMaxOf(spectra, 'n')).toBe(30);
    expect(sigmaMaxOf(spectra, BLOCK_ALL)).toBe(30);
    expect(sigmaMaxOf(spectra, 'x')).toBeNaN();
    expect(snapshotSpectra('rnn', [0.9], { i: [1] }).map((s) => s.id)).toEqual(['all']);
    expect(snapshotSpectra('lstm', [2], {}).map((s) => s.id)).toEqual(['all']);
  });
  it('reads a blow-up as ∞', () => {
    expect(formatSigma(sigmaMaxOf(snapshotSpectra('lstm', [Infinity], { i: [Infinity, 1] }), 'i'))).toBe('∞');
  });
  it('formats the read-out with 6 decimals and never NaN', () => {
    expect(formatSigma(0.8)).toBe('0.800000');
    expect(formatSigma(1.2345678)).toBe('1.234568');
    expect(formatSigma(NaN)).toBe('—');
    expect(formatSigma(3e7)).toBe('3.000e+7');
  });
  it('reads the rule of thumb and clamps a target only to the lens\'s own limits', () => {
    expect(regimeOf(1.3)).toBe('explode');
    expect(regimeOf(0.7)).toBe('vanish');
    expect(regimeOf(1.001)).toBe('edge');
    expect(clampSigma(32.17)).toBe(32.17);
    expect(clampSigma(0.734)).toBe(0.734);
    expect(clampSigma(1e9)).toBe(SIGMA_MAX);
    expect(clampSigma(0)).toBe(SIGMA_MIN);
    expect(clampSigma(NaN)).toBe(1);
  });
  it('the slider reaches every value the read-out can give, on a log scale with 1 in the middle', () => {
    expect(sliderTop(0.8)).toBe(10);
    expect(sliderTop(9)).toBe(20);
    expect(sliderTop(32.17)).toBe(50);
    expect(sliderTop(Infinity)).toBe(SIGMA_MAX);
    for (const sigma of [0.1, 0.5, 1, 1.5, 7.3, 32.17, 400, 1000]) {
      expect(sliderPosition(sigma)).toBeLessThanOrEqual(Math.log10(sliderTop(sigma)));
      expect(sliderPosition(sigma)).toBeGreaterThanOrEqual(Math.log10(SIGMA_MIN));
      expect(sigmaAt(sliderPosition(sigma))).toBeCloseTo(sigma, 2 - Math.floor(Math.log10(sigma)));
    }
    expect((Math.log10(SIGMA_MIN) + Math.log10(sliderTop(1))) / 2).toBeCloseTo(0, 12);
    expect(sigmaAt(0)).toBe(1);
    expect(sigmaAt(0.5)).toBe(3.16);
  });
});
