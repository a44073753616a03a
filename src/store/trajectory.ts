/**
 * The hidden-state space panel's own state and actions: which model (compare mode), colour by token or
 * by target, which steps are points, and the worker's latest answer. None of it is in the URL.
 * Requests go to the worker one at a time; while the panel is watched and in view, new weights or a
 * new shown sequence ask again, at most every REFRESH_MS (and never more than a quarter of the
 * worker's time: the wait is at least three times what the last answer cost).
 */
import type { TrajectoryAnswer, TrajectoryPoints } from '../worker/protocol';
import { onWorkerEvent, send } from './bridge';
import { modelChanged, sharedWatch } from './watch';
import { sliceOf, useStore } from './store';
import type { AppState } from './types';

/** A successful answer. */
export type TrajectoryResult = Extract<TrajectoryAnswer, { ok: true }>;
/** What colours the points. */
export type TrajectoryColor = 'token' | 'target';

export interface TrajectoryState {
  /** In compare mode, which model (0 rnn, 1 lstm, 2 gru); null = the one of the configured cell. */
  model: number | null;
  color: TrajectoryColor;
  /** Which steps are points; null = by the task: the answering steps of a many-to-one task, else every step. */
  points: TrajectoryPoints | null;
  result: TrajectoryResult | null;
  /** Why the last request failed: an i18n key (trajectory.error.*) and its params. */
  error: { code: string; params: Record<string, string | number> } | null;
}

/** The trajectory panel's state: the store's `trajectory` slice (not in the URL). */
export const useTrajectoryStore = sliceOf('trajectory');

/** Least time between two refreshes caused by new weights (ms): at most two a second. */
export const REFRESH_MS = 500;
/** After this long without an answer (ms), a request counts as lost. */
const LOST_MS = 5000;

let nextId = 1;
let inFlight: { id: number; at: number } | null = null;
let dirty = false;
let lastSent = -Infinity;
let lastCost = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let visible = true;
/** A control was changed while a request was on its way: the next request goes at once, in view or not. */
let asked = false;

/** Back to the initial state (tests). */
export function resetTrajectory(): void {
  useTrajectoryStore.setState(useTrajectoryStore.getInitialState(), true);
  inFlight = null;
  dirty = false;
  lastSent = -Infinity;
  lastCost = 0;
  visible = true;
  asked = false;
  if (timer) clearTimeout(timer);
  timer = null;
}

/** The model the panel reads: the chosen one, else the one of the configured cell, as the other panels. */
export function trajectoryModel(s: AppState, chosen: number | null = useTrajectoryStore.getState().model): number {
  const count = s.snapshot?.models.length ?? 0;
  if (chosen !== null && chosen >= 0 && chosen < count) return chosen;
  const k = s.snapshot?.models.findIndex((m) => m.cell === s.config.cell) ?? -1;
  return k >= 0 ? k : 0;
}

/** The steps that are points: the chosen ones, else by the sequence shape (only the answering steps of a many-to-one task). */
export function effectivePoints(s: AppState, chosen: TrajectoryPoints | null = useTrajectoryStore.getState().points): TrajectoryPoints {
  if (chosen) return chosen;
  return s.snapshot?.shape === 'many-to-one' ? 'answer' : 'all';
}

/**
 * Sends the request for the current state now, or once the one on its way is answered. Refreshes wait
 * while the panel is out of view; `asked` (a control was changed, so someone is looking) does not.
 */
export function requestTrajectory(ask = false): void {
  if (ask) asked = true;
  const s = useStore.getState();
  if ((!visible && !asked) || (inFlight && Date.now() - inFlight.at < LOST_MS) || !s.snapshot) {
    dirty = true;
    return;
  }
  dirty = false;
  asked = false;
  const id = nextId++;
  inFlight = { id, at: Date.now() };
  lastSent = Date.now();
  send({ type: 'trajectory', request: { id, model: trajectoryModel(s), points: effectivePoints(s) } });
}

/** Applies an answer from the worker (only the one awaited). Mutates the trajectory store only. */
export function receiveTrajectory(answer: TrajectoryAnswer): void {
  if (!inFlight || answer.id !== inFlight.id) return;
  lastCost = Date.now() - inFlight.at;
  inFlight = null;
  if (answer.ok) useTrajectoryStore.setState({ result: answer, error: null });
  else useTrajectoryStore.setState({ error: { code: answer.code, params: answer.params } });
  if (dirty) {
    if (asked) requestTrajectory();
    else schedule();
  }
}

/** Asks again once REFRESH_MS (or three times the last cost) has passed since the last request. */
function schedule(): void {
  const wait = lastSent + Math.max(REFRESH_MS, 3 * lastCost) - Date.now();
  if (wait <= 0) requestTrajectory();
  else if (!timer) {
    timer = setTimeout(() => {
      timer = null;
      requestTrajectory();
    }, wait);
  }
}

export function setTrajectoryModel(model: number | null): void {
  useTrajectoryStore.setState({ model });
  requestTrajectory(true);
}

export function setTrajectoryColor(color: string): void {
  if (color === 'token' || color === 'target') useTrajectoryStore.setState({ color });
}

export function setTrajectoryPoints(points: string): void {
  if (points !== 'all' && points !== 'answer') return;
  useTrajectoryStore.setState({ points });
  requestTrajectory(true);
}

/** Whether the panel is in view: out of view nothing is asked; back in view, what was missed is asked at once. */
export function setTrajectoryVisible(v: boolean): void {
  visible = v;
  if (v && dirty) requestTrajectory();
}

/**
 * While a panel is on the page: answers reach the store, and new weights, a new shown sequence or a
 * new run ask again (rate-limited). Returns the function that stops this watcher.
 */
export const watchTrajectory: () => () => void = sharedWatch(() => {
  const offEvents = onWorkerEvent((e) => {
    if (e.type === 'trajectory') receiveTrajectory(e.answer);
  });
  const offStore = useStore.subscribe((s, prev) => {
    if (!modelChanged(s, prev, (st) => trajectoryModel(st))) return;
    dirty = true;
    if (!inFlight) schedule();
  });
  requestTrajectory(true);
  return () => {
    offEvents();
    offStore();
    if (timer) clearTimeout(timer);
    timer = null;
    inFlight = null;
  };
});
