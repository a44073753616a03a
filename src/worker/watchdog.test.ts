// The watchdog with stand-in Workers and a hand-driven clock: a silent worker is replaced within
// SILENT_MS, the new one gets the settings and the last weights, a stalled page blames no one.
import { describe, expect, it } from 'vitest';
import { createModel } from '../engine';
import type { Command, TrainConfig, WorkerEvent } from './protocol';
import { createWorkerHost } from './host';
import { BASE } from './test-config';
import { createWatchedClient, MAX_RESTARTS, PING_MS, restoreCommands, SILENT_MS } from './watchdog';

class FakeWorker {
  sent: Command[] = [];
  terminated = false;
  answers = true;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  postMessage(cmd: Command): void {
    this.sent.push(cmd);
    if (cmd.type === 'ping' && this.answers) this.emit({ type: 'pong' });
  }
  terminate(): void { this.terminated = true; }
  emit(e: WorkerEvent): void { this.onmessage?.({ data: e } as MessageEvent); }
}

function setup() {
  let t = 0;
  let tick: () => void = () => {};
  const workers: FakeWorker[] = [];
  const events: WorkerEvent[] = [];
  const client = createWatchedClient((e) => events.push(e), () => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  }, undefined, { now: () => t, every: (fn) => { tick = fn; return () => { tick = () => {}; }; } });
  /** Runs the clock for ms, one ping period at a time. */
  const run = (ms: number) => { for (let s = 0; s < ms; s += PING_MS) { t += PING_MS; tick(); } };
  const jump = (ms: number) => { t += ms; tick(); };
  return { client, workers, events, run, jump };
}

const errors = (events: WorkerEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.message] : []));
const config: TrainConfig = { ...BASE, cell: 'gru', hidden: 5 };

describe('watchdog', () => {
  it('leaves an answering worker alone and hides pings, pongs and checkpoints from the page', () => {
    const h = setup();
    h.client.send({ type: 'init', config, inspect: { kind: 'example', index: 0 } });
    h.run(30_000);
    expect(h.workers).toHaveLength(1);
    expect(h.workers[0]!.sent.filter((c) => c.type === 'ping').length).toBeGreaterThanOrEqual(25);
    expect(h.events).toEqual([]);
  });

  it('replaces a silent worker within SILENT_MS, with the latest settings and the last weights', () => {
    const h = setup();
    const w0 = h.workers[0]!;
    h.client.send({ type: 'init', config: BASE, inspect: { kind: 'example', index: 0 } });
    h.client.send({ type: 'set-config', config });
    h.client.send({ type: 'set-inspect', inspect: { kind: 'example', index: 2 } });
    h.client.send({ type: 'set-layer', layer: 0 });
    const model = createModel({ cell: 'gru', inputSize: 4, hiddenSize: 5, outputSize: 4 });
    model.params.forEach((_, i) => { model.params[i] = i / 100; });
    w0.emit({ type: 'checkpoint', models: [{ config: model.config, params: model.params, step: 42 }], vocab: ['a', 'b', 'c', 'd'] });
    w0.answers = false; // stuck from now on
    h.run(SILENT_MS + 2 * PING_MS);
    expect(w0.terminated).toBe(true);
    expect(h.workers).toHaveLength(2);
    const sent = h.workers[1]!.sent.filter((c) => c.type !== 'ping');
    expect(sent.map((c) => c.type)).toEqual(['init', 'set-layer', 'load-model-params']);
    expect(sent[0]).toEqual({ type: 'init', config, inspect: { kind: 'example', index: 2 } });
    const load = sent[2] as Extract<Command, { type: 'load-model-params' }>;
    expect(load.vocab).toEqual(['a', 'b', 'c', 'd']);
    expect(Array.from(load.params)).toEqual(Array.from(model.params));
    expect(h.events).toEqual([{ type: 'error', message: 'error.worker.restarted', params: { step: 42 } }]);
    // the answer to the restoring load is the watchdog's, not the page's
    h.workers[1]!.emit({ type: 'load-model', ok: true, code: 'import.loaded', params: {} });
    expect(h.events).toHaveLength(1);
    // events of the replaced worker are dropped
    w0.emit({ type: 'running', running: false, step: 3 });
    expect(h.events).toHaveLength(1);
  });

  it('a restarted host takes the checkpoint\'s weights exactly', () => {
    const model = createModel({ cell: 'lstm', inputSize: 65, hiddenSize: 3, outputSize: 65, numLayers: 2 });
    model.params.forEach((_, i) => { model.params[i] = Math.sin(i) / 4; });
    const events: WorkerEvent[] = [];
    const host = createWorkerHost((e) => events.push(e), { soon: () => {}, later: () => {} });
    host.handle({ type: 'init', config: { ...BASE, hidden: 3, layers: 2 }, inspect: { kind: 'example', index: 0 } });
    for (const c of restoreCommands({ type: 'checkpoint', models: [{ config: model.config, params: model.params, step: 9 }], vocab: host.trainer!.task.vocab })) host.handle(c);
    expect(events.find((e) => e.type === 'load-model')).toMatchObject({ ok: true });
    expect(Array.from(host.trainer!.lanes[0]!.model.params)).toEqual(Array.from(model.params));
    expect(host.trainer!.lanes[0]!.step).toBe(9); // the count goes on from the checkpoint's step
  });

  it('waits longer for a worker that said its snapshots take long', () => {
    const h = setup();
    h.workers[0]!.emit({ type: 'pong', busy: 4000 });
    h.workers[0]!.answers = false;
    h.run(SILENT_MS + 2 * PING_MS);
    expect(h.workers).toHaveLength(1);
    h.run(8000);
    expect(h.workers).toHaveLength(2);
  });

  it('does not blame the worker for a page that was asleep', () => {
    const h = setup();
    h.workers[0]!.answers = false;
    h.run(PING_MS); // a ping goes out, unanswered
    h.jump(60_000); // the page's timers did not run for a minute (a background tab)
    expect(h.workers).toHaveLength(1);
    h.run(SILENT_MS + 2 * PING_MS); // but a worker that stays silent while the page is awake is replaced
    expect(h.workers).toHaveLength(2);
  });

  it('gives up after too many restarts in a minute, and says so', () => {
    const h = setup();
    for (let i = 0; i <= MAX_RESTARTS; i++) {
      h.workers[h.workers.length - 1]!.answers = false;
      h.run(SILENT_MS + 2 * PING_MS);
    }
    expect(h.workers).toHaveLength(MAX_RESTARTS + 1);
    expect(errors(h.events)).toEqual([...new Array(MAX_RESTARTS).fill('error.worker.restarted'), 'error.worker.dead']);
    const last = h.workers[h.workers.length - 1]!;
    expect(last.terminated).toBe(true);
  });
});
