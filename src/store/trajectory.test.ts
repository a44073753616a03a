// The hidden-state space's store against a real worker host running in-process: it asks once there is
// a run, shows many-to-one tasks' answering steps by default, new weights ask again at most every
// REFRESH_MS, nothing is asked while the panel is out of view unless a control was changed, and the
// path follows the forward sweep.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerHost } from '../worker/host';
import type { Command } from '../worker/protocol';
import { connectWorker, handleWorkerEvent, resetStore, stepOnce, useStore } from './index';
import { stepsReached } from './sweep';
import {
  REFRESH_MS, resetTrajectory, setTrajectoryModel, setTrajectoryPoints, setTrajectoryVisible, useTrajectoryStore, watchTrajectory,
} from './trajectory';

let sent: Command[] = [];
let disconnect: () => void = () => {};
let unwatch: () => void = () => {};

/** Lets queued worker work run: microtasks, and the worker's trajectory code (loaded by import(), here from the module cache). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 200; i++) await Promise.resolve();
};

beforeAll(async () => {
  await import('../worker/trajectory');
});
/** One optimizer step, and time for its snapshot to come (the host sends at most one every 33 ms). */
const step = async (): Promise<void> => {
  stepOnce();
  await settle();
  vi.advanceTimersByTime(40);
  await settle();
};
const asked = () => sent.filter((c): c is Extract<Command, { type: 'trajectory' }> => c.type === 'trajectory');

/** A worker host in-process, its events reaching the store until it is disconnected; snapshots acknowledged as the page does. */
function connect(): void {
  let alive = true;
  const host = createWorkerHost((e) => { if (alive) handleWorkerEvent(e); }, { now: () => Date.now(), soon: (fn) => queueMicrotask(fn), later: (fn, ms) => setTimeout(fn, ms) });
  const off = connectWorker({ send: vi.fn((c: Command) => { sent.push(c); host.handle(c); }), terminate: vi.fn() });
  const offAck = useStore.subscribe((s, p) => { if (s.snapshot !== p.snapshot) queueMicrotask(() => host.handle({ type: 'ack' })); });
  disconnect = () => {
    alive = false;
    offAck();
    off();
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  resetStore();
  resetTrajectory();
  sent = [];
  connect();
});

afterEach(() => {
  unwatch();
  disconnect();
  vi.useRealTimers();
});

describe('the hidden-state space store', () => {
  it('asks once there is a run; the default run shows the steps that answer, coloured by target', async () => {
    unwatch = watchTrajectory();
    await settle();
    expect(asked().length).toBe(1);
    expect(asked()[0]!.request.points).toBe('answer'); // meet is many-to-one
    const r = useTrajectoryStore.getState().result!;
    expect(r.points).toBe('answer');
    expect(r.x.length).toBe(r.sequences);
    expect(useTrajectoryStore.getState().color).toBe('target');
  });

  it('new weights ask again, at most every REFRESH_MS', async () => {
    unwatch = watchTrajectory();
    await settle();
    for (let i = 0; i < 5; i++) {
      await step();
    }
    expect(asked().length).toBe(1); // the steps came within REFRESH_MS of the first request
    vi.advanceTimersByTime(REFRESH_MS);
    await settle();
    expect(asked().length).toBe(2);
    expect(useTrajectoryStore.getState().result!.step).toBe(5);
  });

  it('out of view nothing is asked until it comes back; a control changed out of view asks at once', async () => {
    unwatch = watchTrajectory();
    await settle();
    setTrajectoryVisible(false);
    await step();
    vi.advanceTimersByTime(5 * REFRESH_MS);
    await settle();
    expect(asked().length).toBe(1);
    setTrajectoryPoints('all');
    await settle();
    expect(asked().length).toBe(2);
    expect(useTrajectoryStore.getState().result!.points).toBe('all');
    setTrajectoryPoints('nonsense');
    expect(useTrajectoryStore.getState().points).toBe('all');
    await step();
    vi.advanceTimersByTime(5 * REFRESH_MS);
    await settle();
    expect(asked().length).toBe(2);
    setTrajectoryVisible(true);
    await settle();
    expect(asked().length).toBe(3);
  });

  it('in compare mode, the chosen model', async () => {
    useStore.setState((s) => ({ config: { ...s.config, compare: true } }));
    disconnect();
    connect();
    await settle();
    expect(useStore.getState().snapshot!.models.map((m) => m.cell)).toEqual(['rnn', 'lstm', 'gru']);
    unwatch = watchTrajectory();
    await settle();
    expect(useTrajectoryStore.getState().result!.cell).toBe('rnn');
    setTrajectoryModel(2);
    await settle();
    expect(useTrajectoryStore.getState().result!.cell).toBe('gru');
  });
});

describe('stepsReached', () => {
  it('follows a running forward sweep, else the step-through cursor, else every step', () => {
    expect(stepsReached(9, null, null)).toBe(9);
    expect(stepsReached(9, 2, null)).toBe(3);
    expect(stepsReached(9, 20, null)).toBe(9);
    expect(stepsReached(9, 2, { dir: 'forward', done: 5 })).toBe(5);
    expect(stepsReached(9, null, { dir: 'forward', done: 0 })).toBe(0);
    expect(stepsReached(9, null, { dir: 'backward', done: 4 })).toBe(9);
  });
});
