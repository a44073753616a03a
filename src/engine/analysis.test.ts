// Gradient flow, per-step norms, recurrent blocks, gradient checks, sampling and token helpers.
import { describe, expect, it } from 'vitest';
import { orthogonal } from './test-fixtures';
import {
  backward, buildVocab, createModel, createRng, decode, encode, forward, fromStateDict, generate, gradCheck,
  gradientDistanceCurve, gradientFlow, numericGradient, oneHot, oneHotRows, perStepGradNorms, recurrentBlocks,
  rescaleRecurrent, sampleToken, singularValues, softmaxWithTemperature, toStateDict,
  type Model, type ModelConfig,
} from './index';

const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

function ce(logits: ArrayLike<number>, target: number): number {
  const m = Math.max(...Array.from(logits));
  return m + Math.log(Array.from(logits).reduce((s, y) => s + Math.exp(y - m), 0)) - logits[target];
}

/** ∂L_t/∂h_k (top layer) by central differences: perturb h_k, rerun steps k+1..t from there. */
function fdFlow(model: Model, inputs: number[][], t: number, target: number, k: number): number[] {
  const tr = forward(model, inputs);
  const L = model.config.numLayers;
  const sd = toStateDict(model);
  const W = sd['fc.weight'] as number[][];
  const b = sd['fc.bias'] as number[];
  return Array.from({ length: model.config.hiddenSize }, (_, u) => {
    const lossWith = (d: number): number => {
      const h = tr.steps[k].layers.map((ly) => Array.from(ly.h));
      h[L - 1][u] += d;
      if (k === t) return ce(W.map((row, v) => b[v] + row.reduce((s, w, i) => s + w * h[L - 1][i], 0)), target);
      const c = tr.steps[k].layers.map((ly) => Array.from(ly.c ?? []));
      const rest = forward(model, inputs.slice(k + 1, t + 1), model.config.cell === 'lstm' ? { h, c } : { h });
      return ce(rest.steps[t - k - 1].logits, target);
    };
    const e = 1e-5;
    return (lossWith(e) - lossWith(-e)) / (2 * e);
  });
}

describe('gradientFlow', () => {
  const cases: ModelConfig[] = [
    { cell: 'lstm', inputSize: 3, hiddenSize: 4, outputSize: 3 },
    { cell: 'gru', inputSize: 3, hiddenSize: 3, outputSize: 3, numLayers: 2 },
    { cell: 'rnn', inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 2 },
  ];
  for (const cfg of cases) {
    it(`${cfg.cell} L=${cfg.numLayers ?? 1}: ‖∂L_t/∂h_k‖ against finite differences`, () => {
      const model = createModel({ ...cfg, seed: 4 });
      const rng = createRng(8);
      for (let i = 0; i < model.params.length; i++) model.params[i] *= 2;
      const T = 5;
      const inputs = Array.from({ length: T }, () => Array.from({ length: 3 }, () => rng.uniform(-1, 1)));
      const targets = [0, -1, 2, 1, 0];
      const flow = gradientFlow(model, forward(model, inputs), targets);
      for (let t = 0; t < T; t++) {
        for (let k = 0; k < T; k++) {
          if (k > t || targets[t] < 0) { expect(flow[t][k]).toBe(0); continue; }
          const fd = norm(fdFlow(model, inputs, t, targets[t], k));
          expect(Math.abs(flow[t][k] - fd) / Math.max(fd, 1e-6)).toBeLessThan(1e-6);
        }
      }
      // the last row's dh_0 direction equals backward's dh[0] when only the last step has a loss
      const only = targets.map((_, t) => (t === T - 1 ? targets[T - 1] : -1));
      const res = backward(model, forward(model, inputs), only);
      expect(flow[T - 1][0]).toBeCloseTo(norm(res.dh[0]), 12);
      // truncation zeroes the entries further back than the span
      const tr3 = gradientFlow(model, forward(model, inputs), targets, { truncate: 2 });
      expect(tr3[4][1]).toBe(0);
      expect(tr3[4][2]).toBeCloseTo(flow[4][2], 14);
    });
  }

  it('W_hh = s·Q near the linear regime: ‖∂L_T/∂h_k‖ decays at most like s^d for s < 1 and grows for s > 1', () => {
    const H = 8;
    const T = 12;
    for (const s of [0.6, 0.9, 1.3]) {
      const base = createModel({ cell: 'rnn', inputSize: 2, hiddenSize: H, outputSize: 2, seed: 1 });
      const sd = toStateDict(base);
      sd['rnn.weight_hh_l0'] = orthogonal(H, 5);
      sd['rnn.weight_ih_l0'] = (sd['rnn.weight_ih_l0'] as number[][]).map((r) => r.map((x) => x * 1e-3));
      sd['rnn.bias_ih_l0'] = new Array<number>(H).fill(0);
      sd['rnn.bias_hh_l0'] = new Array<number>(H).fill(0);
      const model = rescaleRecurrent(fromStateDict({ cell: 'rnn', inputSize: 2, hiddenSize: H, outputSize: 2 }, sd), { layer: 0, sigmaMax: s });
      singularValues(recurrentBlocks(model, 0)[0].matrix).forEach((v) => expect(v).toBeCloseTo(s, 12));
      const inputs = Array.from({ length: T }, (_, t) => [Math.sin(t), Math.cos(t)]);
      const targets = inputs.map((_, t) => (t === T - 1 ? 1 : -1));
      const curve = gradientDistanceCurve(gradientFlow(model, forward(model, inputs), targets), targets);
      for (let d = 1; d < T; d++) {
        const ratio = curve[d] / curve[0];
        if (s < 1) expect(ratio).toBeLessThanOrEqual(s ** d * (1 + 1e-9));
        else expect(ratio).toBeGreaterThan(1);
        expect(ratio).toBeCloseTo(s ** d, 3); // |tanh'| ≈ 1 at these tiny activations
      }
    }
  });

  it('gradientDistanceCurve averages flow[t][t − d] over the rows with a loss', () => {
    const flow = [[1, 0, 0], [0, 0, 0], [3, 5, 7]];
    expect(gradientDistanceCurve(flow)).toEqual([4, 5, 3]);
    expect(gradientDistanceCurve(flow, [0, 0, 0])).toEqual([8 / 3, 2.5, 3]);
  });
});

