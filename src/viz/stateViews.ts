/**
 * What the hidden-state, gate and memory panels draw, computed from one model's trace: named
 * units × time grids ([H][T], rows = units, columns = time steps) with their colour scale, and
 * per-unit lines over time for the memory panel.
 */
import { CELLS, ALL_GATE_NAMES, type CellDescriptor, type GateActivation } from '../engine/cells';
import type { CellType } from '../engine/types';
import type { ScaleKind } from './color';
import { gruMemory, layerSlice, lstmMemory, rnnMemory, tanhSlope, toUnitsByTime, unitSeries } from './memory';
import type { ModelTrace } from './trace';

/** The fields of a model trace these views read. */
export type StateTrace = Pick<ModelTrace, 'cell' | 'T' | 'hidden' | 'layers' | 'h' | 'c' | 'gates' | 'Whh'>;

/** One heatmap: id (names its title and role text), values [H][T], scale and fixed domain if any. */
export interface StateGrid {
  id: string;
  values: Float64Array;
  scale: ScaleKind;
  domain?: [number, number];
}

/** One line of the memory panel's per-unit chart: values over time [T]. */
export interface UnitLine {
  id: string;
  values: Float64Array;
}

/** The memory panel's grids and, for a unit, its lines (the parts that add up to the state). */
export interface MemoryView {
  grids: StateGrid[];
  lines: (unit: number) => UnitLine[];
}

