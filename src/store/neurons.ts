/**
 * The neuron explorer's own state and actions: which passage (null = the sequence the panels show),
 * which unit, layer and quantity, what is marked, and the worker's latest answer. Kept in a small
 * store of its own (none of it is in the URL). Requests go to the worker one at a time: a change made
 * while one is on its way is sent when its answer arrives; while the explorer is watched, new weights
 * (a new snapshot) ask again, at most every REFRESH_MS.
 */
import type { NeuronAnswer, NeuronFeatureAnswer, NeuronMarks, NeuronMatchAnswer, NeuronRequest } from '../worker/protocol';
import { onWorkerEvent, send } from './bridge';
import { modelChanged, sharedWatch } from './watch';
import { sliceOf, useStore } from './store';
import type { AppState } from './types';

/** The answer the explorer shows (a successful one). */
export type NeuronResult = Extract<NeuronAnswer, { ok: true }>;

export interface NeuronState {
  /** The applied passage; null = the inspection sequence. */
  text: string | null;
  /** In compare mode, which model (0 rnn, 1 lstm, 2 gru); null = the one of the configured cell, as the other panels. */
  model: number | null;
  /** Unit (from 0), layer (from 0) and quantity ('h', 'c', a gate). */
  unit: number;
  layer: number;
  quantity: string;
  /** The pattern typed into the find box ('' = none). */
  find: string;
  marks: NeuronMarks;
  result: NeuronResult | null;
  /** Why the last passage could not be read: an i18n key (neurons.error.*) and its params. */
  error: { code: string; params: Record<string, string | number> } | null;
  /** The units that track features of the training text (the last answer), and whether one is awaited. */
  features: NeuronFeatureAnswer | null;
  featuresPending: boolean;
  /** Spans of the training text like the marked one (the last answer), the units used, and whether one is awaited. */
  matches: NeuronMatchAnswer | null;
  matchUnits: number[];
  matchPending: boolean;
}

/** The neuron explorer's state: the store's `neurons` slice (not in the URL). */
export const useNeuronStore = sliceOf('neurons');

/** Least time between two refreshes caused by new weights (ms). */
export const REFRESH_MS = 200;

let nextId = 1;
/** The request on its way (its id and text), or null. */
let inFlight: { id: number; text: string | null; at: number; layer: number; quantity: string } | null = null;
/** After this long without an answer (ms), a request counts as lost. */
const LOST_MS = 3000;
/** A passage waiting to be tried (applyNeuronText), else undefined. */
let candidate: string | null | undefined;
let dirty = false;
let lastSent = -Infinity;
/** How long the last answer took (ms): refreshes wait three times that, so they take at most a quarter of the worker. */
let lastCost = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Back to the initial state (tests). */
export function resetNeurons(): void {
  useNeuronStore.setState(useNeuronStore.getInitialState(), true);
  inFlight = null;
  candidate = undefined;
  dirty = false;
  lastSent = -Infinity;
  lastCost = 0;
  pickOnAnswer = null;
  if (timer) clearTimeout(timer);
  timer = null;
}

/** Which model the explorer reads in compare mode: the chosen one, else the one of the configured cell, as the other panels. */
export function modelIndex(s: AppState, chosen: number | null = useNeuronStore.getState().model): number {
  const count = s.snapshot?.models.length ?? 0;
  if (chosen !== null && chosen >= 0 && chosen < count) return chosen;
  const k = s.snapshot?.models.findIndex((m) => m.cell === s.config.cell) ?? -1;
  return k >= 0 ? k : 0;
}

/** Sends the request for the current state now, or once the one on its way is answered. */
export function requestNeurons(): void {
  if ((inFlight && Date.now() - inFlight.at < LOST_MS) || !useStore.getState().snapshot) {
    dirty = true;
    return;
  }
  dirty = false;
  const n = useNeuronStore.getState();
  const text = candidate !== undefined ? candidate : n.text;
  const request: NeuronRequest = {
    id: nextId++, text, model: modelIndex(useStore.getState()), layer: n.layer, quantity: n.quantity, marks: n.marks,
  };
  inFlight = { id: request.id, text, at: Date.now(), layer: n.layer, quantity: n.quantity };
  lastSent = Date.now();
  send({ type: 'neurons', request });
}

