/**
 * Gradient clipping and the optimizers (torch.optim.SGD / Adam / Adagrad update rules). Each rule is
 * one loop over the flat parameter vector, used by Optimizer.step and by trainStep alike.
 */
import { layoutKey } from './layout';
import { flattenStateDict } from './model';
import type { Model, StateDict } from './types';

/** The optimizer settings accepted by {@link createOptimizer}. */
export type OptimizerOptions =
  | { type: 'sgd'; lr: number; momentum?: number; weightDecay?: number }
  | { type: 'adam'; lr: number; betas?: [number, number]; eps?: number; weightDecay?: number }
  | { type: 'adamw'; lr: number; betas?: [number, number]; eps?: number; weightDecay?: number }
  | { type: 'adagrad'; lr: number; eps?: number; weightDecay?: number };

/** torch.optim.AdamW's default weight_decay (the other optimizers default to 0). */
export const ADAMW_DEFAULT_WEIGHT_DECAY = 0.01;

/**
 * Updates a model's parameters from gradients. step(model, grads) mutates model.params; grads has
 * the keys and shapes of toStateDict. reset() clears the moments (and the step count). setLr(lr)
 * changes the learning rate of the following steps and keeps the moments and the step count
 * (like assigning param_groups[0]['lr'] in torch); throws on a negative or non-finite lr.
 */
export interface Optimizer { step(model: Model, grads: StateDict): void; reset(): void; setLr(lr: number): void }

/** An optimizer that can also step from flat gradients [P] in state_dict order (mutates model.params). */
export interface FlatOptimizer extends Optimizer {
  stepFlat(model: Model, g: Float64Array): void;
  readonly options: Readonly<OptimizerOptions>;
}

/** Whether an Optimizer offers the flat step. */
export function isFlatOptimizer(o: Optimizer): o is FlatOptimizer {
  return typeof (o as Partial<FlatOptimizer>).stepFlat === 'function';
}

/** Σ g², one accumulator, in order: the same sum the StateDict version forms. */
export function sumSquaresFlat(g: Float64Array): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  return s;
}

/**
 * torch's clip coefficient, min(1, maxNorm/(norm + 1e-6)): a scale whenever norm > maxNorm (and,
 * as in torch, within 1e-6 below it), else none (1).
 */
export function clipCoef(norm: number, maxNorm: number): number {
  const coefficient = maxNorm / (norm + 1e-6);
  return coefficient < 1 ? coefficient : 1;
}

/**
 * Clamps flat gradients g [P] to [−clipValue, clipValue] in place, the same test per entry as
 * {@link clipGradValue}. Returns how many entries were changed.
 */
export function clipGradValueFlat(g: Float64Array, clipValue: number): number {
  let n = 0;
  const lo = -clipValue;
  for (let i = 0; i < g.length; i++) {
    const x = g[i];
    if (x > clipValue) { g[i] = clipValue; n++; } else if (x < lo) { g[i] = lo; n++; }
  }
  return n;
}

type Row = number[] | Float64Array;

/** Calls f on each row (vectors count as one row) of each tensor of a StateDict, in key order. */
function eachRow(grads: StateDict, f: (row: Row) => void): void {
  for (const key of Object.keys(grads)) {
    const v = grads[key] as unknown as ArrayLike<unknown>;
    if (v.length > 0 && typeof v[0] !== 'number') for (let r = 0; r < v.length; r++) f(v[r] as Row);
    else f(v as Row);
  }
}

/**
 * Clips gradients in place like torch.nn.utils.clip_grad_norm_: the total L2 norm over every entry
 * (sum of squares in key order, row-major, then √); when norm > maxNorm every entry is scaled by
 * maxNorm/(norm + 1e-6). Returns the norm before clipping. Mutates `grads`.
 */
export function clipGradNorm(grads: StateDict, maxNorm: number): number {
  if (!(maxNorm > 0)) throw new Error(`maxNorm must be a positive number, got ${String(maxNorm)}`);
  let s = 0;
  eachRow(grads, (row) => { for (let i = 0; i < row.length; i++) s += row[i] * row[i]; });
  const norm = Math.sqrt(s);
  const coef = clipCoef(norm, maxNorm);
  if (coef !== 1) eachRow(grads, (row) => { for (let i = 0; i < row.length; i++) row[i] *= coef; });
  return norm;
}

/**
 * Clamps every gradient entry to [−clipValue, clipValue] in place, like
 * torch.nn.utils.clip_grad_value_. Returns how many entries were changed. Mutates `grads`.
 */
export function clipGradValue(grads: StateDict, clipValue: number): number {
  if (!(clipValue >= 0)) throw new Error(`clipValue must be a non-negative number, got ${String(clipValue)}`);
  let n = 0;
  eachRow(grads, (row) => {
    for (let i = 0; i < row.length; i++) {
      if (row[i] > clipValue) { row[i] = clipValue; n++; } else if (row[i] < -clipValue) { row[i] = -clipValue; n++; }
    }
  });
  return n;
}

function positive(name: string, v: unknown, allowZero = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new Error(`optimizer ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${String(v)}`);
  }
  return v;
}