describe('per-step norms, recurrent blocks, gradient checks', () => {
  const cfg: ModelConfig = { cell: 'lstm', inputSize: 4, hiddenSize: 3, outputSize: 4, seed: 6 };
  const inputs = oneHotRows([0, 3, 1, 2, 2], 4);
  const targets = [3, 1, -1, 2, 0];

  it('perStepGradNorms: ‖dh_t‖, ‖dc_t‖ and the per-step terms whose sum is dW_hh', () => {
    const m = createModel(cfg);
    const tr = forward(m, inputs);
    const res = backward(m, tr, targets);
    const n = perStepGradNorms(m, tr, targets);
    n.dh.forEach((x, t) => expect(x).toBeCloseTo(norm(res.dh[t]), 14));
    (n.dc as number[]).forEach((x, t) => expect(x).toBeCloseTo(norm((res.dc as number[][])[t]), 14));
    const total = norm((res.grads['rnn.weight_hh_l0'] as number[][]).flat());
    expect(total).toBeLessThanOrEqual(n.dWhh.reduce((s, x) => s + x, 0) + 1e-15);
    // one step: its term is the whole gradient
    const one = createModel(cfg);
    const tr1 = forward(one, [inputs[0]], { h: [[0.3, -0.2, 0.5]] });
    const g1 = backward(one, tr1, [1]).grads['rnn.weight_hh_l0'] as number[][];
    expect(perStepGradNorms(one, tr1, [1]).dWhh[0]).toBeCloseTo(norm(g1.flat()), 14);
  });

  it('perStepGradNorms: each step\'s share of dW_hh along the whole, adding up to ‖dW_hh‖', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const m = createModel({ ...cfg, cell });
      const tr = forward(m, inputs);
      const G = (backward(m, tr, targets).grads['rnn.weight_hh_l0'] as number[][]).flat();
      const total = norm(G);
      const n = perStepGradNorms(m, tr, targets);
      expect(n.dWhhTotal).toBeCloseTo(total, 12);
      expect(n.dWhhShare.reduce((s, x) => s + x, 0)).toBeCloseTo(total, 12);
      // each share is ⟨C_t, G⟩/‖G‖, so it can never exceed its own term's size ‖C_t‖
      n.dWhhShare.forEach((p, t) => expect(Math.abs(p)).toBeLessThanOrEqual(n.dWhh[t] + 1e-12));
      // a sequence whose only target is ignored has no gradient, so no share
      const single = perStepGradNorms(m, forward(m, [inputs[0]]), [-1]);
      expect(single.dWhhShare).toEqual([0]);
      expect(single.dWhhTotal).toBe(0);
    }
  });

  it('recurrentBlocks and rescaleRecurrent of one gate block', () => {
    const m = createModel(cfg);
    const blocks = recurrentBlocks(m, 0);
    expect(blocks.map((b) => b.name)).toEqual(['i', 'f', 'g', 'o']);
    expect(blocks[1].matrix).toEqual((toStateDict(m)['rnn.weight_hh_l0'] as number[][]).slice(3, 6));
    const r = rescaleRecurrent(m, { layer: 0, sigmaMax: 2, block: 'f' });
    const after = recurrentBlocks(r, 0);
    expect(singularValues(after[1].matrix)[0]).toBeCloseTo(2, 12);
    expect(after[0].matrix).toEqual(blocks[0].matrix);
    expect(recurrentBlocks(m, 0)).toEqual(blocks); // the input model is untouched
    expect(() => rescaleRecurrent(m, { layer: 0, sigmaMax: 1, block: 'z' })).toThrow(/block 'z'/);
    expect(() => recurrentBlocks(m, 1)).toThrow(/layer/);
  });

  it('rescaleRecurrent of a wide W_hh (H > 256, the power-iteration path)', () => {
    const H = 260;
    const base = createModel({ cell: 'rnn', inputSize: 2, hiddenSize: H, outputSize: 2, seed: 1 });
    const sd = toStateDict(base);
    const rng = createRng(4);
    const d = Array.from({ length: H }, (_, i) => (i === 7 ? -1.5 : rng.uniform(-1.2, 1.2)));
    sd['rnn.weight_hh_l0'] = d.map((x, i) => Array.from({ length: H }, (_, j) => (i === j ? x : 0)));
    const m = fromStateDict({ cell: 'rnn', inputSize: 2, hiddenSize: H, outputSize: 2 }, sd);
    const W = recurrentBlocks(rescaleRecurrent(m, { layer: 0, sigmaMax: 0.5 }), 0)[0].matrix;
    d.forEach((x, i) => expect(Math.abs(W[i][i] - x / 3) / Math.abs(x / 3)).toBeLessThan(1e-12));
  });

  it('numericGradient and gradCheck agree with backward', () => {
    const m = createModel(cfg);
    for (const [key, row, col] of [['rnn.weight_hh_l0', 4, 1], ['rnn.bias_ih_l0', 7, undefined], ['fc.weight', 2, 0]] as const) {
      const r = gradCheck(m, inputs, targets, key, row, col);
      expect(r.relError).toBeLessThan(1e-7);
      expect(numericGradient(m, inputs, targets, key, row, col)).toBe(r.numeric);
    }
    expect(() => gradCheck(m, inputs, targets, 'nope', 0)).toThrow(/unknown parameter key "nope"/);
  });
});

