/**
 * Numerical gradients by central differences, for the gradient-check panel and the tests.
 */
import { backward } from './backward';
import { lossOf, runForward } from './kernels-forward';
import { createWorkspace, loadInit, loadInputs, loadTargets } from './workspace';
import type { InitState, Model } from './types';
import { forward } from './forward';

/** Index in the flat parameter vector of sd[key][row][col] (or sd[key][row] for a vector). */
function paramIndex(model: Model, key: string, row: number, col?: number): number {
  const e = model.layout.find((x) => x.key === key);
  if (e === undefined) throw new Error(`unknown parameter key "${key}" (expected one of ${model.layout.map((x) => x.key).join(', ')})`);
  const [rows, cols] = e.shape;
  if (!Number.isInteger(row) || row < 0 || row >= rows) throw new Error(`row ${row} is outside "${key}" with ${rows} rows`);
  if (cols === undefined) {
    if (col !== undefined) throw new Error(`"${key}" is a vector: give no column`);
    return e.offset + row;
  }
  if (col === undefined || !Number.isInteger(col) || col < 0 || col >= cols) throw new Error(`column ${String(col)} is outside "${key}" with ${cols} columns`);
  return e.offset + row * cols + col;
}

/**
 * The derivative of the summed loss L with respect to the parameter entry sd[key][row][col] (col
 * omitted for a bias), by the sixth-order central difference
 *   (45·(L(θ+h) − L(θ−h)) − 9·(L(θ+2h) − L(θ−2h)) + (L(θ+3h) − L(θ−3h))) / (60·h),
 * h = eps · max(1, |θ|), on inputs [T][inputSize], targets [T], from `init`. Why sixth order: L
 * sums T steps, so its rounding noise (≈ 1e-16·L/h) needs a large h, and this stencil's error only
 * grows like h⁶.
 * The model is not changed.
 */
export function numericGradient(model: Model, inputs: number[][], targets: number[], key: string, row: number,
  col?: number, eps = 5e-3, init?: InitState): number {
  const idx = paramIndex(model, key, row, col);
  if (!(eps > 0)) throw new Error(`eps must be positive, got ${String(eps)}`);
  if (!Array.isArray(inputs) || inputs.length < 1) throw new Error('inputs must have at least one step (T ≥ 1)');
  const ws = createWorkspace(model, inputs.length);
  loadInputs(ws, inputs);
  loadTargets(ws, targets);
  const P = new Float64Array(model.params);
  const lossAt = (value: number): number => {
    P[idx] = value;
    loadInit(ws, init);
    runForward(P, ws, true);
    return lossOf(ws);
  };
  const x = model.params[idx];
  const h = eps * Math.max(1, Math.abs(x));
  const d1 = lossAt(x + h) - lossAt(x - h);
  const d2 = lossAt(x + 2 * h) - lossAt(x - 2 * h);
  const d3 = lossAt(x + 3 * h) - lossAt(x - 3 * h);
  return (45 * d1 - 9 * d2 + d3) / (60 * h);
}

/** Analytic and numerical gradient of one parameter entry and their relative error. */
export interface GradCheckResult { analytic: number; numeric: number; relError: number }

/**
 * Compares backward's gradient of sd[key][row][col] with {@link numericGradient}; relError =
 * |a − n| / max(|a|, |n|, 1e-8). Full BPTT (a truncated gradient is not the derivative of the loss).
 */
export function gradCheck(model: Model, inputs: number[][], targets: number[], key: string, row: number,
  col?: number, eps = 5e-3, init?: InitState): GradCheckResult {
  paramIndex(model, key, row, col); // validates before any work
  const g = backward(model, forward(model, inputs, init), targets).grads[key];
  const e = model.layout.find((x) => x.key === key);
  const analytic = e !== undefined && e.shape.length === 2 ? (g as number[][])[row][col as number] : (g as number[])[row];
  const numeric = numericGradient(model, inputs, targets, key, row, col, eps, init);
  const relError = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), 1e-8);
  return { analytic, numeric, relError };
}
