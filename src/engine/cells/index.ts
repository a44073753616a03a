/**
 * The cell registry: one descriptor per cell type (rnn.ts, lstm.ts, gru.ts). Everything that needs a
 * cell's gate names, activations or block count reads them here.
 */
import type { CellType } from '../types';
import type { CellDescriptor, GateName } from './descriptor';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { RNN } from './rnn';

export type { CellDescriptor, GateActivation, GateName } from './descriptor';

/** Every cell by its type. */
export const CELLS: Readonly<Record<CellType, CellDescriptor>> = { rnn: RNN, lstm: LSTM, gru: GRU };

/** The descriptor of a cell type. */
export function cellDescriptor(cell: CellType): CellDescriptor {
  return CELLS[cell];
}

/** Gate block names in PyTorch row order: lstm i, f, g, o; gru r, z, n; rnn a. */
export function gateNames(cell: CellType): readonly GateName[] {
  return CELLS[cell].gates;
}

/** Number of gate blocks G stacked in W_ih / W_hh: rnn 1, lstm 4, gru 3. */
export function gateCount(cell: CellType): number {
  return CELLS[cell].blocks;
}

/** Every gate name of any cell, each once, in the order lstm, gru, rnn. */
export const ALL_GATE_NAMES: readonly GateName[] = [...LSTM.gates, ...GRU.gates, ...RNN.gates];
