// The worker host with a simulated clock and queues: back-pressure, the snapshot rate, pacing to
// config.speed, divergence events, failures as error events.
import { describe, expect, it } from 'vitest';
import { createWorkerHost, SNAPSHOT_MS } from './host';
import type { Command, TrainConfig, WorkerEvent } from './protocol';
import { SMALL } from './test-config';

/** A host on a clock that advances `perCall` ms whenever it is read, with queues run by hand. */
function harness(perCall = 0.5) {
  let t = 0;
  const events: WorkerEvent[] = [];
  let queue: (() => void)[] = [];
  let timers: { at: number; fn: () => void }[] = [];
  const host = createWorkerHost((e) => events.push(e), {
    now: () => (t += perCall),
    soon: (fn) => queue.push(fn),
    later: (fn, ms) => timers.push({ at: t + ms, fn }),
  });
  /** Runs queued work and due timers until `ms` of simulated time have passed. */
  const run = (ms: number): void => {
    const end = t + ms;
    let guard = 0;
    while (t < end && guard++ < 100_000) {
      if (queue.length) {
        const q = queue;
        queue = [];
        for (const fn of q) fn();
        continue;
      }
      const due = timers.filter((x) => x.at <= t);
      timers = timers.filter((x) => x.at > t);
      if (due.length) for (const x of due) x.fn();
      else t += 1;
    }
  };
  const send = (c: Command): void => host.handle(c);
  const snapshots = () => events.filter((e) => e.type === 'snapshot');
  return { host, events, run, send, snapshots };
}

const init = (config: TrainConfig): Command => ({ type: 'init', config, inspect: { kind: 'example', index: 0 } });

describe('worker host', () => {
  it('a command before init is an error event, not a throw', () => {
    const h = harness();
    expect(() => h.send({ type: 'play' })).not.toThrow();
    expect(h.events[0]).toMatchObject({ type: 'error', message: 'error.worker.failed' });
  });

  it('waits for the acknowledgement before the next snapshot, and sends at most ~30 per second', () => {
    const h = harness();
    h.send(init(SMALL));
    h.run(5);
    expect(h.snapshots().length).toBe(1);
    h.send({ type: 'play' });
    h.run(500);
    expect(h.snapshots().length, 'no ack, no new snapshot').toBe(1);
    const trained = h.host.trainer!.lanes[0]!.step;
    expect(trained, 'training goes on without acks').toBeGreaterThan(5);
    let acks = 0;
    for (let i = 0; i < 40; i++) {
      h.send({ type: 'ack' });
      acks++;
      h.run(10);
    }
    const n = h.snapshots().length;
    expect(n).toBeLessThanOrEqual(1 + Math.ceil((40 * 10) / SNAPSHOT_MS) + 1);
    expect(n).toBeGreaterThan(5);
    const last = h.snapshots().at(-1)!;
    expect(last.type === 'snapshot' && last.snapshot.running).toBe(true);
    expect(acks).toBe(40);
  });

  it('paces training to config.speed (steps per second)', () => {
    const h = harness(0.05);
    h.send(init({ ...SMALL, speed: 20 }));
    h.send({ type: 'play' });
    h.run(2000);
    const steps = h.host.trainer!.lanes[0]!.step;
    expect(steps).toBeGreaterThanOrEqual(30);
    expect(steps).toBeLessThanOrEqual(45);
  });

  it('divergence pauses and reports; play while diverged reports again; restore and step recover', () => {
    const h = harness();
    h.send(init({ ...SMALL, optimizer: 'sgd', momentum: 0, lr: 1000, clip: 0 }));
    h.send({ type: 'play' });
    for (let i = 0; i < 200 && !h.events.some((e) => e.type === 'diverged'); i++) {
      h.send({ type: 'ack' });
      h.run(20);
    }
    const d = h.events.find((e) => e.type === 'diverged');
    expect(d).toBeDefined();
    expect(h.host.running).toBe(false);
    h.send({ type: 'play' });
    expect(h.events.filter((e) => e.type === 'diverged').length).toBe(2);
    h.send({ type: 'set-config', config: { ...SMALL, optimizer: 'sgd', momentum: 0, lr: 0.01, clip: 0 } });
    h.send({ type: 'restore' });
    h.send({ type: 'step', count: 3 });
    h.send({ type: 'ack' });
    h.run(100);
    const last = h.snapshots().at(-1)!;
    expect(last.type === 'snapshot' && last.snapshot.diverged).toBeNull();
  });

  it('sample and grad-check answer with events; a bad request is an error event and the host goes on', () => {
    const h = harness();
    h.send(init(SMALL));
    h.send({ type: 'sample', length: 12, temperature: 1, topK: 0, prime: 'a' });
    h.send({ type: 'grad-check', key: 'nope', row: 0, col: 0 });
    h.send({ type: 'grad-check', key: 'fc.bias', row: 1, col: 0 });
    const types = h.events.map((e) => e.type);
    expect(types).toEqual(['sample', 'error', 'grad-check']);
    const s = h.events[0]!;
    expect(s.type === 'sample' && s.tokens.length).toBe(12);
    const g = h.events[2]!;
    expect(g.type === 'grad-check' && g.relError).toBeLessThan(1e-6);
  });
});
