/**
 * The page's side of the worker: starts it, forwards commands, hands every event to `onEvent`, and
 * acknowledges each snapshot once `onEvent` has returned (the worker sends the next one only then),
 * or later, when `ackWhen` says so (e.g. {@link afterNextFrame}: no more snapshots than frames drawn).
 * Failures — a crash in the worker, an unreadable message, a throw in `onEvent` — arrive as
 * `{ type: 'error', message }` events with an i18n key, never as uncaught exceptions.
 */
import type { Command, WorkerEvent } from './protocol';

/** The handle the store holds. */
export interface WorkerClient {
  /** Sends a command (ignored after terminate). */
  send(cmd: Command): void;
  /** Stops the worker for good. */
  terminate(): void;
}

/** The training worker as Vite bundles it (a module worker, resolved against the page's base). */
export function startTrainingWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}

/** How long a snapshot waits at most for a frame (frames stop in a background tab). */
const FRAME_WAIT_MS = 250;

/** Calls `fn` once, after the next animation frame has run its callbacks (or after FRAME_WAIT_MS). */
export function afterNextFrame(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    fn();
  };
  const timer = setTimeout(once, FRAME_WAIT_MS);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
}

/**
 * Starts the worker (`makeWorker`, by default {@link startTrainingWorker}) and returns the client.
 * `onEvent` is called once per event, in order. Each snapshot is acknowledged when `ackWhen` calls
 * back (by default at once).
 */
export function createWorkerClient(onEvent: (e: WorkerEvent) => void, makeWorker: () => Worker = startTrainingWorker,
  ackWhen: (ack: () => void) => void = (ack) => ack()): WorkerClient {
  let worker: Worker | null = null;
  const emit = (e: WorkerEvent): void => {
    try {
      onEvent(e);
    } catch {
      // the page's own handler failed; it must not take the worker link down with it
      if (e.type !== 'error') {
        try {
          onEvent({ type: 'error', message: 'error.page.handler' });
        } catch { /* nothing more to do */ }
      }
    }
  };
  try {
    worker = makeWorker();
  } catch (err) {
    emit({ type: 'error', message: 'error.worker.start', detail: err instanceof Error ? err.message : String(err) });
  }
  if (worker) {
    const w = worker;
    w.onmessage = (ev: MessageEvent<WorkerEvent>) => {
      const e = ev.data;
      try {
        emit(e);
      } finally {
        if (e && e.type === 'snapshot' && worker === w) {
          ackWhen(() => {
            if (worker === w) w.postMessage({ type: 'ack' } satisfies Command);
          });
        }
      }
    };
    w.onmessageerror = () => emit({ type: 'error', message: 'error.worker.message' });
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      // the worker may still be running (the watchdog's next ping tells): say only what is known
      emit({ type: 'error', message: 'error.worker.uncaught', detail: ev.message });
    };
  }
  return {
    send(cmd) {
      if (!worker) return;
      try {
        worker.postMessage(cmd);
      } catch (err) {
        emit({ type: 'error', message: 'error.worker.message', detail: err instanceof Error ? err.message : String(err) });
      }
    },
    terminate() {
      worker?.terminate();
      worker = null;
    },
  };
}
