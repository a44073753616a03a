/**
 * Configuration checks and the flat parameter layout (state_dict order, row-major).
 */
import { gateCount } from './cells';
import type { ModelConfig, NormalizedConfig, ParamEntry } from './types';

const MAX_LAYERS = 4;

function checkSize(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new Error(`ModelConfig.${name} must be a positive integer, got ${String(v)}`);
  }
}

/** Validates a config and fills in the defaults. Throws an Error naming the bad field. */
export function normalizeConfig(config: ModelConfig): NormalizedConfig {
  if (config === null || typeof config !== 'object') throw new Error('ModelConfig must be an object');
  const { cell } = config;
  if (cell !== 'rnn' && cell !== 'lstm' && cell !== 'gru') {
    throw new Error(`ModelConfig.cell must be 'rnn', 'lstm' or 'gru', got ${String(cell)}`);
  }
  checkSize('inputSize', config.inputSize);
  checkSize('hiddenSize', config.hiddenSize);
  checkSize('outputSize', config.outputSize);
  const numLayers = config.numLayers ?? 1;
  checkSize('numLayers', numLayers);
  if (numLayers > MAX_LAYERS) throw new Error(`ModelConfig.numLayers must be 1..${MAX_LAYERS}, got ${numLayers}`);
  const nonlinearity = config.nonlinearity ?? 'tanh';
  if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
    throw new Error(`ModelConfig.nonlinearity must be 'tanh' or 'relu', got ${String(nonlinearity)}`);
  }
  const seed = config.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new Error(`ModelConfig.seed must be a finite number, got ${String(seed)}`);
  const forgetBias = config.forgetBias;
  if (forgetBias !== undefined && (typeof forgetBias !== 'number' || !Number.isFinite(forgetBias))) {
    throw new Error(`ModelConfig.forgetBias must be a finite number, got ${String(forgetBias)}`);
  }
  // nonlinearity is read by the vanilla rnn only (as in PyTorch); other cells record 'tanh'
  return {
    cell, inputSize: config.inputSize, hiddenSize: config.hiddenSize, outputSize: config.outputSize, numLayers,
    nonlinearity: cell === 'rnn' ? nonlinearity : 'tanh', seed,
    ...(cell === 'lstm' && forgetBias !== undefined ? { forgetBias } : {}),
  };
}

/** The parameter entries in state_dict order with their offsets in the flat vector. */
export function paramLayout(c: NormalizedConfig): ParamEntry[] {
  const G = gateCount(c.cell);
  const H = c.hiddenSize;
  const out: ParamEntry[] = [];
  let offset = 0;
  const add = (key: string, shape: [number] | [number, number]): void => {
    const size = shape.length === 2 ? shape[0] * shape[1] : shape[0];
    out.push({ key, shape, offset, size });
    offset += size;
  };
  for (let k = 0; k < c.numLayers; k++) {
    const inK = k === 0 ? c.inputSize : H;
    add(`rnn.weight_ih_l${k}`, [G * H, inK]);
    add(`rnn.weight_hh_l${k}`, [G * H, H]);
    add(`rnn.bias_ih_l${k}`, [G * H]);
    add(`rnn.bias_hh_l${k}`, [G * H]);
  }
  add('fc.weight', [c.outputSize, H]);
  add('fc.bias', [c.outputSize]);
  return out;
}

/** Total number of scalars in a layout. */
export function layoutSize(layout: readonly ParamEntry[]): number {
  const last = layout[layout.length - 1];
  return last.offset + last.size;
}

/** A string that identifies the parameter shapes (two models with equal keys hold equal shapes). */
export function layoutKey(c: NormalizedConfig): string {
  return `${c.cell}/${c.inputSize}/${c.hiddenSize}/${c.outputSize}/${c.numLayers}`;
}

/** Offsets of layer k's four tensors and of the readout, for the kernels. */
export interface LayerOffsets { Wih: number; Whh: number; bih: number; bhh: number; inK: number }

/** Per-layer offsets into the flat vector, plus fc.weight / fc.bias offsets. */
export function offsets(c: NormalizedConfig): { layers: LayerOffsets[]; Wfc: number; bfc: number } {
  const lay = paramLayout(c);
  const layers: LayerOffsets[] = [];
  for (let k = 0; k < c.numLayers; k++) {
    layers.push({
      Wih: lay[4 * k].offset, Whh: lay[4 * k + 1].offset, bih: lay[4 * k + 2].offset, bhh: lay[4 * k + 3].offset,
      inK: k === 0 ? c.inputSize : c.hiddenSize,
    });
  }
  return { layers, Wfc: lay[4 * c.numLayers].offset, bfc: lay[4 * c.numLayers + 1].offset };
}
