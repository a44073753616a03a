/**
 * A plausible model trace built without the engine, for unit tests and for looking at the
 * renderers before a run exists: a small seeded forward pass of the chosen cell with random
 * weights, softmax outputs, per-step losses and gradients that fade backwards through time.
 */
import { gateNames } from '../engine/cells';
import type { CellType } from '../engine/types';
import { TOP_K, topTokens } from '../engine/inspection';
import type { SequenceShape } from '../engine/tasks/types';
import type { ModelTrace, TraceContext } from './trace';

export interface FixtureOptions {
  cell: CellType;
  T?: number;
  hidden?: number;
  layers?: number;
  shape?: SequenceShape;
  seed?: number;
}

const VOCAB = ['<', '&', 'a', 'e', 'h', 'l', 'o', 'r', 'n', 't', ' ', '😀', 'é', '\n'];

function lcg(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));

/** The fixture's sequence context: a small vocabulary with markup characters and an emoji. */
export function fixtureContext(shape: SequenceShape = 'many-to-many'): TraceContext {
  return { shape, vocab: VOCAB };
}

/** A deterministic {@link ModelTrace} of the given cell and sizes (defaults T 12, H 16, L 1). */
export function fixtureTrace({ cell, T = 12, hidden: H = 16, layers: L = 1, shape = 'many-to-many', seed = 1 }: FixtureOptions): ModelTrace {
  const rnd = lcg(seed);
  const V = VOCAB.length;
  const gauss = () => (rnd() + rnd() + rnd() - 1.5) * 1.2;
  const names = gateNames(cell);
  const inputs = Array.from({ length: T }, () => Math.floor(rnd() * V));
  const targets = inputs.map((_, t) => (shape === 'many-to-one' && t < T - 1 ? -1 : Math.floor(rnd() * V)));
  const h = new Float64Array(L * T * H);
  const c = cell === 'lstm' ? new Float64Array(L * T * H) : null;
  const gates: Record<string, Float64Array> = Object.fromEntries(names.map((n) => [n, new Float64Array(L * T * H)]));
  const Whh = Float64Array.from({ length: names.length * H * H }, () => gauss() / Math.sqrt(H));
  for (let l = 0; l < L; l++) {
    const drive = Float64Array.from({ length: V * H * names.length }, gauss);
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < H; j++) {
        const pre = (g: number) => {
          let s = drive[(inputs[t]! * names.length + g) * H + j]!;
          if (t > 0) for (let k = 0; k < H; k++) s += Whh[(g * H + j) * H + k]! * h[(l * T + t - 1) * H + k]!;
          return s;
        };
        const at = (l * T + t) * H + j;
        const prevH = t > 0 ? h[at - H]! : 0;
        if (cell === 'lstm') {
          const [i, f, g, o] = [sig(pre(0)), sig(pre(1) + 1), Math.tanh(pre(2)), sig(pre(3))];
          gates.i![at] = i; gates.f![at] = f; gates.g![at] = g; gates.o![at] = o;
          c![at] = f * (t > 0 ? c![at - H]! : 0) + i * g;
          h[at] = o * Math.tanh(c![at]!);
        } else if (cell === 'gru') {
          const [r, z] = [sig(pre(0)), sig(pre(1))];
          const n = Math.tanh(pre(2) * (0.5 + r / 2));
          gates.r![at] = r; gates.z![at] = z; gates.n![at] = n;
          h[at] = (1 - z) * n + z * prevH;
        } else {
          const a = pre(0);
          gates.a![at] = a;
          h[at] = Math.tanh(a);
        }
      }
    }
  }
  const probs = new Float64Array(T * V);
  const stepLoss = new Float64Array(T).fill(NaN);
  for (let t = 0; t < T; t++) {
    const logits = Array.from({ length: V }, () => gauss() * 2);
    if (targets[t]! >= 0) logits[targets[t]!]! += rnd() * 3;
    const m = Math.max(...logits);
    const e = logits.map((x) => Math.exp(x - m));
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((x, v) => { probs[t * V + v] = x / s; });
    if (targets[t]! >= 0) stepLoss[t] = -Math.log(probs[t * V + targets[t]!]!);
  }
  const topK = Math.min(V, TOP_K);
  const topIds = new Int32Array(T * topK);
  const topProbs = new Float64Array(T * topK);
  const targetProb = new Float64Array(T).fill(NaN);
  for (let t = 0; t < T; t++) {
    topTokens(probs, t * V, V, topK, topIds, topProbs, t * topK);
    if (targets[t]! >= 0) targetProb[t] = probs[t * V + targets[t]!]!;
  }
  const fade = cell === 'rnn' ? 0.45 : cell === 'gru' ? 0.75 : 0.85;
  const dh = new Float64Array(T * H);
  const dc = cell === 'lstm' ? new Float64Array(T * H) : null;
  const dWhhStep = new Float64Array(T);
  for (let t = T - 1; t >= 0; t--) {
    const scale = Math.pow(fade, T - 1 - t);
    let norm = 0;
    for (let j = 0; j < H; j++) {
      dh[t * H + j] = gauss() * scale;
      if (dc) dc[t * H + j] = gauss() * Math.sqrt(scale);
      norm += dh[t * H + j]! ** 2;
    }
    dWhhStep[t] = t === 0 ? 0 : Math.sqrt(norm) * (0.5 + rnd());
  }
  return {
    cell, layers: L, hidden: H, vocabSize: V, T, inputs, targets, h, c, gates, probs, topK, topIds, topProbs, targetProb, stepLoss, dh, dc, dWhhStep,
    // fixture terms all point along the sum: each share is its term's size
    dWhhShare: dWhhStep.slice(), dWhhTotal: dWhhStep.reduce((a, b) => a + b, 0), Whh,
  };
}
