import { describe, expect, it } from 'vitest';
import { applyWeightSet } from './weights';

const set = (over: Partial<Parameters<typeof applyWeightSet>[1]> = {}) => ({
  type: 'weight-set' as const, run: 1, model: 0, key: 'rnn.weight_hh_l0', row: 0, col: 1, before: 0.5, value: 2, undo: false, ...over,
});

describe('the undo stack of hand edits', () => {
  it('pushes edits, pops on the matching undo, and forgets an earlier run', () => {
    let s = applyWeightSet([], set());
    s = applyWeightSet(s, set({ key: 'fc.bias', row: 3, col: 0, before: 0, value: -1 }));
    expect(s.map((e) => e.key)).toEqual(['rnn.weight_hh_l0', 'fc.bias']);
    expect(s[1]).toEqual({ run: 1, model: 0, key: 'fc.bias', row: 3, col: 0, before: 0, value: -1 });
    // an undo that does not match the last edit leaves the stack
    expect(applyWeightSet(s, set({ undo: true, value: 0.5 }))).toHaveLength(2);
    s = applyWeightSet(s, set({ key: 'fc.bias', row: 3, col: 0, value: 0, undo: true }));
    expect(s.map((e) => e.key)).toEqual(['rnn.weight_hh_l0']);
    expect(applyWeightSet(s, set({ run: 2 }))).toEqual([{ run: 2, model: 0, key: 'rnn.weight_hh_l0', row: 0, col: 1, before: 0.5, value: 2 }]);
  });
});
