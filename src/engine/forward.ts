/**
 * The public forward pass: runs the shared kernels on a fresh workspace and exposes every
 * intermediate value as Float64Array rows (views into that workspace).
 */
import { runForward } from './kernels-forward';
import { forwardInPieces, PIECE_MACS, type Pieces } from './pieces';
import { createWorkspace, loadInit, loadInputs, type Workspace } from './workspace';
import type { InitState, LayerStep, Model, Trace, TraceStep } from './types';

/** The workspace behind a trace, with the model layout it was made for. */
export interface TraceCache { ws: Workspace }

/** The internal workspace of a trace made by {@link forward}; throws on anything else. */
export function traceWorkspace(model: Model, trace: Trace): Workspace {
  const cache = trace?.cache as TraceCache | undefined;
  if (cache === undefined || cache === null || cache.ws === undefined) throw new Error('trace must come from forward()');
  const c = model.config;
  const w = cache.ws.cfg;
  if (w.cell !== c.cell || w.inputSize !== c.inputSize || w.hiddenSize !== c.hiddenSize
    || w.outputSize !== c.outputSize || w.numLayers !== c.numLayers || w.nonlinearity !== c.nonlinearity) {
    throw new Error('trace was made by a model of another shape');
  }
  return cache.ws;
}

/** Builds the Trace views over a workspace whose forward has run (all logits computed). */
export function traceFromWorkspace(ws: Workspace, inputs: number[][]): Trace {
  const { T, cfg } = ws;
  const H = cfg.hiddenSize;
  const V = cfg.outputSize;
  const GH = ws.G * H;
  const names = ws.cell.gates;
  const steps: TraceStep[] = [];
  for (let t = 0; t < T; t++) {
    const layers: LayerStep[] = ws.layers.map((Lw) => {
      const h = Lw.h.subarray((t + 1) * H, (t + 2) * H);
      const r = t * GH;
      // one [H] view per gate block, named by the cell (lstm i,f,g,o; gru r,z,n; rnn a)
      const gates: Record<string, Float64Array> = {};
      names.forEach((name, b) => { gates[name] = Lw.gates.subarray(r + b * H, r + (b + 1) * H); });
      const step: LayerStep = { h, gates: gates as unknown as LayerStep['gates'] };
      if (Lw.c !== null) step.c = Lw.c.subarray((t + 1) * H, (t + 2) * H);
      return step;
    });
    steps.push({ layers, logits: ws.logits.subarray(t * V, (t + 1) * V), probs: ws.probs.subarray(t * V, (t + 1) * V) });
  }
  const init: Trace['init'] = { h: ws.layers.map((Lw) => Lw.h.subarray(0, H)) };
  if (ws.cell.cellState) init.c = ws.layers.map((Lw) => (Lw.c as Float64Array).subarray(0, H));
  const cache: TraceCache = { ws };
  return { steps, inputs, init, cache };
}

/**
 * Runs the model over inputs [T][inputSize] (T ≥ 1) from `init` (per layer h [L][H] and, for lstm,
 * c [L][H]; zeros when absent). Returns every h_t, c_t, gate, logit and probability, per step and
 * layer. Throws on an empty sequence, a wrong row width or a non-finite number.
 */
export function forward(model: Model, inputs: number[][], init?: InitState): Trace {
  const ws = loadedWorkspace(model, inputs, init);
  runForward(model.params, ws, false);
  return traceFromWorkspace(ws, inputs);
}

/**
 * {@link forward} as work that stops between pieces of about `unit` multiply-adds (see pieces.ts):
 * the same trace, bit for bit. The weights must not change until it ends. Throws like forward at
 * the first `next()`.
 */
export function* forwardSteps(model: Model, inputs: number[][], init?: InitState, unit = PIECE_MACS): Pieces<Trace> {
  const ws = loadedWorkspace(model, inputs, init);
  yield* forwardInPieces(model.params, ws, false, unit);
  return traceFromWorkspace(ws, inputs);
}

/** A fresh workspace with `inputs` and `init` loaded; throws on bad ones. */
function loadedWorkspace(model: Model, inputs: number[][], init: InitState | undefined): Workspace {
  if (!Array.isArray(inputs) && !(inputs !== null && typeof inputs === 'object' && 'length' in inputs)) {
    throw new Error('inputs must be an array of rows [T][inputSize]');
  }
  const T = inputs.length;
  if (T < 1) throw new Error('inputs must have at least one step (T ≥ 1), got an empty sequence');
  const ws = createWorkspace(model, T);
  loadInputs(ws, inputs);
  loadInit(ws, init);
  return ws;
}
