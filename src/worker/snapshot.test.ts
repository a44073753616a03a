// Snapshots: every array's shape, fresh (transferable) buffers, bounded history, the flow matrix at
// its lower rate.
import { describe, expect, it } from 'vitest';
import { snapshotTransfer } from './host';
import type { TrainConfig } from './protocol';
import { SMALL } from './test-config';
import { createTrainer } from './trainer';
import { createModel, forward, gradientFlow } from '../engine';
import { flowSteps } from './inspect';
import { flatStateDict } from './importJob';
import { FULL_PROBS_MAX } from '../engine/inspection';
import { oneHotRows } from '../engine';

const EXAMPLE = { kind: 'example', index: 0 } as const;
const GATES = { rnn: ['a'], lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] } as const;
const G = { rnn: 1, lstm: 4, gru: 3 } as const;

describe('snapshot shapes', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    it(`${cell}, 2 layers: [L][T][H], [T][V], [T][T], [G·H][H]`, () => {
      const cfg: TrainConfig = { ...SMALL, cell, layers: 2, hidden: 6 };
      const t = createTrainer(cfg, EXAMPLE);
      t.step(3);
      t.setLayer(1);
      const s = t.snapshot();
      expect(s.models.length).toBe(1);
      const m = s.models[0]!;
      const { T, hidden: H, layers: L, vocabSize: V } = m;
      expect([H, L, V]).toEqual([6, 2, s.vocab.length]);
      expect(m.inputs.length).toBe(T);
      expect(m.targets.length).toBe(T);
      expect(m.h.length).toBe(L * T * H);
      expect(m.c?.length ?? null).toBe(cell === 'lstm' ? L * T * H : null);
      expect(Object.keys(m.gates).sort()).toEqual([...GATES[cell]].sort());
      for (const g of Object.values(m.gates)) expect(g.length).toBe(L * T * H);
      expect(m.probs!.length).toBe(T * V);
      expect(m.stepLoss.length).toBe(T);
      expect(m.dh.length).toBe(T * H);
      expect(m.dc?.length ?? null).toBe(cell === 'lstm' ? T * H : null);
      expect(m.dWhhStep.length).toBe(T);
      expect(m.dWhhShare.length).toBe(T);
      // the steps' shares of ∂L/∂W_hh add up to its size
      expect(Array.from(m.dWhhShare).reduce((a, b) => a + b, 0)).toBeCloseTo(m.dWhhTotal, 10);
      expect(m.flow!.length).toBe(T * T);
      expect(m.Whh.length).toBe(G[cell] * H * H);
      expect(m.sigma.length).toBe(H);
      expect(m.layer).toBe(1);
      expect(Object.keys(m.blockSigma).sort()).toEqual(cell === 'rnn' ? [] : [...GATES[cell]].sort());
      for (const b of Object.values(m.blockSigma)) expect(b.length).toBe(H);
      for (let i = 1; i < H; i++) expect(m.sigma[i]!).toBeLessThanOrEqual(m.sigma[i - 1]!);
      for (let t0 = 0; t0 < T; t0++) {
        let p = 0;
        for (let v = 0; v < V; v++) p += m.probs![t0 * V + v]!;
        expect(p).toBeCloseTo(1, 12);
        // the top tokens are the most probable of the full softmax; p(target) matches the step's loss
        const best = Array.from(m.probs!.subarray(t0 * V, (t0 + 1) * V)).sort((a, b) => b - a).slice(0, m.topK);
        expect(Array.from(m.topProbs.subarray(t0 * m.topK, (t0 + 1) * m.topK))).toEqual(best);
        if (m.targets[t0]! >= 0) expect(-Math.log(m.targetProb[t0]!)).toBeCloseTo(m.stepLoss[t0]!, 12);
      }
      expect(m.topK).toBe(Math.min(V, 10));
      expect(m.step).toBe(3);
      expect(s.history[0]!.step.length).toBe(3);
      // every buffer is its own (transferable, none shared with the trainer's caches)
      const buffers = snapshotTransfer(s);
      const blocks = cell === 'rnn' ? 0 : G[cell];
      expect(buffers.length).toBe(12 + (cell === 'lstm' ? 2 : 0) + GATES[cell].length + blocks + 4);
      const again = t.snapshot();
      expect(again.models[0]!.flow!.buffer).not.toBe(m.flow!.buffer);
      expect(again.models[0]!.sigma.buffer).not.toBe(m.sigma.buffer);
      expect(again.history[0]!.step.length, 'history drained').toBe(0);
    });
  }
});

