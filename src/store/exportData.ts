/**
 * Pure formatters for the data exports: the run (config with seed, loss and gradient-norm history)
 * as JSON, and the per-step activations and gradients of the inspection sequence as tidy CSV and as
 * nested JSON arrays. No DOM here: the panels turn the results into files.
 *
 * The CSV is read by people (a spreadsheet) as much as by programs: its model, layer, step and unit
 * count from 1, as the page does (the CSV's step 3 is the step the page calls 3). The JSON holds
 * nested arrays, indexed from 0 as arrays are: `h[layer − 1][step − 1][unit − 1]`. dh and dc belong
 * to the top layer.
 */
import { ALL_GATE_NAMES } from '../engine/cells';
import type { AppState, History, ModelSnapshot, Snapshot } from './types';

/** The version of both export formats; bump it when a field changes meaning. */
export const EXPORT_VERSION = 2;

/** The CSV columns, in order. */
export const CSV_COLUMNS = ['model', 'cell', 'layer', 'step', 'token', 'target', 'unit', 'quantity', 'value'] as const;

/** Every per-unit quantity a CSV row can carry, in the order rows are written. */
export const QUANTITIES = ['h', 'c', ...ALL_GATE_NAMES, 'dh', 'dc'] as const;

/** The part of the state the run export reads. */
export type RunState = Pick<AppState, 'config' | 'inspect' | 'snapshot' | 'histories'>;

/** A number at full precision (shortest text that reads back to the same double); NaN/±Infinity spelled out. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return String(v);
}

/**
 * One text field for CSV: a leading `=`, `+`, `-`, `@`, tab or carriage return is neutralised with a
 * `'` so spreadsheets do not read it as a formula; a field with a quote, comma or line break is
 * quoted, inner quotes doubled.
 */
export function csvText(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The token string of id `id`, or '' for no token (−1) or an id outside the vocabulary. */
function tokenOf(vocab: readonly string[], id: number): string {
  return id >= 0 && id < vocab.length ? vocab[id] : '';
}

/** The per-unit quantities a model has, each as a flat array with its layer count: [L][T][H] or top layer [T][H]. */
export function quantitiesOf(m: ModelSnapshot): { name: string; data: Float64Array; layers: number; top: boolean }[] {
  const out: { name: string; data: Float64Array; layers: number; top: boolean }[] = [];
  for (const name of QUANTITIES) {
    if (name === 'h') out.push({ name, data: m.h, layers: m.layers, top: false });
    else if (name === 'c') { if (m.c) out.push({ name, data: m.c, layers: m.layers, top: false }); }
    else if (name === 'dh') out.push({ name, data: m.dh, layers: 1, top: true });
    else if (name === 'dc') { if (m.dc) out.push({ name, data: m.dc, layers: 1, top: true }); }
    else if (m.gates[name]) out.push({ name, data: m.gates[name], layers: m.layers, top: false });
  }
  return out;
}

/** The number of data rows `activationsToCsv` writes for a snapshot (header excluded). */
export function csvRowCount(snapshot: Snapshot): number {
  let rows = 0;
  for (const m of snapshot.models) {
    for (const q of quantitiesOf(m)) rows += q.layers * m.T * m.hidden;
    rows += m.T; // one loss row per step
  }
  return rows;
}

/**
 * The activations and gradients of the inspection sequence as tidy CSV: a header, then one row per
 * (model, layer, step, unit, quantity) with its value, then one `loss` row per (model, step) with
 * empty layer and unit. Model, layer, step and unit count from 1. Lines end with \n.
 */
export function activationsToCsv(snapshot: Snapshot, vocab: readonly string[] = snapshot.vocab): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  snapshot.models.forEach((m, mi) => {
    const H = m.hidden;
    const T = m.T;
    const token = m.inputs.map((id) => csvText(tokenOf(vocab, id)));
    const target = m.targets.map((id) => csvText(tokenOf(vocab, id)));
    for (const q of quantitiesOf(m)) {
      for (let l = 0; l < q.layers; l++) {
        const layer = q.top ? m.layers - 1 : l;
        for (let t = 0; t < T; t++) {
          const prefix = `${mi + 1},${m.cell},${layer + 1},${t + 1},${token[t]},${target[t]},`;
          const base = (l * T + t) * H;
          for (let u = 0; u < H; u++) lines.push(`${prefix}${u + 1},${q.name},${formatValue(q.data[base + u])}`);
        }
      }
    }
    for (let t = 0; t < T; t++) {
      lines.push(`${mi + 1},${m.cell},,${t + 1},${token[t]},${target[t]},,loss,${formatValue(m.stepLoss[t])}`);
    }
  });
  return lines.join('\n') + '\n';
}

