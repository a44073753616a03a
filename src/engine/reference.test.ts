// The engine in one screen (reference.ts) against the fast engine, and against finite differences.
import { describe, expect, it } from 'vitest';
import { backward, forward, fromStateDict, type ModelConfig } from './index';
import { refBackward, refLoss, type RefConfig, type RefStateDict } from './reference';
import { randomStateDict, seeded } from './reference.spec-check';

const flat = (x: unknown): number[] => (Array.isArray(x) || ArrayBuffer.isView(x)
  ? Array.from(x as ArrayLike<unknown>).flatMap(flat) : [x as number]);

const CASES: RefConfig[] = [
  { cell: 'rnn', inputSize: 3, hiddenSize: 4, outputSize: 3 },
  { cell: 'rnn', inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 2, nonlinearity: 'relu' },
  { cell: 'lstm', inputSize: 3, hiddenSize: 4, outputSize: 3 },
  { cell: 'lstm', inputSize: 3, hiddenSize: 3, outputSize: 4, numLayers: 2 },
  { cell: 'gru', inputSize: 3, hiddenSize: 4, outputSize: 3 },
  { cell: 'gru', inputSize: 2, hiddenSize: 3, outputSize: 3, numLayers: 3 },
];

function example(cfg: RefConfig, seed: number) {
  const rand = seeded(seed);
  const sd = randomStateDict(cfg, rand);
  const T = 6;
  const inputs = Array.from({ length: T }, () => Array.from({ length: cfg.inputSize }, () => rand() * 2 - 1));
  const targets = Array.from({ length: T }, (_, t) => (t === 2 ? -1 : Math.floor(rand() * cfg.outputSize)));
  return { sd, inputs, targets };
}

describe('the reference engine (reference.ts)', () => {
  for (const cfg of CASES) {
    const name = `${cfg.cell}, ${cfg.numLayers ?? 1} layer(s)${cfg.nonlinearity === 'relu' ? ', relu' : ''}`;
    it(`${name}: the fast engine's loss and every gradient agree to 1e-10`, () => {
      const { sd, inputs, targets } = example(cfg, 11);
      const ref = refBackward(cfg, sd, inputs, targets);
      const model = fromStateDict(cfg as ModelConfig, sd);
      const fast = backward(model, forward(model, inputs), targets);
      expect(ref.loss).toBeCloseTo(fast.loss, 10);
      for (const key of Object.keys(sd)) {
        const a = flat(ref.grads[key]);
        const b = flat(fast.grads[key]);
        expect(a.length).toBe(b.length);
        a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-10));
      }
    });

    it(`${name}: gradients against central differences of the loss`, () => {
      const { sd, inputs, targets } = example(cfg, 5);
      const ref = refBackward(cfg, sd, inputs, targets);
      const e = 1e-6;
      for (const key of Object.keys(sd)) {
        const rows = sd[key]!;
        const is2d = Array.isArray(rows[0]);
        // two entries per parameter: the first and the last
        const n = flat(rows).length;
        for (const at of [0, n - 1]) {
          const nudge = (d: number): RefStateDict => {
            const copy: RefStateDict = JSON.parse(JSON.stringify(sd));
            if (is2d) {
              const m = copy[key] as number[][];
              const cols = m[0]!.length;
              m[Math.floor(at / cols)]![at % cols]! += d;
            } else (copy[key] as number[])[at]! += d;
            return copy;
          };
          const fd = (refLoss(cfg, nudge(e), inputs, targets) - refLoss(cfg, nudge(-e), inputs, targets)) / (2 * e);
          expect(Math.abs(flat(ref.grads[key])[at]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    });
  }

  it('∂loss/∂h_0 (and ∂loss/∂c_0) against central differences', () => {
    for (const cfg of CASES.filter((c) => (c.numLayers ?? 1) === 1)) {
      const { sd, inputs, targets } = example(cfg, 3);
      const H = cfg.hiddenSize;
      const h = Array.from({ length: H }, (_, j) => 0.1 * (j + 1));
      const c = Array.from({ length: H }, (_, j) => -0.2 * (j + 1));
      const ref = refBackward(cfg, sd, inputs, targets, { h: [h], c: [c] });
      const e = 1e-6;
      for (let j = 0; j < H; j++) {
        const at = (v: number[], d: number) => v.map((x, i) => (i === j ? x + d : x));
        const fdH = (refLoss(cfg, sd, inputs, targets, { h: [at(h, e)], c: [c] })
          - refLoss(cfg, sd, inputs, targets, { h: [at(h, -e)], c: [c] })) / (2 * e);
        expect(Math.abs(ref.dh0[0]![j]! - fdH)).toBeLessThan(1e-7);
        if (cfg.cell === 'lstm') {
          const fdC = (refLoss(cfg, sd, inputs, targets, { h: [h], c: [at(c, e)] })
            - refLoss(cfg, sd, inputs, targets, { h: [h], c: [at(c, -e)] })) / (2 * e);
          expect(Math.abs(ref.dc0![0]![j]! - fdC)).toBeLessThan(1e-7);
        }
      }
    }
  });
});
