/**
 * The watchdog: a worker client that notices when the training worker has died or stopped
 * answering, says so, and starts a new one from the last weights the page received, with the
 * same settings.
 *
 * Every second it pings the worker; a ping unanswered for SILENT_MS means the worker is gone (closed,
 * terminated, out of memory, or stuck in a loop: training yields between sequences, and a worker
 * whose snapshots take long at these sizes says so in its pongs, which extends the wait by twice that). A stall of the page itself (a background tab, a long task) is not blamed on the worker: the
 * clock starts again when the page wakes. The worker sends its weights every few seconds while they
 * change (`checkpoint` events, kept here and not passed on); a restarted worker gets `init` with
 * the latest settings and inspection, then those weights. After MAX_RESTARTS restarts within a
 * minute it gives up and says so. An uncaught error in the worker is reported as it is: the worker
 * may well still be running, and the next ping tells.
 */
import { createWorkerClient, startTrainingWorker, type WorkerClient } from './client';
import type { Command, InspectSource, TrainConfig, WorkerEvent } from './protocol';

/** Ping period (ms). */
export const PING_MS = 1000;
/** A ping unanswered this long (ms) means the worker is dead. */
export const SILENT_MS = 5000;
/** At most this much (ms) of a worker's own uninterruptible work extends SILENT_MS (twice it is allowed). */
export const MAX_BUSY_MS = 10_000;
/** Restarts allowed within a minute before the watchdog gives up. */
export const MAX_RESTARTS = 3;

/** Timers (tests inject their own). */
export interface WatchdogOptions {
  now?: () => number;
  /** Calls fn every ms milliseconds; returns the function that stops it. */
  every?: (fn: () => void, ms: number) => () => void;
}

type Checkpoint = Extract<WorkerEvent, { type: 'checkpoint' }>;

/** The commands that put a checkpoint's weights back (flat, as the worker sent them). */
export function restoreCommands(cp: Checkpoint): Command[] {
  return cp.models.map((m) => ({ type: 'load-model-params', config: m.config, params: m.params, vocab: cp.vocab, step: m.step }));
}

/**
 * A client like {@link createWorkerClient}'s, watched. Events reach `onEvent` as before, plus
 * `error` events with error.worker.restarted {step} / error.worker.dead when the watchdog acts.
 */
export function createWatchedClient(onEvent: (e: WorkerEvent) => void, makeWorker: () => Worker = startTrainingWorker,
  ackWhen?: (ack: () => void) => void, options: WatchdogOptions = {}): WorkerClient {
  const now = options.now ?? (() => Date.now());
  const every = options.every ?? ((fn, ms) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  });
  let setup: { config: TrainConfig; inspect: InspectSource } | null = null;
  let layer: number | null = null;
  let checkpoint: Checkpoint | null = null;
  let pingAt: number | null = null;
  let lastTick = now();
  let restoring = 0;
  // the longest work the worker said it cannot interrupt (a snapshot at large sizes on a slow machine)
  let busy = 0;
  let restarts: number[] = [];
  let stopped = false;
  let client: WorkerClient;

  const handle = (w: WorkerClient) => (e: WorkerEvent): void => {
    if (w !== client) return; // a worker already replaced
    pingAt = null;
    if (e.type === 'pong') {
      busy = Math.min(MAX_BUSY_MS, Math.max(0, Number(e.busy) || 0));
      return;
    }
    if (e.type === 'checkpoint') {
      checkpoint = e;
      return;
    }
    if (e.type === 'load-model') {
      if (restoring > 0) {
        restoring--;
        return;
      }
      if (e.ok && e.settings && setup) setup = { ...setup, config: { ...setup.config, ...e.settings } };
    }
    onEvent(e);
  };

  const start = (): void => {
    let made: WorkerClient | null = null;
    const forward = (e: WorkerEvent): void => { if (made) handle(made)(e); else queued.push(e); };
    const queued: WorkerEvent[] = [];
    made = createWorkerClient(forward, makeWorker, ackWhen);
    client = made;
    for (const e of queued) handle(made)(e);
    pingAt = null;
  };

  const restart = (): void => {
    const t = now();
    restarts = restarts.filter((r) => t - r < 60_000);
    client.terminate();
    if (restarts.length >= MAX_RESTARTS) {
      stopped = true;
      stop();
      onEvent({ type: 'error', message: 'error.worker.dead' });
      return;
    }
    restarts.push(t);
    start();
    if (setup) client.send({ type: 'init', config: setup.config, inspect: setup.inspect });
    if (layer !== null) client.send({ type: 'set-layer', layer });
    const cp = checkpoint;
    if (cp) {
      const commands = restoreCommands(cp);
      restoring = commands.length;
      for (const c of commands) client.send(c);
    }
    const step = cp ? Math.max(...cp.models.map((m) => m.step)) : 0;
    onEvent({ type: 'error', message: 'error.worker.restarted', params: { step } });
  };

  const check = (): void => {
    const t = now();
    const pageStalled = t - lastTick > 2 * PING_MS;
    lastTick = t;
    if (pageStalled) {
      // the page itself was asleep: its clock says nothing about the worker
      pingAt = null;
    }
    if (pingAt !== null) {
      if (t - pingAt > SILENT_MS + 2 * busy) restart();
      return;
    }
    pingAt = t;
    client.send({ type: 'ping' });
  };

  start();
  const stop = every(check, PING_MS);

  return {
    send(cmd) {
      if (stopped) return;
      if (cmd.type === 'init') setup = { config: cmd.config, inspect: cmd.inspect };
      else if (cmd.type === 'set-config' && setup) setup = { ...setup, config: cmd.config };
      else if (cmd.type === 'set-inspect' && setup) setup = { ...setup, inspect: cmd.inspect };
      else if (cmd.type === 'set-layer') layer = cmd.layer;
      else if (cmd.type === 'reset') checkpoint = null;
      client.send(cmd);
    },
    terminate() {
      stopped = true;
      stop();
      client.terminate();
    },
  };
}
