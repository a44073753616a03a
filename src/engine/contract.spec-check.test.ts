// The engine against an independent reference: forward values, finite-difference gradients,
// TOTAL dh/dc of the top layer, truncated BPTT.
import { describe, expect, it } from 'vitest';
import { backward, forward, fromStateDict, type ModelConfig } from './index';
import {
  gateCount, randMat, randomStateDict, refForward, refLoss, seeded,
  type RefConfig, type RefInit, type RefStateDict,
} from './reference.spec-check';

const EPS = 1e-6;

function rows(x: unknown): number[][] {
  return Array.from(x as ArrayLike<ArrayLike<number>>, (r) => Array.from(r));
}
function flat(x: unknown): number[] {
  return Array.from(x as ArrayLike<number>);
}

/** max over entries of |a − b| / max(|a|, |b|, floor) */
function maxRelErr(a: number[], b: number[], floor = 1e-2): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(a[i]!), Math.abs(b[i]!), floor);
    if (!(d <= worst)) worst = d;
  }
  return worst;
}

function expectClose(actual: unknown, expected: number[], tol: number, what: string): void {
  const a = flat(actual);
  expect(a.length, what).toBe(expected.length);
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!));
    if (!(err <= tol)) expect.fail(`${what}[${i}]: ${a[i]} vs reference ${expected[i]} (err ${err})`);
  }
}

function modelConfig(cfg: RefConfig): ModelConfig {
  const mc: ModelConfig = {
    cell: cfg.cell, inputSize: cfg.inputSize, hiddenSize: cfg.hiddenSize,
    outputSize: cfg.outputSize, numLayers: cfg.numLayers ?? 1,
  };
  if (cfg.cell === 'rnn') mc.nonlinearity = cfg.nonlinearity ?? 'tanh';
  return mc;
}

interface Case {
  cfg: RefConfig; sd: RefStateDict; inputs: number[][]; targets: number[]; init: RefInit;
}

function makeCase(seed: number, cfg: RefConfig, T: number, manyToOne: boolean, oneHot = false): Case {
  const rand = seeded(seed);
  const L = cfg.numLayers ?? 1;
  const sd = randomStateDict(cfg, rand);
  const inputs = oneHot
    ? Array.from({ length: T }, () => {
      const r = new Array<number>(cfg.inputSize).fill(0);
      r[Math.floor(rand() * cfg.inputSize)] = 1;
      return r;
    })
    : randMat(T, cfg.inputSize, rand);
  const targets = Array.from({ length: T }, (_, t) =>
    manyToOne && t < T - 1 ? -1 : Math.floor(rand() * cfg.outputSize));
  const init = { h: randMat(L, cfg.hiddenSize, rand, 0.8), c: randMat(L, cfg.hiddenSize, rand, 0.8) };
  return { cfg, sd, inputs, targets, init };
}

function run(c: Case, truncate?: number) {
  const model = fromStateDict(modelConfig(c.cfg), c.sd);
  const trace = forward(model, c.inputs, c.init);
  return truncate === undefined ? backward(model, trace, c.targets) : backward(model, trace, c.targets, { truncate });
}

/** Central differences of the reference loss over every entry of a nested array. */
function numericGrad(target: number[] | number[][], loss: () => number): number[] {
  const out: number[] = [];
  const each = (arr: number[]) => {
    for (let i = 0; i < arr.length; i++) {
      const keep = arr[i]!;
      arr[i] = keep + EPS;
      const up = loss();
      arr[i] = keep - EPS;
      const down = loss();
      arr[i] = keep;
      out.push((up - down) / (2 * EPS));
    }
  };
  if (typeof target[0] === 'number') each(target as number[]);
  else for (const r of target as number[][]) each(r);
  return out;
}

