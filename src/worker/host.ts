/**
 * The worker's side of the protocol, independent of `self` so it runs in Node too: it answers
 * commands, trains in slices of a few milliseconds (yielding between slices so commands are handled
 * promptly; a step longer than a slice goes on over several slices, a piece of a sequence at a time), paces training to config.speed, and posts a snapshot at most ~30 times a second (less
 * when one snapshot costs more than ~8 ms, so that training keeps three quarters of the time) and
 * only after the page acknowledged the previous one. Training speed does not depend on the frame rate.
 */
import type { Command, InspectSource, Snapshot, WorkerEvent } from './protocol';
import { createTrainer, type StepReport, type Trainer } from './trainer';
import { loadModelEvent, withKnownShare } from './modelFile';
import { weightsTransfer } from './weights';
import type { Steps } from './inspect';
import { defaultSoon, snapshotTransfer } from './messaging';
import { KEEP_SNAPSHOT, STOP_STEPS } from './commandRules';

import { flatStateDict } from './importJob';
import { createExplorerCommands, isExplorerCommand } from './explorerCommands';

export { snapshotTransfer };

/** Training slice length (ms) before yielding to the message queue. */
export const SLICE_MS = 8;
/** Minimum time (ms) between two snapshots (~30 per second). */
export const SNAPSHOT_MS = 33;

/** Least time (ms) between two checkpoints while the weights change. */
export const CHECKPOINT_MS = 3000;

/** How the host posts events: the event and the buffers to transfer with it. */
export type Post = (event: WorkerEvent, transfer: Transferable[]) => void;

/** Scheduling hooks (tests inject their own). */
export interface HostOptions {
  now?: () => number;
  /** Runs fn as soon as possible after pending messages (default: a MessageChannel, else setTimeout 0). */
  soon?: (fn: () => void) => void;
  /** Runs fn after ms milliseconds. */
  later?: (fn: () => void, ms: number) => void;
}

/** The host: feed it commands. */
export interface WorkerHost {
  /** Handles one command; never throws (failures become an `error` event). */
  handle(cmd: Command): void;
  /** The trainer, once initialised (tests). */
  readonly trainer: Trainer | null;
  readonly running: boolean;
}