describe('a large vocabulary is sent as each step\'s top tokens', () => {
  it('no [T][V] copy past FULL_PROBS_MAX numbers; the top 10 and p(target) agree with the forward pass', () => {
    // a model file with 3 000 tokens (the text's characters first): V·T = 3 000 · 25 > 65 536
    const t = createTrainer({ ...SMALL, seqLength: 25, cell: 'rnn' }, EXAMPLE);
    const vocab = [...t.task.vocab, ...Array.from({ length: 3000 - t.task.vocab.length }, (_, i) => `w${i}`)];
    const model = createModel({ cell: 'rnn', inputSize: 3000, hiddenSize: 4, outputSize: 3000, numLayers: 1, seed: 3 });
    t.loadModel({ config: model.config, stateDict: flatStateDict(model.config, model.params), vocab });
    const m = t.snapshot().models[0]!;
    const V = m.vocabSize;
    expect(V * m.T).toBeGreaterThan(FULL_PROBS_MAX);
    expect(m.probs).toBeNull();
    expect(m.topK).toBe(10);
    const trace = forward(t.lanes[0]!.model, oneHotRows(m.inputs, V));
    for (let s = 0; s < m.T; s++) {
      const p = trace.steps[s]!.probs;
      const ids = Array.from({ length: V }, (_, v) => v).sort((a, b) => p[b]! - p[a]! || a - b).slice(0, 10);
      expect(Array.from(m.topIds.subarray(s * 10, (s + 1) * 10))).toEqual(ids);
      expect(Array.from(m.topProbs.subarray(s * 10, (s + 1) * 10))).toEqual(ids.map((v) => p[v]));
      expect(m.targetProb[s]).toBe(p[m.targets[s]!]);
    }
  });
});

describe('the flow matrix in parts', () => {
  it('comes in several parts at H = 64, T = 120 and equals the engine\'s matrix in one piece', () => {
    const t = createTrainer({ ...SMALL, cell: 'lstm', hidden: 64, seqLength: 120, truncate: 50 }, EXAMPLE);
    const ex = t.task.examples[0]!;
    const model = t.lanes[0]!.model;
    const trace = forward(model, oneHotRows(ex.inputs, model.config.outputSize));
    const steps = flowSteps(model, trace, ex.targets, 50);
    let parts = 1;
    let r = steps.next();
    for (; !r.done; r = steps.next()) parts++;
    expect(parts).toBeGreaterThan(2);
    const whole = gradientFlow(model, trace, ex.targets, { truncate: 50 });
    const T = ex.inputs.length;
    expect(Array.from(r.value)).toEqual(whole.flatMap((row) => Array.from({ length: T }, (_, k) => row[k] ?? 0)));
  });
});

describe('the flow matrix is refreshed at a lower rate while training', () => {
  it('running: every flowEvery-th snapshot; paused: whenever stale', () => {
    let now = 0;
    const t = createTrainer(SMALL, EXAMPLE, { now: () => now, flowEvery: 5, flowIntervalMs: 1e9 });
    const flowSteps: (number | null)[] = [];
    for (let i = 0; i < 11; i++) {
      t.step(1);
      now += 33;
      flowSteps.push(t.snapshot({ running: true }).models[0]!.flowStep);
    }
    // the first snapshot computes it (none yet), then every 5th
    expect(flowSteps).toEqual([1, 1, 1, 1, 1, 6, 6, 6, 6, 6, 11]);
    t.step(1);
    expect(t.snapshot({ running: false }).models[0]!.flowStep).toBe(12);
    // nothing changed: the cache is sent again
    const a = t.snapshot({ running: false }).models[0]!;
    expect(a.flowStep).toBe(12);
  });
  it('running: after flowIntervalMs of training time', () => {
    let now = 0;
    const t = createTrainer(SMALL, EXAMPLE, { now: () => now, flowEvery: 1e9, flowIntervalMs: 250 });
    const seen: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = now;
      now += 0; // the step itself
      t.step(1);
      now = t0 + 100; // 100 ms of training per step is counted by the trainer's clock
      seen.push(t.snapshot({ running: true }).models[0]!.flowStep);
    }
    expect(seen[0]).toBe(1);
    expect(new Set(seen).size).toBeLessThan(6);
  });
});
