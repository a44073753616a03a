// Finite-difference checks of every gradient backward returns: parameters, dInputs, dH0/dC0 and
// the top layer's total dh/dc, for every cell, 1 and 2 layers, every-step and many-to-one targets,
// full and truncated BPTT.
import { describe, expect, it } from 'vitest';
import { backward, cloneModel, createModel, createRng, forward, toStateDict, type Model, type ModelConfig, type Trace } from './index';

const H_STEP = 1e-4; // five-point stencil: truncation O(h⁴), rounding ~1e-16/h

/** f'(0) by the fourth-order central difference. */
function deriv(f: (d: number) => number): number {
  return (8 * (f(H_STEP) - f(-H_STEP)) - (f(2 * H_STEP) - f(-2 * H_STEP))) / (12 * H_STEP);
}

/**
 * max |a − n| / max(|a|, |n|, 1e-5): the five-point difference carries ≈1e-12 of absolute rounding
 * error, so entries far below 1e-5 are compared absolutely (1e-11).
 */
function relErr(a: ArrayLike<number>, n: ArrayLike<number>): number {
  expect(a.length).toBe(n.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - n[i]) / Math.max(Math.abs(a[i]), Math.abs(n[i]), 1e-5);
    if (!(e <= worst)) worst = e;
  }
  return worst;
}

/** log Σ exp(y) − y[target] */
function ce(logits: ArrayLike<number>, target: number): number {
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, logits[i]);
  let s = 0;
  for (let i = 0; i < logits.length; i++) s += Math.exp(logits[i] - m);
  return m + Math.log(s) - logits[target];
}

function traceLoss(trace: Trace, targets: number[], from = 0): number {
  let L = 0;
  for (let t = from; t < targets.length; t++) if (targets[t] >= 0) L += ce(trace.steps[t].logits, targets[t]);
  return L;
}

interface Init { h: number[][]; c: number[][] }

interface Case { model: Model; inputs: number[][]; targets: number[]; init: Init; cfg: ModelConfig }

function makeCase(cfg: ModelConfig, T: number, manyToOne: boolean, seed: number): Case {
  const model = createModel({ ...cfg, seed });
  const rng = createRng(seed + 100);
  // larger weights than the default init so that every path carries a sizeable gradient
  for (let i = 0; i < model.params.length; i++) model.params[i] = rng.uniform(-0.9, 0.9);
  const inputs = Array.from({ length: T }, () => Array.from({ length: cfg.inputSize }, () => rng.uniform(-1, 1)));
  const targets = Array.from({ length: T }, (_, t) => (manyToOne && t < T - 1 ? -1 : rng.int(cfg.outputSize)));
  const L = cfg.numLayers ?? 1;
  const vec = (): number[] => Array.from({ length: cfg.hiddenSize }, () => rng.uniform(-0.5, 0.5));
  const init = { h: Array.from({ length: L }, vec), c: Array.from({ length: L }, vec) };
  return { model, inputs, targets, init, cfg };
}

const lossOf = (m: Model, inputs: number[][], targets: number[], init: Init): number => traceLoss(forward(m, inputs, init), targets);

/** Finite-difference gradient of every parameter, flat in state_dict order. */
function fdParams(c: Case, loss: (m: Model) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.model.params.length; i++) {
    out.push(deriv((d) => {
      const m = cloneModel(c.model);
      m.params[i] += d;
      return loss(m);
    }));
  }
  return out;
}

function flatGrads(grads: Record<string, number[] | number[][]>): number[] {
  return Object.values(grads).flatMap((v) => (v as (number | number[])[]).flat());
}