/** A flat row-major array as nested plain arrays of the given shape (e.g. [L][T][H]); NaN stays NaN. */
export function nest(data: ArrayLike<number>, shape: readonly number[]): unknown[] {
  const build = (dim: number, offset: number): unknown[] => {
    const n = shape[dim];
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = dim === shape.length - 1 ? data[offset + i] : build(dim + 1, offset + i * stride);
    return out;
  };
  return build(0, 0);
}

/**
 * The activations and gradients as one JSON-ready object: per model h, c and each gate [L][T][H],
 * dh and dc (top layer) [T][H], probs [T][V] (null for a vocabulary too large to send at every frame: T·V
 * over FULL_PROBS_MAX), top: each step's most probable token ids and their probabilities [T][k], stepLoss [T], dWhhStep [T],
 * dWhhShare [T] (step shares along ∂L/∂W_hh, adding up to dWhhTotal); tokens as strings and ids.
 * Non-finite numbers become null when serialised with JSON.stringify.
 */
export function activationsToJson(snapshot: Snapshot, vocab: readonly string[] = snapshot.vocab): Record<string, unknown> {
  return {
    format: 'unrolled-activations',
    version: EXPORT_VERSION,
    shape: snapshot.shape,
    tokenKind: snapshot.tokenKind,
    vocab: [...vocab],
    models: snapshot.models.map((m) => {
      const LTH = [m.layers, m.T, m.hidden];
      const TH = [m.T, m.hidden];
      const gates: Record<string, unknown[]> = {};
      for (const [name, data] of Object.entries(m.gates)) gates[name] = nest(data, LTH);
      return {
        cell: m.cell, layers: m.layers, hidden: m.hidden, vocabSize: m.vocabSize, step: m.step, loss: m.loss, T: m.T,
        inputs: [...m.inputs], targets: [...m.targets],
        tokens: m.inputs.map((id) => tokenOf(vocab, id)),
        targetTokens: m.targets.map((id) => (id >= 0 ? tokenOf(vocab, id) : null)),
        h: nest(m.h, LTH),
        c: m.c ? nest(m.c, LTH) : null,
        gates,
        dh: nest(m.dh, TH),
        dc: m.dc ? nest(m.dc, TH) : null,
        probs: m.probs ? nest(m.probs, [m.T, m.vocabSize]) : null,
        top: { ids: nest(m.topIds, [m.T, m.topK]), probs: nest(m.topProbs, [m.T, m.topK]) },
        stepLoss: Array.from(m.stepLoss),
        dWhhStep: Array.from(m.dWhhStep),
        dWhhShare: Array.from(m.dWhhShare),
        dWhhTotal: m.dWhhTotal,
      };
    }),
  };
}

/** The cells of the run, in model order: the snapshot's, else the config's (rnn, lstm, gru when comparing). */
function cellsOf(state: RunState): string[] {
  if (state.snapshot) return state.snapshot.models.map((m) => m.cell);
  return state.config.compare ? ['rnn', 'lstm', 'gru'] : [state.config.cell];
}

function historyJson(h: History | undefined): Record<string, number[]> {
  return { step: [...(h?.step ?? [])], loss: [...(h?.loss ?? [])], gradNorm: [...(h?.gradNorm ?? [])], clippedNorm: [...(h?.clippedNorm ?? [])] };
}

/**
 * The run as one JSON-ready object: the full config (seed included, so the run can be replayed), the
 * inspection source, the current step, and per model its loss and gradient-norm history (the
 * history is thinned by pairs past its capacity).
 */
export function runToJson(state: RunState): Record<string, unknown> {
  const models = state.snapshot?.models;
  return {
    format: 'unrolled-run',
    version: EXPORT_VERSION,
    config: { ...state.config },
    seed: state.config.seed,
    inspect: { ...state.inspect },
    step: models?.[0]?.step ?? 0,
    models: cellsOf(state).map((cell, i) => ({
      cell,
      step: models?.[i]?.step ?? 0,
      loss: models?.[i]?.loss ?? null,
      history: historyJson(state.histories[i]),
    })),
  };
}

/** The base of an export's file name: `unrolled-<kind>-<cell or compare>-<task>-step<N>`. */
export function exportFileBase(kind: string, state: RunState): string {
  const cell = state.config.compare ? 'compare' : state.config.cell;
  const step = state.snapshot?.models[0]?.step ?? 0;
  return `unrolled-${kind}-${cell}-${state.config.task}-step${step}`;
}