/**
 * What to choose when the next answer arrives (a guided beat's "show me the best unit"): the unit
 * that best tracks a feature of the training text, or the best-ranked unit for the marks; null: nothing.
 */
let pickOnAnswer: 'feature' | 'ranking' | null = null;
/** With pickOnAnswer 'feature': the feature whose unit to choose (null: the best match of all). */
let pickFeature: string | null = null;

/** Applies an answer from the worker. Mutates the neuron store only. */
export function receiveNeurons(answer: NeuronAnswer): void {
  if (!inFlight || answer.id !== inFlight.id) return;
  const { text, layer: askedLayer, quantity: askedQuantity } = inFlight;
  lastCost = Date.now() - inFlight.at;
  inFlight = null;
  const tried = candidate !== undefined && candidate === text;
  if (tried) candidate = undefined;
  if (answer.ok) {
    useNeuronStore.setState((s) => ({
      result: answer, text,
      error: tried ? null : s.error,
      // the model may have fewer layers or quantities than asked for; a choice made since the request
      // was sent stands (its own request follows)
      layer: s.layer === askedLayer ? answer.layer : s.layer,
      quantity: s.quantity === askedQuantity ? answer.quantity : s.quantity,
      unit: Math.min(s.unit, answer.hidden - 1),
    }));
    if (pickOnAnswer === 'ranking' && answer.ranking.length > 0) {
      pickOnAnswer = null;
      useNeuronStore.setState({ unit: answer.ranking[0]!.unit });
    }
  } else {
    useNeuronStore.setState({ error: { code: answer.code, params: answer.params } });
    // a passage that no longer fits the task (its vocabulary changed): back to the panels' sequence
    if (!tried && text !== null) {
      useNeuronStore.setState({ text: null });
      dirty = true;
    }
  }
  if (dirty) requestNeurons();
}

/** Tries a passage ('' or null = the panels' sequence); it replaces the shown one only if it can be read. */
export function applyNeuronText(text: string | null): void {
  candidate = text === '' ? null : text;
  requestNeurons();
}

/** Chooses the model in compare mode (null: the configured cell's). */
export function setNeuronModel(model: number | null): void {
  useNeuronStore.setState({ model });
  requestNeurons();
}

/** Chooses the unit (from 0). */
export function setNeuronUnit(unit: number): void {
  const H = useNeuronStore.getState().result?.hidden ?? Infinity;
  if (!Number.isFinite(unit)) return;
  useNeuronStore.setState({ unit: Math.max(0, Math.min(H - 1, Math.floor(unit))) });
}

export function setNeuronLayer(layer: number): void {
  if (!Number.isFinite(layer)) return;
  useNeuronStore.setState({ layer: Math.max(0, Math.floor(layer)) });
  requestNeurons();
}

export function setNeuronQuantity(quantity: string): void {
  useNeuronStore.setState({ quantity });
  requestNeurons();
}

/** Marks what the pattern matches ('' clears the marks). */
export function setNeuronFind(pattern: string): void {
  useNeuronStore.setState({ find: pattern, marks: pattern === '' ? null : { kind: 'pattern', pattern } });
  requestNeurons();
}

/** Marks token positions (a drag across the passage); empty clears the marks. */
export function setNeuronMarked(positions: number[]): void {
  useNeuronStore.setState({ find: '', marks: positions.length > 0 ? { kind: 'positions', positions } : null });
  requestNeurons();
}

let featureId = 0;

/** Asks the worker which units of the chosen layer and quantity track features of the training text. */
export function requestNeuronFeatures(): void {
  const n = useNeuronStore.getState();
  featureId++;
  useNeuronStore.setState({ featuresPending: true });
  send({ type: 'neuron-features', request: { id: featureId, model: modelIndex(useStore.getState()), layer: n.layer, quantity: n.quantity } });
}

