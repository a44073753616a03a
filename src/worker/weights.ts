/**
 * The weights panel's side of the trainer: the parameters as one view for the page (with the last
 * step's gradient and update, see trail.ts), and setting one weight or bias by hand.
 */
import { markGood, replaceWeights, type Lane } from './lane';
import type { WeightsView } from './protocol';
import { trailOf } from './trail';

/** The lane's parameters (copied), with its last step's gradient and update when they describe these weights. */
export function weightsView(lane: Lane, model: number, run: number): WeightsView {
  const m = lane.model;
  const t = trailOf(m);
  return {
    run, model, step: lane.step, cell: m.config.cell, hidden: m.config.hiddenSize, layers: m.config.numLayers,
    tensors: m.layout.map((e) => ({ key: e.key, rows: e.shape[0], cols: e.shape.length === 2 ? e.shape[1] : 1, offset: e.offset })),
    params: new Float64Array(m.params),
    grad: t ? new Float64Array(t.grad) : null,
    delta: t ? new Float64Array(t.delta) : null,
  };
}

/** Largest |value| a weight may be set to by hand. */
export const WEIGHT_EDIT_MAX = 1000;

/**
 * Sets one entry of tensor `key` (row, col; col 0 for a vector) to `value`: new weights (so the
 * panels show their forward pass), kept as the good ones, the optimizer's moments kept. Returns the
 * value it had. Throws on an unknown key, an index out of range or a value that is not a finite
 * number within ±WEIGHT_EDIT_MAX, changing nothing.
 */
export function setLaneWeight(lane: Lane, key: string, row: number, col: number, value: number): number {
  const e = lane.model.layout.find((x) => x.key === key);
  if (!e) throw new Error(`no parameter ${key}`);
  const cols = e.shape.length === 2 ? e.shape[1] : 1;
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || row >= e.shape[0] || col < 0 || col >= cols) {
    throw new Error(`${key} has no entry [${row}][${col}]`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > WEIGHT_EDIT_MAX) {
    throw new Error(`a weight must be a finite number within ±${WEIGHT_EDIT_MAX}, got ${String(value)}`);
  }
  const i = e.offset + row * cols + col;
  const before = lane.model.params[i];
  const next = new Float64Array(lane.model.params);
  next[i] = value;
  replaceWeights(lane, next);
  markGood(lane);
  return before;
}

/** The buffers of a view, for the transfer list. */
export function weightsTransfer(v: WeightsView): Transferable[] {
  return [v.params, v.grad, v.delta].filter((a): a is Float64Array => a !== null).map((a) => a.buffer as ArrayBuffer);
}