describe('sampling and tokens', () => {
  it('softmaxWithTemperature', () => {
    const p = softmaxWithTemperature([1, 2, 3], 0.5);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 15);
    expect(p[2] / p[1]).toBeCloseTo(Math.exp(2), 12);
    expect(softmaxWithTemperature([1, 5, 3], 0)).toEqual([0, 1, 0]);
  });

  it('sampleToken: deterministic given the rng, top-k respected, frequencies follow the probabilities', () => {
    const logits = [0, Math.log(2), Math.log(3), -50];
    const a = createRng(3);
    const b = createRng(3);
    const xs = Array.from({ length: 6000 }, () => sampleToken(logits, a));
    expect(Array.from({ length: 6000 }, () => sampleToken(logits, b))).toEqual(xs);
    const freq = [0, 1, 2].map((k) => xs.filter((x) => x === k).length / 6000);
    [1 / 6, 2 / 6, 3 / 6].forEach((p, k) => expect(Math.abs(freq[k] - p)).toBeLessThan(0.03));
    const r = createRng(1);
    for (let i = 0; i < 50; i++) expect(sampleToken(logits, r, { topK: 2 })).toBeGreaterThanOrEqual(1);
    expect(sampleToken([0.2, 0.7, 0.1], r, { input: 'probs', temperature: 0 })).toBe(1);
  });

  it('generate: token ids in range, deterministic for a seed', () => {
    const m = createModel({ cell: 'gru', inputSize: 5, hiddenSize: 6, outputSize: 5, seed: 2 });
    const g1 = generate(m, [1, 2], 20, createRng(9), { temperature: 0.8, topK: 3 });
    expect(g1.length).toBe(20);
    expect(g1.every((x) => Number.isInteger(x) && x >= 0 && x < 5)).toBe(true);
    expect(generate(m, [1, 2], 20, createRng(9), { temperature: 0.8, topK: 3 })).toEqual(g1);
    // greedy generation agrees with running forward over the extended sequence
    const greedy = generate(m, [4], 4, createRng(0), { temperature: 0 });
    const tr = forward(m, oneHotRows([4, ...greedy.slice(0, 3)], 5));
    tr.steps.forEach((s, t) => expect(greedy[t]).toBe(Array.from(s.logits).indexOf(Math.max(...s.logits))));
  });

  it('oneHot, buildVocab, encode, decode', () => {
    expect(oneHot(2, 4)).toEqual([0, 0, 1, 0]);
    expect(() => oneHot(4, 4)).toThrow(/0\.\.3/);
    const v = buildVocab('hello');
    expect(v.tokens).toEqual(['e', 'h', 'l', 'o']);
    expect(decode(v, encode(v, 'hole'))).toBe('hole');
    expect(() => encode(v, 'x')).toThrow(/"x"/);
    expect(encode(v, 'hx', 0)).toEqual([1, 0]);
    const w = buildVocab(['the', 'cat', 'the']);
    expect(decode(w, [1, 0], ' ')).toBe('the cat');
  });
});
