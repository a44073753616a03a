/**
 * The link between the store and the training worker. `connectWorker(client)` makes the store's
 * actions send their commands to `client` and starts the run; `handleWorkerEvent` (the callback to
 * give the worker client) turns every WorkerEvent into a store update. The client acknowledges
 * snapshots by itself.
 */
import type { Command, Snapshot, WorkerEvent } from '../worker/protocol';
import { appendHistory, emptyHistory } from './history';
import { applyWeightSet } from './weights';
import { useStore } from './store';
import { setStepCursor } from './sweep';
import type { History } from './types';

/** What the store needs of a worker client. */
export interface WorkerLike {
  send(cmd: Command): void;
  terminate(): void;
}

let client: WorkerLike | null = null;

/**
 * The last play/pause the user asked for, and when. A snapshot already on its way when the command
 * was sent still carries the old `running`; for a short while the user's intent wins, so the Play
 * button does not flicker back.
 */
let intent: { running: boolean; at: number } | null = null;
const INTENT_MS = 1500;

/** Records a play (true) or pause (false) just sent to the worker. */
export function noteRunIntent(running: boolean): void {
  intent = { running, at: Date.now() };
}

function runningFrom(snapshot: Snapshot): boolean {
  if (intent && snapshot.running !== intent.running && Date.now() - intent.at < INTENT_MS && !snapshot.diverged && !snapshot.stopped) {
    return intent.running;
  }
  intent = null;
  return snapshot.running;
}

/** Commands after which the panels show the whole trace again (new settings, a new run, other weights). */
const SHOW_WHOLE_TRACE: ReadonlySet<Command['type']> = new Set(['init', 'set-config', 'reset', 'load-model', 'load-model-params']);

/** Sends a command to the connected worker (dropped when none is connected yet). */
export function send(cmd: Command): void {
  // the step-through cursor is cleared here, as the command leaves, not when the new run's snapshot comes
  // back: a chapter that sets its model and then steps through must keep its cursor
  if (SHOW_WHOLE_TRACE.has(cmd.type)) setStepCursor(null);
  client?.send(cmd);
}

/**
 * Connects `c`: sends `init` with the current config and inspection source. Returns a function that
 * disconnects and terminates the client.
 */
export function connectWorker(c: WorkerLike): () => void {
  client = c;
  const { config, inspect } = useStore.getState();
  c.send({ type: 'init', config, inspect });
  return () => {
    if (client === c) client = null;
    c.terminate();
  };
}

/** Labels of the task's inspection examples, if the snapshot carries them. */
function exampleLabels(snapshot: Snapshot): string[] | null {
  const labels = (snapshot as Snapshot & { examples?: unknown }).examples;
  return Array.isArray(labels) && labels.every((x) => typeof x === 'string') ? labels : null;
}

function applySnapshot(snapshot: Snapshot): void {
  const state = useStore.getState();
  const count = snapshot.models.length;
  const sameRun = state.snapshot === null || state.snapshot.run === snapshot.run;
  let histories: History[] = sameRun && state.histories.length === count ? state.histories : snapshot.models.map(() => emptyHistory());
  if (snapshot.history.length > 0) {
    histories = histories.map((h, i) => (snapshot.history[i] ? appendHistory(h, snapshot.history[i]) : h));
  }
  const labels = exampleLabels(snapshot);
  useStore.setState({
    snapshot,
    histories,
    running: runningFrom(snapshot),
    stepsPerSecond: snapshot.stepsPerSecond,
    diverged: snapshot.diverged ?? null,
    stopped: snapshot.stopped ?? null,
    inspectError: snapshot.inspectError ?? null,
    ...(labels && !sameStrings(labels, state.exampleLabels) ? { exampleLabels: labels } : {}),
  });
}

function sameStrings(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const listeners = new Set<(event: WorkerEvent) => void>();

/** Calls `fn` with every worker event (before the store applies it); returns the function that stops it. */
export function onWorkerEvent(fn: (event: WorkerEvent) => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** Applies one worker event to the store. Mutates the store only. */
export function handleWorkerEvent(event: WorkerEvent): void {
  for (const fn of listeners) fn(event);
  switch (event.type) {
    case 'snapshot':
      applySnapshot(event.snapshot);
      break;
    case 'running':
      // the worker has done what was asked: every snapshot from now on says so itself (unless a newer ask is on its way)
      if (intent && intent.running !== event.running) break;
      intent = null;
      useStore.setState({ running: event.running });
      break;
    case 'sample':
      useStore.setState({ sample: event.text });
      break;
    case 'grad-check': {
      const { key, row, col, analytic, numeric, relError } = event;
      useStore.setState({ gradCheck: { key, row, col, analytic, numeric, relError } });
      break;
    }
    case 'error':
      useStore.setState({ error: event.message, errorParams: event.params ?? {} });
      break;
    case 'weights':
      useStore.setState({ weights: event.view });
      break;
    case 'weight-set':
      useStore.setState({ weightEdits: applyWeightSet(useStore.getState().weightEdits, event) });
      break;
  }
}
