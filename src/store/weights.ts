/**
 * The weights panel's actions: asking the worker for a model's parameters, setting one weight by
 * hand and undoing the last such edit. The worker confirms each edit (`weight-set`); the undo stack
 * holds the confirmed ones of the current run.
 */
import type { WorkerEvent } from '../worker/protocol';
import { send } from './bridge';
import { useStore } from './store';
import type { WeightEdit } from './types';

/** Largest |value| the page lets a weight be set to (the worker holds to the same bound). */
export const WEIGHT_VALUE_MAX = 1000;

/** Asks the worker for model `model`'s parameters (they arrive in `weights`). */
export function requestWeights(model = 0): void {
  send({ type: 'weights', model });
}

/** Sets one entry of a tensor (col 0 for a vector) of model `model`; training goes on from it. */
export function setWeight(key: string, row: number, col: number, value: number, model = 0): void {
  send({ type: 'set-weight', key, row, col, value, model });
}

/** Puts back the value the last hand edit replaced; returns whether there was one. */
export function undoWeightEdit(): boolean {
  const { weightEdits, snapshot } = useStore.getState();
  const last = weightEdits[weightEdits.length - 1];
  if (!last || (snapshot && snapshot.run !== last.run)) return false;
  send({ type: 'set-weight', key: last.key, row: last.row, col: last.col, value: last.before, model: last.model, undo: true });
  return true;
}

/**
 * The undo stack after a confirmed edit: a new edit is pushed, an undo pops the edit it undid;
 * edits of an earlier run are dropped. Pure.
 */
export function applyWeightSet(edits: readonly WeightEdit[], e: Extract<WorkerEvent, { type: 'weight-set' }>): WeightEdit[] {
  const current = edits.filter((x) => x.run === e.run);
  if (e.undo) {
    const last = current[current.length - 1];
    const same = last && last.model === e.model && last.key === e.key && last.row === e.row && last.col === e.col;
    return same ? current.slice(0, -1) : current;
  }
  return [...current, { run: e.run, model: e.model, key: e.key, row: e.row, col: e.col, before: e.before, value: e.value }];
}