/** Applies the answer to the latest feature request (older ones are dropped). */
export function receiveNeuronFeatures(answer: NeuronFeatureAnswer): void {
  if (answer.id !== featureId) return;
  useNeuronStore.setState({ features: answer, featuresPending: false });
  if (pickOnAnswer === 'feature' && answer.ok && answer.matches.length > 0) {
    const match = answer.matches.find((m) => m.feature === pickFeature) ?? answer.matches[0]!;
    pickOnAnswer = null;
    useNeuronStore.setState({ unit: match.unit });
  }
}

/**
 * Asks which units track features of the training text and colours the passage by the unit that
 * follows `feature` (a name of worker/features.ts FEATURES; by default the best match of all).
 */
export function showBestFeatureUnit(feature: string | null = null): void {
  pickOnAnswer = 'feature';
  pickFeature = feature;
  requestNeuronFeatures();
}

/** Marks what `pattern` matches and colours the passage by the unit that best separates it. */
export function showBestUnitFor(pattern: string): void {
  pickOnAnswer = 'ranking';
  setNeuronFind(pattern);
}

/** The first run of consecutive marked positions, [from, to] inclusive, or null. */
export function firstMarkedRun(marked: readonly number[]): [number, number] | null {
  if (marked.length === 0) return null;
  let end = marked[0]!;
  for (let k = 1; k < marked.length && marked[k] === end + 1; k++) end = marked[k]!;
  return [marked[0]!, end];
}

/** How many of the ranked units a match uses. */
export const MATCH_UNITS = 3;
let matchId = 0;

/**
 * Asks for the spans of the training text most like the first marked run of the passage, for the
 * best-ranked units (up to MATCH_UNITS; the chosen unit when nothing is ranked). No-op without marks.
 */
export function requestNeuronMatch(): void {
  const n = useNeuronStore.getState();
  const r = n.result;
  const run = r ? firstMarkedRun(r.marked) : null;
  if (!r || !run) return;
  const units = r.ranking.length > 0 ? r.ranking.slice(0, MATCH_UNITS).map((x) => x.unit) : [Math.min(n.unit, r.hidden - 1)];
  const length = run[1] - run[0] + 1;
  const pattern: number[] = [];
  for (let t = run[0]; t <= run[1]; t++) for (const u of units) pattern.push(r.values[t * r.hidden + u]!);
  matchId++;
  useNeuronStore.setState({ matchPending: true, matchUnits: units });
  send({ type: 'neuron-match', request: {
    id: matchId, model: modelIndex(useStore.getState()), layer: r.layer, quantity: r.quantity, units, pattern, length,
  } });
}

/** Applies the answer to the latest match request. */
export function receiveNeuronMatch(answer: NeuronMatchAnswer): void {
  if (answer.id !== matchId) return;
  useNeuronStore.setState({ matches: answer, matchPending: false });
}

/** Shows a matched span with its context as the passage, the span marked. */
export function loadNeuronMatch(before: string, text: string, after: string): void {
  const from = Array.from(before).length;
  const n = Array.from(text).length;
  useNeuronStore.setState({ find: '', marks: { kind: 'positions', positions: Array.from({ length: n }, (_, i) => from + i) } });
  applyNeuronText(before + text + after);
}

/**
 * While at least one explorer is on the page: answers from the worker reach the store, and new
 * weights or a new inspection sequence ask again (at most every REFRESH_MS). Returns the function
 * that stops this watcher.
 */
export const watchNeurons: () => () => void = sharedWatch(() => {
  const offEvents = onWorkerEvent((e) => {
    if (e.type === 'neurons') receiveNeurons(e.answer);
    else if (e.type === 'neuron-features') receiveNeuronFeatures(e.answer);
    else if (e.type === 'neuron-match') receiveNeuronMatch(e.answer);
  });
  const offStore = useStore.subscribe((s, prev) => {
    if (!modelChanged(s, prev, (st) => modelIndex(st))) return;
    const wait = lastSent + Math.max(REFRESH_MS, 3 * lastCost) - Date.now();
    if (wait <= 0) requestNeurons();
    else if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        requestNeurons();
      }, wait);
    }
  });
  requestNeurons();
  return () => {
    offEvents();
    offStore();
    if (timer) clearTimeout(timer);
    timer = null;
    inFlight = null;
  };
});