const CONFIGS: [string, ModelConfig][] = [
  ['rnn tanh', { cell: 'rnn', inputSize: 3, hiddenSize: 4, outputSize: 3 }],
  ['rnn relu', { cell: 'rnn', inputSize: 3, hiddenSize: 4, outputSize: 3, nonlinearity: 'relu' }],
  ['rnn tanh 2 layers', { cell: 'rnn', inputSize: 3, hiddenSize: 3, outputSize: 3, numLayers: 2 }],
  ['lstm', { cell: 'lstm', inputSize: 3, hiddenSize: 3, outputSize: 4 }],
  ['lstm 2 layers', { cell: 'lstm', inputSize: 2, hiddenSize: 3, outputSize: 3, numLayers: 2 }],
  ['gru', { cell: 'gru', inputSize: 3, hiddenSize: 3, outputSize: 4 }],
  ['gru 2 layers', { cell: 'gru', inputSize: 2, hiddenSize: 3, outputSize: 3, numLayers: 2 }],
];
const TOL = 1e-6;
const T = 5;

describe('full BPTT against finite differences', () => {
  CONFIGS.forEach(([name, cfg], ci) => {
    for (const manyToOne of [false, true]) {
      it(`${name}, ${manyToOne ? 'many-to-one' : 'loss at every step'}`, () => {
        const c = makeCase(cfg, T, manyToOne, 11 + ci);
        const { model, inputs, targets, init } = c;
        const res = backward(model, forward(model, inputs, init), targets);
        expect(res.loss).toBeCloseTo(lossOf(model, inputs, targets, init), 12);
        expect(relErr(flatGrads(res.grads), fdParams(c, (m) => lossOf(m, inputs, targets, init)))).toBeLessThan(TOL);
        // dInputs [T][in]
        const dIn = inputs.flatMap((row, t) => row.map((_, i) => deriv((d) => {
          const x = inputs.map((r) => [...r]);
          x[t][i] += d;
          return lossOf(model, x, targets, init);
        })));
        expect(relErr(res.dInputs.flat(), dIn)).toBeLessThan(TOL);
        // dH0 / dC0 [L][H]
        for (const which of model.config.cell === 'lstm' ? ['h', 'c'] as const : ['h'] as const) {
          const fd = init[which].flatMap((row, l) => row.map((_, u) => deriv((d) => {
            const i2 = { h: init.h.map((r) => [...r]), c: init.c.map((r) => [...r]) };
            i2[which][l][u] += d;
            return lossOf(model, inputs, targets, i2);
          })));
          const got = which === 'h' ? res.dH0 : res.dC0;
          expect(relErr((got as number[][]).flat(), fd)).toBeLessThan(TOL);
        }
        checkTotalStateGradients(c, res.dh, res.dc);
      });
    }
  });
});

/**
 * dh_t (and dc_t) against a finite difference of the loss when the top layer's h_t (or c_t, with
 * h_t = o_t⊙tanh(c_t) following it) is perturbed: the readout at t plus a fresh run of the
 * remaining steps from the perturbed state.
 */
function checkTotalStateGradients(c: Case, dh: number[][], dc?: number[][]): void {
  const { model, inputs, targets, init } = c;
  const tr = forward(model, inputs, init);
  const L = model.config.numLayers;
  const fc = toStateDict(model);
  const W = fc['fc.weight'] as number[][];
  const b = fc['fc.bias'] as number[];
  const lossFrom = (t: number, hTop: number[], cTop: number[] | undefined): number => {
    let loss = 0;
    if (targets[t] >= 0) loss += ce(W.map((row, v) => b[v] + row.reduce((s, w, i) => s + w * hTop[i], 0)), targets[t]);
    if (t + 1 < inputs.length) {
      const h = tr.steps[t].layers.map((ly, l) => (l === L - 1 ? hTop : Array.from(ly.h)));
      const cs = tr.steps[t].layers.map((ly, l) => (l === L - 1 && cTop ? cTop : Array.from(ly.c ?? [])));
      const rest = forward(model, inputs.slice(t + 1), model.config.cell === 'lstm' ? { h, c: cs } : { h });
      loss += traceLoss(rest, targets.slice(t + 1));
    }
    return loss;
  };
  const H = model.config.hiddenSize;
  for (let t = 0; t < inputs.length; t++) {
    const top = tr.steps[t].layers[L - 1];
    const fdH = Array.from({ length: H }, (_, u) => deriv((d) => {
      const h = Array.from(top.h);
      h[u] += d;
      return lossFrom(t, h, top.c ? Array.from(top.c) : undefined);
    }));
    expect(relErr(dh[t], fdH)).toBeLessThan(TOL);
    if (dc !== undefined) {
      const o = (top.gates as { o: Float64Array }).o;
      const fdC = Array.from({ length: H }, (_, u) => deriv((d) => {
        const cc = Array.from(top.c as Float64Array);
        cc[u] += d;
        return lossFrom(t, cc.map((x, i) => o[i] * Math.tanh(x)), cc);
      }));
      expect(relErr(dc[t], fdC)).toBeLessThan(TOL);
    }
  }
}

