/**
 * What the last optimizer step did to each parameter of a model: the gradient it used (after
 * clipping) and the update ΔW = after − before, recorded by a wrapper around the optimizer.
 */
import { isFlatOptimizer, type FlatOptimizer, type Optimizer } from '../engine/optim';
import type { Model } from '../engine';

/** The last optimizer step of a model: the gradient it used (after clipping) and ΔW = after − before. */
export interface Trail { grad: Float64Array; delta: Float64Array }

/**
 * Trails by model object. A hand edit, a rescale or a roll-back puts new weights in a new model
 * object (lane.replaceWeights), so a trail never describes weights other than those it was made on.
 */
const trails = new WeakMap<Model, Trail>();

/**
 * `o` recording each step's gradient and update in the model's trail (the numbers it computes are
 * o's own). Costs two copies of the parameter vector per step.
 */
export function recordingOptimizer(o: Optimizer): Optimizer {
  if (!isFlatOptimizer(o)) return o;
  const inner: FlatOptimizer = o;
  const out: FlatOptimizer = {
    get options() { return inner.options; },
    step: (model, grads) => inner.step(model, grads),
    reset: () => inner.reset(),
    setLr: (lr) => inner.setLr(lr),
    stepFlat(model: Model, g: Float64Array): void {
      const p = model.params;
      let t = trails.get(model);
      if (!t || t.grad.length !== p.length) {
        t = { grad: new Float64Array(p.length), delta: new Float64Array(p.length) };
        trails.set(model, t);
      }
      t.grad.set(g);
      t.delta.set(p);
      inner.stepFlat(model, g);
      const d = t.delta;
      for (let i = 0; i < p.length; i++) d[i] = p[i] - d[i];
    },
  };
  return out;
}

/** The trail of the last step made on exactly this model object, if any. */
export function trailOf(model: Model): Trail | undefined {
  return trails.get(model);
}