/** Short, stable error detail for the page's console/debug view (the page shows the i18n key). */
function detailOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A host posting through `post`. */
export function createWorkerHost(post: Post, options: HostOptions = {}): WorkerHost {
  const now = options.now ?? (() => performance.now());
  const soon = options.soon ?? defaultSoon();
  const later = options.later ?? ((fn, ms) => void setTimeout(fn, ms));
  let trainer: Trainer | null = null;
  let inspectSource: InspectSource = { kind: 'example', index: 0 };
  let running = false;
  // steps asked for by `step` and not yet taken (taken a slice at a time, like training)
  let stepsLeft = 0;
  // a snapshot under way: built a part at a time between commands; dropped by any command but those below
  let job: Steps<Snapshot> | null = null;
  let jobCost = 0;
  let awaitingAck = false;
  let wantSnapshot = false;
  let lastPost = -Infinity;
  let snapshotCost = 0;
  // the longest recent stretch of work that could not be interrupted (a slice's last sequence, a snapshot), slowly forgotten
  let busy = 0;
  const noteBusy = (ms: number): void => { busy = Math.max(busy * 0.98, ms); };
  let tickQueued = false;
  let timerAt = Infinity;
  // pacing to config.speed: steps done since paceOrigin
  let paceOrigin = 0;
  let paceDone = 0;
  // measured speed
  let rateStart = 0;
  let rateSteps = 0;
  let stepsPerSecond = 0;
  // the weights last sent as a checkpoint: which lanes, at which versions, and when
  let savedLanes: readonly unknown[] | null = null;
  let savedVersions = '';
  let savedAt = -Infinity;

  const fail = (e: unknown, key = 'error.worker.failed'): void => {
    post({ type: 'error', message: key, detail: detailOf(e) }, []);
  };
  const explorer = createExplorerCommands(post, now, fail, () => kick());

  const kick = (): void => {
    if (tickQueued) return;
    tickQueued = true;
    soon(tick);
  };
  const wakeAt = (ms: number): void => {
    const at = now() + ms;
    if (at >= timerAt) return;
    timerAt = at;
    later(() => {
      timerAt = Infinity;
      kick();
    }, ms);
  };

  const startPace = (): void => {
    paceOrigin = now();
    paceDone = 0;
    rateStart = paceOrigin;
    rateSteps = 0;
  };

  const onReport = (r: StepReport): boolean => {
    if (r.steps > 0) wantSnapshot = true;
    rateSteps += r.steps;
    // training stopped by itself: the page hears it at once; why (the divergence, the stop condition) comes with the next snapshot
    if (r.diverged || r.stopped) {
      running = false;
      wantSnapshot = true;
      post({ type: 'running', running, step: trainer?.lanes[0]?.step ?? 0 }, []);
      return true;
    }
    return false;
  };

  const train = (t: Trainer): void => {
    const end = now() + SLICE_MS;
    const speed = t.config.speed;
    if (speed <= 0) {
      // a step longer than the slice is spread over several slices (see Trainer.advance)
      onReport(t.advance(end));
      return;
    }
    let due = Math.floor(((now() - paceOrigin) * speed) / 1000) - paceDone;
    if (due > Math.max(1, speed / 4)) { // fell behind (a slow step, a hidden tab): do not rush to catch up
      paceOrigin = now() - (1000 / speed);
      paceDone = 0;
      due = 1;
    }
    while (due > 0 && now() < end) {
      const r = t.advance(end, 1);
      paceDone += r.steps;
      due -= r.steps;
      if (onReport(r) || r.steps === 0) return;
    }
  };

  const measure = (): void => {
    const t = now();
    // a window closes once it holds a step (a step may take longer than the window: 0.3 steps/s, not 0)
    if (t - rateStart >= 500 && (rateSteps > 0 || t - rateStart >= 10_000)) {
      stepsPerSecond = (rateSteps * 1000) / (t - rateStart);
      rateStart = t;
      rateSteps = 0;
    }
  };

  /** Starts a snapshot when one is wanted and due, and builds it a part at a time (a slice per tick); true while one is under way. */
  const maybeSnapshot = (): boolean => {
    if (!trainer) return false;
    if (!job) {
      if (!wantSnapshot || awaitingAck) return false;
      // while training, snapshots take at most about a quarter of the worker's time
      const gap = running ? Math.max(SNAPSHOT_MS, 3 * snapshotCost) : SNAPSHOT_MS;
      const wait = lastPost + gap - now();
      if (wait > 0) {
        wakeAt(wait);
        return false;
      }
      // running decides how often the flow matrix and the spectrum are refreshed (see flow-clock)
      job = trainer.snapshotSteps({ running, stepsPerSecond: running ? stepsPerSecond : 0 });
      jobCost = 0;
      wantSnapshot = false;
    }
    const end = now() + SLICE_MS;
    for (;;) {
      const t0 = now();
      const r = job.next();
      const dt = now() - t0;
      jobCost += dt;
      noteBusy(dt);
      if (r.done) {
        job = null;
        // running and the speed as they are now (a pause may have come while it was built)
        const snapshot = { ...r.value, running, stepsPerSecond: running ? stepsPerSecond : 0 };
        awaitingAck = true;
        lastPost = now();
        snapshotCost = jobCost;
        post({ type: 'snapshot', snapshot }, snapshotTransfer(snapshot));
        return false;
      }
      if (now() >= end) {
        kick();
        return true;
      }
    }
  };

  /** Posts the weights when they changed: at most every CHECKPOINT_MS while training, at once when paused. */
  const maybeCheckpoint = (): void => {
    if (!trainer) return;
    const lanes = trainer.lanes;
    const versions = lanes.map((l) => `${l.version}:${l.step}`).join(',');
    if (lanes === savedLanes && versions === savedVersions) return;
    if (running && now() - savedAt < CHECKPOINT_MS) return;
    savedLanes = lanes;
    savedVersions = versions;
    savedAt = now();
    const models = lanes.map((l) => ({ config: l.model.config, params: new Float64Array(l.model.params), step: l.step }));
    post({ type: 'checkpoint', models, vocab: [...trainer.task.vocab] }, models.map((m) => m.params.buffer));
  };

  function tick(): void {
    tickQueued = false;
    try {
      // a snapshot under way is finished first: the weights must not change under it
      if (job && maybeSnapshot()) return;
      // a panel's answer in parts: a slice of it, then training's slice as usual
      const t1 = now();
      if (explorer.work(t1 + SLICE_MS)) kick();
      noteBusy(now() - t1);
      if (running && trainer) {
        const t0 = now();
        train(trainer);
        noteBusy(now() - t0);
        measure();
      } else if (stepsLeft > 0 && trainer) {
        const t0 = now();
        const r = trainer.advance(t0 + SLICE_MS, stepsLeft);
        noteBusy(now() - t0);
        stepsLeft = onReport(r) || trainer.diverged ? 0 : stepsLeft - r.steps;
        if (stepsLeft > 0) kick();
      }
      maybeCheckpoint();
      if (maybeSnapshot()) return;
      if (running && trainer) {
        const speed = trainer.config.speed;
        if (speed <= 0) kick();
        else wakeAt(Math.max(0, ((paceDone + 1) * 1000) / speed - (now() - paceOrigin)));
      }
    } catch (e) {
      running = false;
      fail(e, 'error.worker.crashed');
    }
  }

  const show = (): void => {
    wantSnapshot = true;
    kick();
  };

  const need = (): Trainer => {
    if (!trainer) throw new Error('the worker has no run yet: send init first');
    return trainer;
  };

  const handle = (cmd: Command): void => {
    // every command but these may change the weights, the run or what a snapshot shows: a snapshot under way starts again
    if (job && !KEEP_SNAPSHOT.has(cmd.type)) {
      job = null;
      wantSnapshot = true;
      kick();
    }
    // a play, pause, reset or new run ends the steps still to take
    if (STOP_STEPS.has(cmd.type)) stepsLeft = 0;
    try {
      if (isExplorerCommand(cmd)) {
        explorer.handle(cmd, need(), inspectSource);
        return kick();
      }
      switch (cmd.type) {
        case 'init':
          inspectSource = cmd.inspect;
          trainer = createTrainer(cmd.config, cmd.inspect);
          running = false;
          return show();
        case 'set-config':
          if (!trainer) trainer = createTrainer(cmd.config, { kind: 'example', index: 0 });
          else trainer.setConfig(cmd.config);
          startPace();
          return show();
        case 'set-inspect':
          inspectSource = cmd.inspect;
          need().setInspect(cmd.inspect);
          return show();
        case 'set-layer':
          need().setLayer(cmd.layer);
          return show();
        case 'load-model': {
          const t = need();
          running = false;
          const before = t.task.vocab;
          post(withKnownShare(loadModelEvent(() => t.loadModel(cmd)), before, () => t.task.vocab), []);
          return show();
        }
        case 'load-model-params': {
          const t = need();
          running = false;
          const file = { config: cmd.config, stateDict: flatStateDict(cmd.config, cmd.params), vocab: cmd.vocab, step: cmd.step };
          const before = t.task.vocab;
          post(withKnownShare(loadModelEvent(() => t.loadModel(file)), before, () => t.task.vocab), []);
          return show();
        }
        case 'export-model':
          post(need().exportModel(cmd.model), []);
          return;
        case 'weights': {
          const view = need().weights(cmd.model);
          post({ type: 'weights', view }, weightsTransfer(view));
          return;
        }
        case 'set-weight': {
          const t = need();
          const model = Math.min(t.lanes.length - 1, Math.max(0, cmd.model ?? 0));
          const before = t.setWeight(cmd.key, cmd.row, cmd.col, cmd.value, model);
          const { key, row, col, value } = cmd;
          post({ type: 'weight-set', run: t.run, model, key, row, col, before, value, undo: cmd.undo === true }, []);
          return show();
        }
        case 'play': {
          const t = need();
          if (t.diverged) {
            // stays stopped until restore or reset; the snapshot says why
            post({ type: 'running', running: false, step: t.lanes[0]!.step }, []);
            return show();
          }
          if (!running) startPace();
          running = true;
          post({ type: 'running', running, step: t.lanes[0]!.step }, []);
          return show();
        }
        case 'pause':
          running = false;
          post({ type: 'running', running, step: trainer?.lanes[0]?.step ?? 0 }, []);
          return show();
        case 'step':
          need();
          running = false;
          stepsLeft += Math.max(1, Math.floor(cmd.count ?? 1));
          return show();
        case 'reset':
          running = false;
          need().reset();
          return show();
        case 'restore':
          need().restore();
          return show();
        case 'ping':
          post({ type: 'pong', busy: Math.round(busy) }, []);
          return;
        case 'ack':
          awaitingAck = false;
          if (wantSnapshot) kick();
          return;
        case 'sample': {
          const r = need().sample(cmd.length, cmd.temperature, cmd.topK, cmd.prime);
          post({ type: 'sample', text: r.text, tokens: r.tokens }, []);
          return;
        }
        case 'rescale-recurrent':
          need().rescaleRecurrent(cmd.layer, cmd.sigmaMax, cmd.block, cmd.model);
          return show();
        case 'grad-check': {
          const r = need().gradCheck(cmd.key, cmd.row, cmd.col, cmd.model);
          post({ type: 'grad-check', key: cmd.key, row: cmd.row, col: cmd.col, ...r }, []);
          return;
        }
        default:
          fail(new Error(`unknown command ${(cmd as { type?: unknown }).type as string}`), 'error.worker.command');
      }
    } catch (e) {
      fail(e);
    }
  };

  return {
    handle,
    get trainer() { return trainer; },
    get running() { return running; },
  };
}
