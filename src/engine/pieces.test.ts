// A sequence's forward and backward passes cut into pieces give the very numbers of the passes in
// one piece (bit for bit), wherever the cuts fall: every cell, 1–3 layers, full and truncated BPTT.
import { describe, expect, it } from 'vitest';
import { runForward } from './kernels-forward';
import { runBackward } from './kernels-grad';
import { inspectionGradients, inspectionGradientsSteps } from './flow';
import { forward, forwardSteps } from './forward';
import { createModel } from './model';
import { pca, pcaSteps } from './pca';
import { passPieces, PIECE_MACS } from './pieces';
import { createRng } from './rng';
import { hiddenStates, hiddenStatesSteps } from './states';
import { singularValuesFlat, singularValuesSteps } from './svd';
import { addBatchItem, addBatchItemPieces, newBatchSum, trainBatch } from './train';
import { createOptimizer } from './optim';
import type { CellType } from './types';
import { createWorkspace, loadInit, loadInputs, loadTargets, loadTokens, type Workspace } from './workspace';

const V = 7;
const H = 6;
const T = 11;

function setup(cell: CellType, layers: number, dense: boolean): { P: Float64Array; make: () => Workspace } {
  const model = createModel({ cell, inputSize: V, hiddenSize: H, outputSize: V, numLayers: layers, seed: 3 });
  const rng = createRng(11);
  const tokens = Array.from({ length: T }, () => rng.int(V));
  // a step without a target, so the readout and the truncated spans skip one
  const targets = tokens.map((_, t) => (t === 4 ? -1 : (tokens[t]! + 1) % V));
  const rows = Array.from({ length: T }, () => Array.from({ length: V }, () => rng.uniform(-1, 1)));
  const make = (): Workspace => {
    const ws = createWorkspace(model, T);
    if (dense) loadInputs(ws, rows);
    else loadTokens(ws, tokens);
    loadTargets(ws, targets);
    loadInit(ws);
    return ws;
  };
  return { P: model.params, make };
}

/** Everything a pass leaves for its callers. */
const outputs = (ws: Workspace) => [ws.grads, ws.dInputs, ws.dH0, ws.dC0, ws.dhTot, ws.logits, ws.probs, ws.lse]
  .map((a) => Array.from(a));

const ALL = { weights: true, inputs: true, init: true } as const;

describe('passPieces', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as CellType[]) {
    for (const layers of [1, 2, 3]) {
      for (const truncate of [T, 3]) {
        it(`${cell}, ${layers} layer(s), ${truncate >= T ? 'full BPTT' : `truncated to ${truncate}`}: bit-identical whatever the pieces`, () => {
          const { P, make } = setup(cell, layers, truncate < T);
          const whole = make();
          runForward(P, whole, false);
          const loss = runBackward(P, whole, truncate, ALL);
          // unit 1: a piece per step (per gate row); then a few steps, a layer, everything at once
          for (const unit of [1, 150, 700, 5000, Infinity]) {
            const ws = make();
            const pass = passPieces(P, ws, false, truncate, ALL, unit);
            let pieces = 0;
            let r = pass.next();
            while (!r.done) {
              pieces++;
              r = pass.next();
            }
            expect(r.value).toBe(loss);
            expect(outputs(ws)).toEqual(outputs(whole));
            if (unit === 1) expect(pieces).toBeGreaterThan(layers * 2 * T); // really cut inside the layers
            if (unit === Infinity) expect(pieces).toBe(0);
          }
        });
      }
    }
  }

  it('a piece of the default size stays near its budget of multiply-adds (H 256, 3 layers, T 200)', () => {
    // the cost of the largest piece measured in steps: no single kernel call spans a whole layer
    const model = createModel({ cell: 'lstm', inputSize: 65, hiddenSize: 256, outputSize: 65, numLayers: 3, seed: 1 });
    const ws = createWorkspace(model, 200);
    loadTokens(ws, Array.from({ length: 200 }, (_, t) => t % 65));
    loadTargets(ws, Array.from({ length: 200 }, (_, t) => (t + 1) % 65));
    loadInit(ws);
    let pieces = 0;
    const pass = passPieces(model.params, ws, true, 200, { weights: true, inputs: false, init: false });
    while (!pass.next().done) pieces++;
    // a product of 4H×H per step and layer: forward 3 recurrences + 2 projections, backward 3 sweeps,
    // 2 gradients to the layer below, 5 weight gradients — 15 of them, about 7.9e8 multiply-adds
    const total = 15 * 4 * 256 * 256 * 200;
    expect(pieces).toBeGreaterThan((0.9 * total) / PIECE_MACS);
    expect(pieces).toBeLessThan((1.2 * total) / PIECE_MACS);
  });
});

