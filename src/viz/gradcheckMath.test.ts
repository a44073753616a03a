import { describe, expect, it } from 'vitest';
import { clampIndex, formatGrad, formatRelError, paramChoices, relativeError, verdictOf } from './gradcheckMath';

describe('paramChoices', () => {
  it('lists the state-dict keys with their shapes', () => {
    const lstm = paramChoices('lstm', 2, 8, 5);
    expect(lstm.map((p) => p.key)).toEqual([
      'rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'rnn.bias_ih_l0', 'rnn.bias_hh_l0',
      'rnn.weight_ih_l1', 'rnn.weight_hh_l1', 'rnn.bias_ih_l1', 'rnn.bias_hh_l1', 'fc.weight', 'fc.bias',
    ]);
    expect(lstm[0]).toEqual({ key: 'rnn.weight_ih_l0', rows: 32, cols: 5 });
    expect(lstm[4]).toEqual({ key: 'rnn.weight_ih_l1', rows: 32, cols: 8 });
    expect(lstm[2]).toEqual({ key: 'rnn.bias_ih_l0', rows: 32, cols: 1 });
    expect(paramChoices('gru', 1, 4, 3)[1]).toEqual({ key: 'rnn.weight_hh_l0', rows: 12, cols: 4 });
    expect(paramChoices('rnn', 1, 0, 3)).toEqual([]);
  });
});

describe('relative error and its display', () => {
  it('measures |a − b| / max(|a|, |b|)', () => {
    expect(relativeError(1, 1)).toBe(0);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(2, 1)).toBe(0.5);
    expect(verdictOf(3e-9)).toBe('pass');
    expect(verdictOf(1e-4)).toBe('close');
    expect(verdictOf(0.5)).toBe('fail');
  });
  it('clamps indices and never prints NaN', () => {
    expect(clampIndex(7.9, 5)).toBe(4);
    expect(clampIndex(-1, 5)).toBe(0);
    expect(clampIndex(NaN, 5)).toBe(0);
    expect(formatGrad(NaN)).toBe('—');
    expect(formatGrad(-0.5)).toBe('−0.50000000');
    expect(formatRelError(3.14e-9)).toBe('3.1e-9');
    expect(formatRelError(0)).toBe('0');
  });
});
