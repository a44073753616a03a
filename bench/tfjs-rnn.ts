/**
 * The same workloads in TensorFlow.js, written the fastest fair way at batch 1:
 * one matMul for all T input projections ([T,V]×[V,G·H]), per step only h·W_hhᵀ plus elementwise
 * ops, one matMul for all outputs ([T,H]×[H,V]), softmax cross-entropy summed over steps,
 * gradients through tf.variableGrads (inside optimizer.minimize), Adam from tf.train.adam.
 * Equations are PyTorch's; float32, as tfjs computes.
 */
import * as tf from '@tensorflow/tfjs-core';

export type BenchCell = 'rnn' | 'lstm' | 'gru';

export interface TfWorkload { cell: BenchCell; vocab: number; hidden: number; ids: number[] }

export interface TfModel {
  /** One training step; returns the loss (read back, so the step has finished). */
  step(): number;
  dispose(): void;
}

const gatesOf = (cell: BenchCell): number => (cell === 'rnn' ? 1 : cell === 'lstm' ? 4 : 3);

/** Builds the model on the backend that is active now. */
export function createTfModel(w: TfWorkload, seed: number): TfModel {
  const { cell, vocab: V, hidden: H, ids } = w;
  const G = gatesOf(cell);
  const T = ids.length - 1;
  const k = 1 / Math.sqrt(H);
  const u = (shape: number[], s: number): tf.Variable => {
    const init = tf.randomUniform(shape, -k, k, 'float32', s);
    const v = tf.variable(init);
    init.dispose();
    return v;
  };
  // weights stored transposed (x · Wᵀ), as tfjs prefers row-vector products
  const wIh = u([V, G * H], seed);
  const wHh = u([H, G * H], seed + 1);
  const bIh = u([1, G * H], seed + 2);
  const bHh = u([1, G * H], seed + 3);
  const wFc = u([H, V], seed + 4);
  const bFc = u([1, V], seed + 5);
  const vars = [wIh, wHh, bIh, bHh, wFc, bFc];
  const oneHot = (xs: number[]) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(xs, 'int32'), V), 'float32') as tf.Tensor2D);
  const x = oneHot(ids.slice(0, T));
  const y = oneHot(ids.slice(1));
  const optimizer = tf.train.adam(1e-3);

  const lossFn = (): tf.Scalar => {
    const xp = tf.add(tf.matMul(x, wIh), bIh); // [T, G·H], every input projection at once
    const xs = tf.split(xp, T, 0); // T × [1, G·H]
    let h: tf.Tensor2D = tf.zeros([1, H]);
    let c: tf.Tensor2D = tf.zeros([1, H]);
    const hs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      const hh = tf.add(tf.matMul(h, wHh), bHh); // [1, G·H]
      if (cell === 'rnn') {
        h = tf.tanh(tf.add(xs[t]!, hh));
      } else if (cell === 'lstm') {
        const [i, f, g, o] = tf.split(tf.add(xs[t]!, hh), 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
        h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      } else {
        const [xr, xz, xn] = tf.split(xs[t]!, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const [hr, hz, hn] = tf.split(hh, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const r = tf.sigmoid(tf.add(xr, hr));
        const z = tf.sigmoid(tf.add(xz, hz));
        const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
        h = tf.add(n, tf.mul(z, tf.sub(h, n))); // (1 − z) ⊙ n + z ⊙ h
      }
      hs.push(h);
    }
    const logits = tf.add(tf.matMul(tf.concat(hs, 0), wFc), bFc); // [T, V], every output at once
    return tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits))));
  };

  return {
    step() {
      const cost = optimizer.minimize(lossFn, true, vars);
      const loss = cost!.dataSync()[0]!;
      cost!.dispose();
      return loss;
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([...vars, x, y]);
    },
  };
}
