import { describe, expect, it } from 'vitest';
import {
  CELLS, createModel, forward, gateCount, gateNames, recurrentBlocks, rescaleRecurrent, singularValues, toStateDict,
  type CellType,
} from '../index';

const CELL_TYPES: CellType[] = ['rnn', 'lstm', 'gru'];
const act = { sigmoid: (x: number) => 1 / (1 + Math.exp(-x)), tanh: Math.tanh, identity: (x: number) => x };

describe('cell descriptors', () => {
  it('name PyTorch’s gate blocks in row order, one activation per block', () => {
    expect(gateNames('lstm')).toEqual(['i', 'f', 'g', 'o']);
    expect(gateNames('gru')).toEqual(['r', 'z', 'n']);
    expect(gateNames('rnn')).toEqual(['a']);
    for (const cell of CELL_TYPES) {
      const d = CELLS[cell];
      expect(d.name).toBe(cell);
      expect(d.gates.length).toBe(d.blocks);
      expect(d.activations.length).toBe(d.blocks);
      expect(gateCount(cell)).toBe(d.blocks);
      // W_hh holds G·H rows
      const m = createModel({ cell, inputSize: 3, hiddenSize: 5, outputSize: 2 });
      expect((toStateDict(m)['rnn.weight_hh_l0'] as number[][]).length).toBe(d.blocks * 5);
    }
  });

  it.each(CELL_TYPES)('%s: each stored gate is its activation of its rows of W_ih x + b_ih + W_hh h + b_hh', (cell) => {
    const H = 4, I = 3;
    const m = createModel({ cell, inputSize: I, hiddenSize: H, outputSize: 2, seed: 5 });
    const sd = toStateDict(m);
    const Wih = sd['rnn.weight_ih_l0'] as number[][], Whh = sd['rnn.weight_hh_l0'] as number[][];
    const bih = sd['rnn.bias_ih_l0'] as number[], bhh = sd['rnn.bias_hh_l0'] as number[];
    const x = [[0.5, -1, 2], [1, 0.25, -0.5]];
    const tr = forward(m, x);
    const d = CELLS[cell];
    const step = tr.steps[1].layers[0];
    const hPrev = tr.steps[0].layers[0].h;
    const gates = step.gates as unknown as Record<string, Float64Array>;
    expect(Object.keys(gates)).toEqual([...d.gates]);
    const dot = (w: number[], v: ArrayLike<number>): number => w.reduce((s, wi, k) => s + wi * v[k], 0);
    d.gates.forEach((name, b) => {
      for (let u = 0; u < H; u++) {
        const row = b * H + u;
        const inPart = dot(Wih[row], x[1]) + bih[row];
        const recPart = dot(Whh[row], hPrev) + bhh[row];
        // gru's candidate: the recurrent part is gated by r
        const pre = cell === 'gru' && name === 'n' ? inPart + gates.r[u] * recPart : inPart + recPart;
        expect(gates[name][u]).toBeCloseTo(act[d.activations[b]](pre), 12);
      }
    });
  });

  it('the rnn’s one block a is its whole W_hh', () => {
    const m = createModel({ cell: 'rnn', inputSize: 3, hiddenSize: 6, outputSize: 2, seed: 2 });
    const blocks = recurrentBlocks(m, 0);
    expect(blocks.map((b) => b.name)).toEqual(['a']);
    const byBlock = rescaleRecurrent(m, { layer: 0, sigmaMax: 0.7, block: 'a' });
    const whole = rescaleRecurrent(m, { layer: 0, sigmaMax: 0.7 });
    expect(Array.from(byBlock.params)).toEqual(Array.from(whole.params));
    expect(singularValues(recurrentBlocks(byBlock, 0)[0].matrix)[0]).toBeCloseTo(0.7, 12);
    expect(() => rescaleRecurrent(m, { layer: 0, sigmaMax: 1, block: 'z' })).toThrow(/use 'a', 'all'/);
  });
});
