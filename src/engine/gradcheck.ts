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
 * (L(θ + eps·e) − L(θ − eps·e)) / (2·eps) for the parameter entry sd[key][row][col] (col omitted
 * for a bias), L the summed loss of backward on inputs [T][inputSize], targets [T], from `init`.
 * The model is not changed.
 */
export function numericGradient(model: Model, inputs: number[][], targets: number[], key: string, row: number,
  col?: number, eps = 1e-5, init?: InitState): number {
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
  return (lossAt(x + eps) - lossAt(x - eps)) / (2 * eps);
}

/** Analytic and numerical gradient of one parameter entry and their relative error. */
export interface GradCheckResult { analytic: number; numeric: number; relError: number }

/**
 * Compares backward's gradient of sd[key][row][col] with {@link numericGradient}; relError =
 * |a − n| / max(|a|, |n|, 1e-8). Full BPTT (a truncated gradient is not the derivative of the loss).
 */
export function gradCheck(model: Model, inputs: number[][], targets: number[], key: string, row: number,
  col?: number, eps = 1e-5, init?: InitState): GradCheckResult {
  paramIndex(model, key, row, col); // validates before any work
  const g = backward(model, forward(model, inputs, init), targets).grads[key];
  const e = model.layout.find((x) => x.key === key);
  const analytic = e !== undefined && e.shape.length === 2 ? (g as number[][])[row][col as number] : (g as number[])[row];
  const numeric = numericGradient(model, inputs, targets, key, row, col, eps, init);
  const relError = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), 1e-8);
  return { analytic, numeric, relError };
}