describe('addBatchItemPieces', () => {
  const model = createModel({ cell: 'gru', inputSize: V, hiddenSize: H, outputSize: V, numLayers: 2, seed: 5 });
  const items = [0, 1, 2].map((s) => {
    const rng = createRng(20 + s);
    const tokens = Array.from({ length: T - s }, () => rng.int(V));
    return { tokens, targets: tokens.map((x) => (x + 2) % V) };
  });

  it('sums the same numbers as addBatchItem, and starts a sequence again when its buffers were taken meanwhile', () => {
    const whole = newBatchSum(model);
    for (const item of items) addBatchItem(model, whole, item, { truncate: 4 });
    const cut = newBatchSum(model);
    let restarts = 0;
    for (const [k, item] of items.entries()) {
      const job = addBatchItemPieces(model, cut, item, { truncate: 4 }, 40);
      let pieces = 0;
      while (!job.next().done) {
        pieces++;
        // half-way through the second sequence, another training call uses the model's buffers of that length
        if (k === 1 && pieces === 5) {
          // (plain SGD at rate 0: the weights stay as they are, as the job needs)
          trainBatch(model, createOptimizer({ type: 'sgd', lr: 0 }), [item]);
          restarts++;
        }
      }
      expect(pieces).toBeGreaterThan(5);
    }
    expect(restarts).toBe(1);
    expect(cut.items).toBe(3);
    expect(cut.loss).toBe(whole.loss);
    expect(cut.hits).toEqual(whole.hits);
    expect(Array.from(cut.sum)).toEqual(Array.from(whole.sum));
  });

  it('refuses a bad item at once, adding nothing', () => {
    const acc = newBatchSum(model);
    expect(() => addBatchItemPieces(model, acc, { tokens: [0, V], targets: [1, 1] }).next()).toThrow(/token 1/);
    expect(acc.items).toBe(0);
  });
});

describe('the inspection work in pieces', () => {
  const model = createModel({ cell: 'lstm', inputSize: V, hiddenSize: H, outputSize: V, numLayers: 2, seed: 8 });
  const rng = createRng(4);
  const inputs = Array.from({ length: T }, () => Array.from({ length: V }, () => rng.uniform(-1, 1)));
  const targets = inputs.map((_, t) => (t % 3 === 1 ? -1 : t % V));
  const run = <R>(work: Generator<void, R, void>): { value: R; pieces: number } => {
    let pieces = 0;
    for (;;) {
      const r = work.next();
      if (r.done) return { value: r.value, pieces };
      pieces++;
    }
  };

  it('forwardSteps and inspectionGradientsSteps give the numbers of forward and inspectionGradients', () => {
    const whole = forward(model, inputs);
    const cut = run(forwardSteps(model, inputs, undefined, 50));
    expect(cut.pieces).toBeGreaterThan(T);
    const flat = (tr: typeof whole) => tr.steps.flatMap((s) => [...s.logits, ...s.probs, ...s.layers.flatMap((l) => [...l.h, ...l.c!])]);
    expect(flat(cut.value)).toEqual(flat(whole));
    for (const truncate of [undefined, 4]) {
      const g = inspectionGradients(model, whole, targets, { truncate, layer: 0 });
      const c = run(inspectionGradientsSteps(model, cut.value, targets, { truncate, layer: 0 }, 50));
      expect(c.pieces).toBeGreaterThan(T);
      expect(c.value).toEqual(g);
    }
  });

  it('singularValuesSteps gives the values of singularValuesFlat (tall: QR first; square)', () => {
    for (const [m, n] of [[60, 12], [12, 12]] as const) {
      const W = Float64Array.from({ length: m * n }, () => rng.uniform(-1, 1));
      const cut = run(singularValuesSteps(W, m, n, 0, 1)); // a piece per column
      expect(cut.pieces).toBeGreaterThanOrEqual(n - 1);
      expect(Array.from(cut.value)).toEqual(Array.from(singularValuesFlat(W, m, n)));
    }
  });
});

describe('the panels\' passes in pieces', () => {
  it('hiddenStatesSteps reads a long sequence in chunks with the numbers of one hiddenStates run (h, c, a gate)', () => {
    for (const cell of ['lstm', 'gru'] as CellType[]) {
      const model = createModel({ cell, inputSize: V, hiddenSize: H, outputSize: V, numLayers: 3, seed: 2 });
      const rng = createRng(6);
      const tokens = Array.from({ length: 200 }, () => rng.int(V));
      for (const quantity of cell === 'lstm' ? ['h', 'c', 'f'] : ['h', 'z']) {
        let pieces = 0;
        const work = hiddenStatesSteps(model, tokens, 2, quantity, 3000);
        let r = work.next();
        for (; !r.done; r = work.next()) pieces++;
        expect(pieces).toBeGreaterThan(5);
        expect(Array.from(r.value)).toEqual(Array.from(hiddenStates(model, tokens, 2, quantity)));
      }
    }
  });

  it('pcaSteps gives the components of pca (subspace iteration, from a warm start too)', () => {
    const rng = createRng(9);
    const n = 50;
    const h = 80; // over JACOBI_MAX: subspace iteration
    const data = Float64Array.from({ length: n * h }, (_, i) => Math.sin(i % 7) + rng.uniform(-0.5, 0.5));
    const whole = pca(data, n, h, 2);
    for (const options of [{}, { start: whole.components }]) {
      const work = pcaSteps(data, n, h, 2, options, 1000);
      let pieces = 0;
      let r = work.next();
      for (; !r.done; r = work.next()) pieces++;
      expect(pieces).toBeGreaterThan(n / 2);
      expect(r.value).toEqual(pca(data, n, h, 2, options));
    }
  });
});