describe('forward matches the reference (1e-12)', () => {
  const cells = ['rnn', 'lstm', 'gru'] as const;
  for (let seed = 1; seed <= 24; seed++) {
    const rand = seeded(1000 + seed);
    const cell = cells[seed % 3]!;
    const cfg: RefConfig = {
      cell, inputSize: 1 + Math.floor(rand() * 5), hiddenSize: 1 + Math.floor(rand() * 6),
      outputSize: 2 + Math.floor(rand() * 4), numLayers: 1 + Math.floor(rand() * 3),
      nonlinearity: rand() < 0.5 ? 'tanh' : 'relu',
    };
    const T = 1 + Math.floor(rand() * 6);
    const oneHot = seed % 2 === 0;
    const withInit = seed % 4 < 2;
    it(`#${seed} ${cell}${cfg.cell === 'rnn' ? ` ${cfg.nonlinearity}` : ''} L=${cfg.numLayers} ` +
      `${oneHot ? 'one-hot' : 'dense'} ${withInit ? 'init' : 'zero'} T=${T}`, () => {
      const c = makeCase(seed, cfg, T, false, oneHot);
      const init = withInit ? c.init : undefined;
      const model = fromStateDict(modelConfig(cfg), c.sd);
      const trace = forward(model, c.inputs, init);
      const ref = refForward(cfg, c.sd, c.inputs, init);
      expect(trace.steps.length).toBe(T);
      ref.forEach((rs, t) => {
        const st = trace.steps[t]!;
        expectClose(st.logits, rs.logits, 1e-12, `logits t=${t}`);
        expectClose(st.probs, rs.probs, 1e-12, `probs t=${t}`);
        expect(st.layers.length).toBe(cfg.numLayers);
        rs.layers.forEach((rl, k) => {
          const l = st.layers[k]!;
          expectClose(l.h, rl.h, 1e-12, `h t=${t} k=${k}`);
          if (cell === 'lstm') expectClose(l.c, rl.c!, 1e-12, `c t=${t} k=${k}`);
          const gates = l.gates as unknown as Record<string, unknown>;
          for (const [name, v] of Object.entries(rl.gates)) expectClose(gates[name], v, 1e-12, `gate ${name} t=${t} k=${k}`);
        });
      });
    });
  }
});

const GRAD_CONFIGS: { name: string; cfg: RefConfig }[] = [];
for (const [cell, nl] of [['rnn', 'tanh'], ['rnn', 'relu'], ['lstm', undefined], ['gru', undefined]] as const) {
  for (const L of [1, 2]) {
    const cfg: RefConfig = { cell, inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: L };
    if (nl) cfg.nonlinearity = nl;
    GRAD_CONFIGS.push({ name: `${cell}${nl ? ` ${nl}` : ''} L=${L}`, cfg });
  }
}

describe('finite-difference gradients (max relative error < 1e-6)', () => {
  GRAD_CONFIGS.forEach(({ name, cfg }, ci) => {
    for (const [manyToOne, oneHot] of [[false, false], [true, false], [false, true]] as const) {
      const what = `${manyToOne ? 'many-to-one' : 'every step'}${oneHot ? ', one-hot inputs' : ''}`;
      it(`${name} ${what}: grads, dInputs, dH0, dC0, loss`, () => {
        const c = makeCase(77 + ci * 3 + (manyToOne ? 1 : 0) + (oneHot ? 2 : 0), cfg, 5, manyToOne, oneHot);
        const bw = run(c);
        const loss = () => refLoss(cfg, c.sd, c.inputs, c.targets, c.init);
        expect(Math.abs(bw.loss - loss()) / Math.max(1, loss())).toBeLessThan(1e-12);
        const G = gateCount(cfg.cell);
        expect(Object.keys(bw.grads).sort()).toEqual(Object.keys(c.sd).sort());
        for (const key of Object.keys(c.sd)) {
          const num = numericGrad(c.sd[key]!, loss);
          const got = typeof c.sd[key]![0] === 'number' ? flat(bw.grads[key]) : rows(bw.grads[key]).flat();
          expect(got.length, key).toBe(num.length);
          expect(maxRelErr(got, num), key).toBeLessThan(1e-6);
        }
        expect(rows(bw.grads['rnn.weight_hh_l0']).length).toBe(G * cfg.hiddenSize);
        expect(maxRelErr(rows(bw.dInputs).flat(), numericGrad(c.inputs, loss)), 'dInputs').toBeLessThan(1e-6);
        expect(maxRelErr(rows(bw.dH0).flat(), numericGrad(c.init.h!, loss)), 'dH0').toBeLessThan(1e-6);
        if (cfg.cell === 'lstm') {
          expect(bw.dC0, 'dC0').toBeDefined();
          expect(maxRelErr(rows(bw.dC0).flat(), numericGrad(c.init.c!, loss)), 'dC0').toBeLessThan(1e-6);
        }
      });
    }
  });
});