describe('truncated BPTT against finite differences of the windowed losses', () => {
  // With truncate k the loss at t is a function of the parameters used by the cells of steps
  // lo = max(0, t−k+1) … t, run from the (fixed) states the full forward pass had at lo − 1.
  CONFIGS.forEach(([name, cfg], ci) => {
    for (const k of [1, 2, 3]) {
      it(`${name}, truncate ${k}`, () => {
        const c = makeCase(cfg, T, ci % 2 === 1, 40 + ci);
        const { model, inputs, targets, init } = c;
        const full = forward(model, inputs, init);
        const stateAt = (s: number): Init => (s < 0 ? init : {
          h: full.steps[s].layers.map((ly) => Array.from(ly.h)),
          c: full.steps[s].layers.map((ly) => Array.from(ly.c ?? new Float64Array(cfg.hiddenSize))),
        });
        const windowed = (m: Model, x: number[][], i0: Init): number => {
          let loss = 0;
          for (let t = 0; t < T; t++) {
            if (targets[t] < 0) continue;
            const lo = Math.max(0, t - k + 1);
            const tr = forward(m, x.slice(lo, t + 1), lo === 0 ? i0 : stateAt(lo - 1));
            loss += ce(tr.steps[t - lo].logits, targets[t]);
          }
          return loss;
        };
        const res = backward(model, full, targets, { truncate: k });
        expect(relErr(flatGrads(res.grads), fdParams(c, (m) => windowed(m, inputs, init)))).toBeLessThan(TOL);
        const dIn = inputs.flatMap((row, t) => row.map((_, i) => deriv((d) => {
          const x = inputs.map((r) => [...r]);
          x[t][i] += d;
          return windowed(model, x, init);
        })));
        expect(relErr(res.dInputs.flat(), dIn)).toBeLessThan(TOL);
        const dH0 = init.h.flatMap((row, l) => row.map((_, u) => deriv((d) => {
          const i2 = { h: init.h.map((r) => [...r]), c: init.c };
          i2.h[l][u] += d;
          return windowed(model, inputs, i2);
        })));
        expect(relErr(res.dH0.flat(), dH0)).toBeLessThan(TOL);
      });
    }
  });

  it('truncate ≥ T equals full BPTT exactly', () => {
    for (const [, cfg] of CONFIGS) {
      const { model, inputs, targets, init } = makeCase(cfg, T, false, 3);
      const tr = forward(model, inputs, init);
      const full = backward(model, tr, targets);
      expect(backward(model, tr, targets, { truncate: T })).toEqual(full);
      expect(backward(model, tr, targets, { truncate: 1000 })).toEqual(full);
    }
  });

  it('truncate 1: no gradient reaches the initial state from later steps', () => {
    const { model, inputs, init } = makeCase(CONFIGS[3][1], T, false, 5);
    const targets = [-1, -1, -1, -1, 2];
    const res = backward(model, forward(model, inputs, init), targets, { truncate: 1 });
    expect(res.dH0.flat().every((x) => x === 0)).toBe(true);
    expect(res.dInputs.slice(0, T - 1).flat().every((x) => x === 0)).toBe(true);
  });
});