/**
 * An optimizer with torch.optim's update rules and defaults:
 * - sgd: buf = momentum·buf + g (buf = g on the first step), p −= lr·buf; momentum 0 → p −= lr·g.
 * - adam: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g², denom = √v/√(1−β2^t) + eps,
 *   p −= (lr/(1−β1^t))·m/denom; defaults betas [0.9, 0.999], eps 1e-8.
 * - adagrad: s += g², p −= lr·g/(√s + eps); eps 1e-10 (lr_decay 0, initial accumulator 0).
 * - adamw: p ·= 1 − lr·weightDecay (decoupled decay, before the moments), then adam's update;
 *   defaults betas [0.9, 0.999], eps 1e-8, weightDecay 0.01 (torch.optim.AdamW).
 * weightDecay (default 0) for sgd, adam and adagrad is torch's `weight_decay`: the step uses
 * g + weightDecay·p (L2 coupled into the gradient, so the moments see it); `g` itself is not changed.
 * Its state belongs to one parameter shape: the first model stepped binds it, and stepping a model
 * of another shape throws an Error until reset() is called (models of the same shape share it).
 */
export function createOptimizer(o: OptimizerOptions): FlatOptimizer {
  if (o === null || typeof o !== 'object') throw new Error('optimizer options must be an object');
  const type = o.type;
  if (type !== 'sgd' && type !== 'adam' && type !== 'adamw' && type !== 'adagrad') {
    throw new Error(`optimizer type must be 'sgd', 'adam', 'adamw' or 'adagrad', got ${String(type)}`);
  }
  let lr = positive('lr', o.lr, true);
  const momentum = type === 'sgd' ? positive('momentum', o.momentum ?? 0, true) : 0;
  const adamLike = type === 'adam' || type === 'adamw';
  const [b1, b2] = adamLike ? (o.betas ?? [0.9, 0.999]) : [0, 0];
  if (adamLike && !(b1 >= 0 && b1 < 1 && b2 >= 0 && b2 < 1)) throw new Error(`${type} betas must be in [0, 1), got [${b1}, ${b2}]`);
  const eps = adamLike ? positive('eps', o.eps ?? 1e-8, true) : type === 'adagrad' ? positive('eps', o.eps ?? 1e-10, true) : 0;
  const wd = positive('weightDecay', o.weightDecay ?? (type === 'adamw' ? ADAMW_DEFAULT_WEIGHT_DECAY : 0), true);
  let bound: string | null = null;
  let m: Float64Array | null = null; // sgd momentum buffer / adam first moment / adagrad sum of squares
  let v: Float64Array | null = null; // adam second moment
  let t = 0;

  let lastModel: Model | null = null; // skips the shape check when the same model steps again

  const bind = (model: Model): void => {
    if (model === lastModel) return;
    const key = layoutKey(model.config);
    if (bound === null) {
      bound = key;
      m = new Float64Array(model.params.length);
      v = adamLike ? new Float64Array(model.params.length) : null;
      t = 0;
    } else if (bound !== key) {
      throw new Error(`optimizer state belongs to a model of shape ${bound}, not ${key}; call reset() or create a new optimizer`);
    }
    lastModel = model;
  };

  let scratch: Float64Array | null = null; // g + wd·p for the coupled decay

  const stepFlat = (model: Model, grad: Float64Array): void => {
    bind(model);
    const p = model.params;
    if (grad.length !== p.length) throw new Error(`expected ${p.length} gradient entries, got ${grad.length}`);
    let g = grad;
    const M = m as Float64Array;
    const rate = lr;
    t++;
    if (type === 'adamw') {
      if (wd !== 0) { const keep = 1 - rate * wd; for (let i = 0; i < p.length; i++) p[i] *= keep; }
    } else if (wd !== 0) {
      // torch's coupled decay: the step sees g + wd·p (a copy, so the caller's gradient stays as it was)
      if (scratch === null || scratch.length !== p.length) scratch = new Float64Array(p.length);
      for (let i = 0; i < p.length; i++) scratch[i] = grad[i] + wd * p[i];
      g = scratch;
    }
    if (type === 'sgd') {
      if (momentum === 0) {
        for (let i = 0; i < p.length; i++) p[i] -= rate * g[i];
      } else if (t === 1) {
        for (let i = 0; i < p.length; i++) { M[i] = g[i]; p[i] -= rate * g[i]; }
      } else {
        for (let i = 0; i < p.length; i++) { const b = momentum * M[i] + g[i]; M[i] = b; p[i] -= rate * b; }
      }
    } else if (adamLike) {
      const Vv = v as Float64Array;
      const stepSize = rate / (1 - Math.pow(b1, t));
      const bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
      const beta1 = b1, beta2 = b2, c1 = 1 - b1, c2 = 1 - b2, e = eps;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i];
        const mi = beta1 * M[i] + c1 * gi;
        const vi = beta2 * Vv[i] + c2 * gi * gi;
        M[i] = mi;
        Vv[i] = vi;
        p[i] -= stepSize * (mi / (Math.sqrt(vi) / bc2Sqrt + e));
      }
    } else {
      for (let i = 0; i < p.length; i++) {
        const s = M[i] + g[i] * g[i];
        M[i] = s;
        p[i] -= rate * (g[i] / (Math.sqrt(s) + eps));
      }
    }
  };

  const options: OptimizerOptions = { ...o, weightDecay: wd };
  return {
    options,
    stepFlat,
    setLr(next: number): void {
      lr = positive('lr', next, true);
      options.lr = lr;
    },
    step(model: Model, grads: StateDict): void {
      stepFlat(model, flattenStateDict(model.layout, grads, undefined, true));
    },
    reset(): void {
      bound = null;
      lastModel = null;
      m = null;
      v = null;
      t = 0;
    },
  };
}