describe('dh / dc are the TOTAL derivatives of the top layer state', () => {
  GRAD_CONFIGS.forEach(({ name, cfg }, ci) => {
    it(`${name}, many-to-one and every step`, () => {
      for (const manyToOne of [false, true]) {
        const c = makeCase(300 + ci, cfg, 5, manyToOne);
        const bw = run(c);
        const H = cfg.hiddenSize;
        for (const which of cfg.cell === 'lstm' ? (['dh', 'dc'] as const) : (['dh'] as const)) {
          const got = rows(bw[which]);
          expect(got.length, which).toBe(5);
          const num: number[] = [];
          for (let t = 0; t < 5; t++) {
            const delta = new Array<number>(H).fill(0);
            const loss = () => refLoss(cfg, c.sd, c.inputs, c.targets, c.init,
              which === 'dh' ? { t, dh: delta } : { t, dc: delta });
            num.push(...numericGrad(delta, loss));
          }
          expect(maxRelErr(got.flat(), num), `${which} (${manyToOne ? 'many-to-one' : 'every step'})`).toBeLessThan(1e-6);
        }
      }
    });
  });
});

describe('truncated BPTT', () => {
  for (const { name, cfg } of GRAD_CONFIGS) {
    it(`${name}: truncate = T (and more) equals full BPTT`, () => {
      const c = makeCase(500, cfg, 6, false);
      const full = run(c);
      for (const k of [6, 9]) {
        const tr = run(c, k);
        expect(Math.abs(tr.loss - full.loss)).toBeLessThan(1e-12);
        for (const key of Object.keys(full.grads)) {
          const a = rows(typeof c.sd[key]![0] === 'number' ? [flat(full.grads[key])] : full.grads[key]).flat();
          const b = rows(typeof c.sd[key]![0] === 'number' ? [flat(tr.grads[key])] : tr.grads[key]).flat();
          expect(maxRelErr(b, a, 1e-9), `${key} truncate=${k}`).toBeLessThan(1e-12);
        }
        expect(maxRelErr(rows(tr.dInputs).flat(), rows(full.dInputs).flat(), 1e-9)).toBeLessThan(1e-12);
        expect(maxRelErr(rows(tr.dH0).flat(), rows(full.dH0).flat(), 1e-9)).toBeLessThan(1e-12);
      }
    });
  }
  it('a short span stops the last step\'s loss from reaching the first steps', () => {
    for (const { cfg } of GRAD_CONFIGS) {
      const c = makeCase(600, cfg, 8, true);
      const tr = run(c, 2);
      expect(rows(tr.dH0).flat().every((v) => v === 0), `${cfg.cell} dH0`).toBe(true);
      expect(rows(tr.dInputs)[0]!.every((v) => v === 0), `${cfg.cell} dInputs[0]`).toBe(true);
      expect(rows(tr.dInputs)[7]!.some((v) => v !== 0), `${cfg.cell} dInputs[T-1]`).toBe(true);
    }
  });
});
