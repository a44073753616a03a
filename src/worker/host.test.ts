// The worker host with a simulated clock and queues: back-pressure, the snapshot rate, pacing to
// config.speed, divergence events, failures as error events.
import { describe, expect, it, vi } from 'vitest';
import { cloneModel } from '../engine';
import { BUILTIN_CORPORA } from '../engine/tasks/charlm';
import { createWorkerHost, SNAPSHOT_MS } from './host';
import { neuronFeatures } from './neurons';
import type { Command, TrainConfig, WorkerEvent } from './protocol';
import { SMALL } from './test-config';

/** A host on a clock that advances `perCall` ms whenever it is read, with queues run by hand. */
function harness(perCall = 0.5) {
  let t = 0;
  const events: WorkerEvent[] = [];
  let queue: (() => void)[] = [];
  let timers: { at: number; fn: () => void }[] = [];
  const now = () => (t += perCall);
  const host = createWorkerHost((e) => events.push(e), {
    now,
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
  return { host, events, run, send, snapshots, now };
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
    h.run(30); // a snapshot is built a part at a time, over a few slices of simulated time
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
    const divergedSnapshot = () => h.snapshots().find((e) => e.type === 'snapshot' && e.snapshot.diverged !== null);
    for (let i = 0; i < 200 && !divergedSnapshot(); i++) {
      h.send({ type: 'ack' });
      h.run(20);
    }
    const d = divergedSnapshot();
    expect(d).toBeDefined();
    expect(h.host.running).toBe(false);
    // the stop was told at once, before the snapshot saying why
    const stoppedAt = h.events.findIndex((e) => e.type === 'running' && !e.running);
    expect(stoppedAt).toBeGreaterThanOrEqual(0);
    expect(stoppedAt).toBeLessThan(h.events.indexOf(d!));
    const told = h.events.filter((e) => e.type === 'running' && !e.running).length;
    h.send({ type: 'play' });
    expect(h.host.running, 'play does nothing while diverged').toBe(false);
    expect(h.events.filter((e) => e.type === 'running' && !e.running).length).toBe(told + 1);
    h.send({ type: 'ack' });
    h.run(50);
    const again = h.snapshots().at(-1)!;
    expect(again.type === 'snapshot' && again.snapshot.diverged).toEqual((d as Extract<WorkerEvent, { type: 'snapshot' }>).snapshot.diverged);
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

  it('a snapshot is built between commands: pause is answered at once and stops training; a reset drops the snapshot under way', () => {
    // a long sequence with an LSTM: the flow matrix alone comes in several parts
    const big: TrainConfig = { ...SMALL, cell: 'lstm', hidden: 64, seqLength: 120 };
    const h = harness(2);
    h.send(init(big));
    h.send({ type: 'play' });
    h.run(60);
    const before = h.snapshots().length;
    h.send({ type: 'pause' });
    const answer = h.events.at(-1)!;
    expect(answer).toMatchObject({ type: 'running', running: false });
    const stepAtPause = h.host.trainer!.lanes[0]!.step;
    expect(answer.type === 'running' && answer.step).toBe(stepAtPause);
    h.send({ type: 'ack' });
    h.run(2000);
    expect(h.host.trainer!.lanes[0]!.step, 'no step after the pause').toBe(stepAtPause);
    const paused = h.snapshots().at(-1)!;
    expect(h.snapshots().length).toBeGreaterThan(before);
    expect(paused.type === 'snapshot' && !paused.snapshot.running && paused.snapshot.models[0]!.step).toBe(stepAtPause);
    // a reset while a snapshot of the trained weights is under way: the next snapshot shows step 0
    h.send({ type: 'ack' });
    h.send({ type: 'set-layer', layer: 0 });
    h.run(3); // a part of it is built
    const atReset = h.snapshots().length;
    h.send({ type: 'reset' });
    h.send({ type: 'ack' });
    h.run(2000);
    const after = h.snapshots().slice(atReset).map((e) => (e.type === 'snapshot' ? e.snapshot.models[0]!.step : -1));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((step) => step === 0), 'nothing built on the weights before the reset is sent').toBe(true);
  });

  it('step takes its steps a slice at a time: all of them, unless a pause comes first', () => {
    const big: TrainConfig = { ...SMALL, cell: 'lstm', hidden: 48, seqLength: 60, batch: 4 };
    const h = harness(1);
    // the trainer reads performance.now for its slices: the same simulated clock
    const clock = vi.spyOn(performance, 'now').mockImplementation(h.now);
    h.send(init(big));
    h.send({ type: 'step', count: 3 });
    h.run(5000);
    expect(h.host.trainer!.lanes[0]!.step).toBe(3);
    h.send({ type: 'step', count: 50 });
    h.run(6); // a few slices: not 50 steps
    h.send({ type: 'pause' });
    const atPause = h.host.trainer!.lanes[0]!.step;
    expect(atPause).toBeLessThan(53);
    h.send({ type: 'ack' });
    h.run(5000);
    expect(h.host.trainer!.lanes[0]!.step, 'no step after the pause').toBe(atPause);
    clock.mockRestore();
  });

  it('while training, snapshots reuse the flow matrix between its refreshes (the policy of a running worker)', () => {
    const h = harness(0.2);
    h.send(init(SMALL));
    h.send({ type: 'play' });
    for (let i = 0; i < 30; i++) {
      h.send({ type: 'ack' });
      h.run(40);
    }
    const running = h.snapshots().flatMap((e) => (e.type === 'snapshot' && e.snapshot.running ? [e.snapshot.models[0]!] : []));
    expect(running.length).toBeGreaterThan(10);
    expect(running.some((m) => m.flowStep! < m.step), 'some snapshots carry an older flow matrix').toBe(true);
  });
  it('a feature search over the training text comes in parts while training goes on, with the numbers of the weights when asked', () => {
    const h = harness();
    h.send(init({ ...SMALL, hidden: 64, layers: 2 }));
    h.run(30);
    h.send({ type: 'play' });
    h.run(50);
    const trainer = h.host.trainer!;
    const asked = cloneModel(trainer.lanes[0]!.model);
    const stepAsked = trainer.lanes[0]!.step;
    const request = { id: 7, layer: 1, quantity: 'h' };
    h.send({ type: 'neuron-features', request });
    expect(h.events.some((e) => e.type === 'neuron-features'), 'not at once: in parts').toBe(false);
    h.run(2000);
    const answer = h.events.find((e) => e.type === 'neuron-features');
    expect(answer).toEqual({ type: 'neuron-features', answer: neuronFeatures(asked, trainer.task, BUILTIN_CORPORA.en, request) });
    expect(trainer.lanes[0]!.step, 'training went on meanwhile').toBeGreaterThan(stepAsked);
  });
});