/** A symmetric domain covering every finite value of the arrays, at least [−floor, floor]. */
export function symmetricDomain(arrays: ArrayLike<number>[], floor = 0): [number, number] {
  let m = floor;
  for (const a of arrays) for (let k = 0; k < a.length; k++) {
    const v = Math.abs(a[k]);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m > 0 ? [-m, m] : [-1, 1];
}

/** The layer to show: the requested one, clamped to the model. */
export function clampLayer(m: Pick<StateTrace, 'layers'>, layer: number): number {
  return Math.max(0, Math.min(m.layers - 1, Math.floor(layer) || 0));
}

const grid = (m: StateTrace, a: Float64Array, id: string, scale: ScaleKind, domain?: [number, number]): StateGrid =>
  ({ id, values: toUnitsByTime(a, m.T, m.hidden), scale, domain });

/** Hidden state h_t of one layer, diverging on [−1, 1] (wider if a ReLU RNN goes beyond). */
export function hiddenGrid(m: StateTrace, layer: number): StateGrid {
  const h = layerSlice(m.h, clampLayer(m, layer), m.T, m.hidden);
  return grid(m, h, 'h', 'diverging', symmetricDomain([h], 1));
}

/** The descriptor of a cell named by a string (the vanilla RNN's for an unknown name). */
function descriptorOf(cell: string): CellDescriptor {
  return CELLS[cell as CellType] ?? CELLS.rnn;
}

/** How a stored gate is coloured: σ gates on 0..1, tanh gates and pre-activations around 0. */
const GATE_SCALE: Record<GateActivation, ScaleKind> = { sigmoid: 'sequential', tanh: 'diverging', identity: 'diverging' };

/**
 * The gate grids of each cell type (ids and scales), in PyTorch's row order (the equations' order):
 * one per gate of the cell's descriptor; a pre-activation (the RNN's a) is followed by the slope of
 * the nonlinearity.
 */
export function gateLayout(cell: string, nonlinearity: 'tanh' | 'relu' = 'tanh'): { id: string; scale: ScaleKind }[] {
  const d = descriptorOf(cell);
  return d.gates.flatMap((id, b) => d.activations[b] === 'identity'
    ? [{ id, scale: GATE_SCALE.identity }, { id: nonlinearity === 'relu' ? 'slopeRelu' : 'slope', scale: 'sequential' as ScaleKind }]
    : [{ id, scale: GATE_SCALE[d.activations[b]!] }]);
}

/** The memory grids of each cell type (ids and scales), as {@link memoryView} returns them. */
export function memoryLayout(cell: string): { id: string; scale: ScaleKind }[] {
  const ids = cell === 'lstm' ? ['c', 'kept', 'written', 'forgotten'] : cell === 'gru' ? ['h', 'keptOld', 'candidate'] : ['recurrent', 'input', 'share'];
  return ids.map((id) => ({ id, scale: id === 'share' ? 'sequential' : 'diverging' }));
}

/**
 * The gate grids of one layer: lstm i, f, g, o; gru r, z, n (sigmoid gates on 0..1, tanh ones on
 * −1..1); rnn the pre-activation a and the slope of the nonlinearity (1 − tanh² a, or 0/1 for ReLU).
 */
export function gateGrids(m: StateTrace, layer: number, nonlinearity: 'tanh' | 'relu' = 'tanh'): StateGrid[] {
  const l = clampLayer(m, layer);
  const d = descriptorOf(m.cell);
  const out: StateGrid[] = [];
  d.gates.forEach((name, b) => {
    const g = m.gates[name];
    if (!g) return;
    const s = layerSlice(g, l, m.T, m.hidden);
    const activation = d.activations[b]!;
    if (activation === 'identity') {
      out.push(grid(m, s, name, GATE_SCALE.identity, symmetricDomain([s], 1)));
      const slope = nonlinearity === 'relu' ? s.map((v) => (v > 0 ? 1 : 0)) : tanhSlope(s);
      out.push(grid(m, slope, nonlinearity === 'relu' ? 'slopeRelu' : 'slope', 'sequential', [0, 1]));
    } else {
      out.push(grid(m, s, name, GATE_SCALE[activation], activation === 'sigmoid' ? [0, 1] : [-1, 1]));
    }
  });
  return out;
}

/**
 * The memory view of one layer. lstm: c, kept, written, forgotten; gru: h, kept, candidate; rnn:
 * recurrent (from h_{t−1}), input (from x_t and bias), share (0..1). Each grid has a colour scale
 * that shows it (and its own legend): the cell state of a trained LSTM reaches ±25 while what a step
 * writes, i ⊙ g, stays within ±1, so on one shared scale the writes would look blank. The LSTM's
 * c, kept and forgotten and the RNN's two parts scale to their own largest value (at least ±1);
 * written, and the GRU's parts (all within ±1), keep the fixed range ±1.
 * Returns null when the trace lacks what the cell needs.
 */
export function memoryView(m: StateTrace, layer: number): MemoryView | null {
  const l = clampLayer(m, layer);
  const { T, hidden: H, gates } = m;
  const line = (id: string, a: Float64Array) => (unit: number): UnitLine => ({ id, values: unitSeries(a, T, H, unit) });
  if (m.cell === 'lstm') {
    if (!m.c || !gates.i || !gates.f || !gates.g) return null;
    const p = lstmMemory(m.c, gates.i, gates.f, gates.g, l, T, H);
    const own = (a: Float64Array) => symmetricDomain([a], 1);
    const lines = [line('c', p.c), line('kept', p.kept), line('written', p.written), line('forgotten', p.forgotten)];
    return {
      grids: [grid(m, p.c, 'c', 'diverging', own(p.c)), grid(m, p.kept, 'kept', 'diverging', own(p.kept)),
        grid(m, p.written, 'written', 'diverging', [-1, 1]), grid(m, p.forgotten, 'forgotten', 'diverging', own(p.forgotten))],
      lines: (u) => lines.map((f) => f(u)),
    };
  }
  if (m.cell === 'gru') {
    if (!gates.z || !gates.n) return null;
    const p = gruMemory(m.h, gates.z, gates.n, l, T, H);
    const d = symmetricDomain([p.h, p.kept, p.candidate], 1);
    const lines = [line('h', p.h), line('keptOld', p.kept), line('candidate', p.candidate)];
    return {
      grids: [grid(m, p.h, 'h', 'diverging', d), grid(m, p.kept, 'keptOld', 'diverging', d),
        grid(m, p.candidate, 'candidate', 'diverging', d)],
      lines: (u) => lines.map((f) => f(u)),
    };
  }
  if (!gates.a) return null;
  const p = rnnMemory(gates.a, m.h, m.Whh, l, T, H);
  const lines = [line('a', p.a), line('recurrent', p.recurrent), line('input', p.input)];
  return {
    grids: [grid(m, p.recurrent, 'recurrent', 'diverging', symmetricDomain([p.recurrent], 1)),
      grid(m, p.input, 'input', 'diverging', symmetricDomain([p.input], 1)),
      grid(m, p.share, 'share', 'sequential', [0, 1])],
    lines: (u) => lines.map((f) => f(u)),
  };
}

/** The unit whose values vary most over time in a [H][T] grid (a good default to plot). */
export function liveliestUnit(values: Float64Array, H: number, T: number): number {
  let best = 0;
  let bestRange = -1;
  for (let j = 0; j < H; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 0; t < T; t++) {
      const v = values[j * T + t];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo > bestRange) {
      bestRange = hi - lo;
      best = j;
    }
  }
  return best;
}

/** Counts for a text summary of a [H][T] grid: mean |v| and the share of |v| ≥ threshold. */
export function gridStats(values: Float64Array, threshold: number): { meanAbs: number; shareAbove: number } {
  let s = 0;
  let above = 0;
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    const v = Math.abs(values[k]);
    if (!Number.isFinite(v)) continue;
    s += v;
    n++;
    if (v >= threshold) above++;
  }
  return { meanAbs: n ? s / n : 0, shareAbove: n ? above / n : 0 };
}

/**
 * The equation quantity a state grid shows: its own id for h, c and the gates; the memory split of
 * an LSTM belongs to c_t, the GRU's blend to h_t, the RNN's parts and slope to the pre-activation a.
 */
export function equationQuantity(gridId: string): string {
  if (gridId === 'h' || gridId === 'c' || (ALL_GATE_NAMES as readonly string[]).includes(gridId)) return gridId;
  if (['kept', 'written', 'forgotten'].includes(gridId)) return 'c';
  if (['keptOld', 'candidate'].includes(gridId)) return 'h';
  return 'a';
}
