// The neuron explorer's store against a real worker host running in-process: requests only once there
// is a run, one at a time (changes made meanwhile are sent together), a passage replaces the shown one
// only when it can be read, pattern errors, and new weights asking again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerHost } from '../worker/host';
import type { Command } from '../worker/protocol';
import { connectWorker, handleWorkerEvent, resetStore, stepOnce, useStore } from './index';
import {
  applyNeuronText, firstMarkedRun, requestNeuronFeatures, requestNeuronMatch, resetNeurons, setNeuronFind, setNeuronMarked, setNeuronQuantity, setNeuronUnit, useNeuronStore, watchNeurons,
} from './neurons';

let sent: Command[] = [];
let held: Command[] | null = null;
let disconnect: () => void = () => {};
let unwatch: () => void = () => {};
let unack: () => void = () => {};
/** Hands the held neuron requests to the host. */
let release: () => void = () => {};

/** Lets queued worker work run (the host schedules through microtasks here). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

beforeEach(() => {
  resetStore();
  resetNeurons();
  sent = [];
  held = null;
  const host = createWorkerHost((e) => handleWorkerEvent(e), { soon: (fn) => queueMicrotask(fn), later: (fn) => queueMicrotask(fn) });
  disconnect = connectWorker({
    send: vi.fn((c: Command) => {
      sent.push(c);
      if (held && c.type === 'neurons') held.push(c);
      else host.handle(c);
    }),
    terminate: vi.fn(),
  });
  // acknowledge every snapshot, as the page does
  unack = useStore.subscribe((s, p) => { if (s.snapshot !== p.snapshot) queueMicrotask(() => host.handle({ type: 'ack' })); });
  release = () => {
    const h = held ?? [];
    held = null;
    for (const c of h) host.handle(c);
  };
});

afterEach(() => {
  unwatch();
  unack();
  disconnect();
});

const neuronRequests = () => sent.filter((c): c is Extract<Command, { type: 'neurons' }> => c.type === 'neurons');

describe('the neuron explorer store', () => {
  it('asks once the run has a snapshot, and shows the panels’ sequence', async () => {
    unwatch = watchNeurons();
    await settle();
    const snap = useStore.getState().snapshot!;
    expect(snap).not.toBeNull();
    const r = useNeuronStore.getState().result!;
    expect(r.inspected).toBe(true);
    expect(r.tokens.length).toBe(snap.models[0]!.T);
    expect(Array.from(r.values)).toEqual(Array.from(snap.models[0]!.h.subarray(0, r.values.length)));
  });

  it('keeps the shown passage when a new one cannot be read, and takes one that can', async () => {
    unwatch = watchNeurons();
    await settle();
    const before = useNeuronStore.getState().result!;
    applyNeuronText('zzqx qqq');
    await settle();
    expect(useNeuronStore.getState().error?.code).toBe('neurons.error.unknown');
    expect(useNeuronStore.getState().text).toBeNull();
    expect(useNeuronStore.getState().result!.tokens).toEqual(before.tokens);
    const words = before.tokens.slice(0, 3).join(' ');
    applyNeuronText(words);
    await settle();
    expect(useNeuronStore.getState().error).toBeNull();
    expect(useNeuronStore.getState().text).toBe(words);
    expect(useNeuronStore.getState().result!.tokens).toEqual(before.tokens.slice(0, 3));
    expect(useNeuronStore.getState().result!.inspected).toBe(false);
  });

  it('sends one request at a time: changes made meanwhile go out together once it is answered', async () => {
    unwatch = watchNeurons();
    await settle();
    held = [];
    const n0 = neuronRequests().length;
    setNeuronQuantity('a');
    setNeuronFind('(');
    setNeuronFind(useNeuronStore.getState().result!.tokens[0]!);
    expect(neuronRequests().length).toBe(n0 + 1);
    release();
    await settle();
    expect(neuronRequests().length).toBe(n0 + 2);
    const last = neuronRequests().at(-1)!.request;
    expect(last.quantity).toBe('a');
    expect(last.marks).toEqual({ kind: 'pattern', pattern: useNeuronStore.getState().find });
    const r = useNeuronStore.getState().result!;
    expect(r.quantity).toBe('a');
    expect(r.marked).toContain(0);
    expect(r.ranking.length).toBeGreaterThan(0);
  });

  it('a quantity chosen while an earlier request is on its way is kept when that answer arrives', async () => {
    unwatch = watchNeurons();
    await settle();
    held = [];
    const n0 = neuronRequests().length;
    setNeuronFind('(');
    expect(neuronRequests().at(-1)!.request.quantity).toBe('h');
    setNeuronQuantity('a');
    expect(neuronRequests().length).toBe(n0 + 1);
    release();
    await settle();
    expect(useNeuronStore.getState().quantity).toBe('a');
    expect(neuronRequests().at(-1)!.request.quantity).toBe('a');
    expect(useNeuronStore.getState().result!.quantity).toBe('a');
  });

  it('a pattern error is shown with the passage; a drag replaces the pattern; the unit stays within H', async () => {
    unwatch = watchNeurons();
    await settle();
    setNeuronFind('[');
    await settle();
    expect(useNeuronStore.getState().result!.findError).toBe('neurons.error.pattern');
    setNeuronMarked([1, 2]);
    await settle();
    expect(useNeuronStore.getState().find).toBe('');
    expect(useNeuronStore.getState().result!.marked).toEqual([1, 2]);
    setNeuronUnit(10_000);
    expect(useNeuronStore.getState().unit).toBe(useNeuronStore.getState().result!.hidden - 1);
  });

  it('feature and match requests reach the worker and their answers the store (word tasks: a message)', async () => {
    unwatch = watchNeurons();
    await settle();
    requestNeuronMatch(); // nothing marked: nothing sent
    expect(sent.some((c) => c.type === 'neuron-match')).toBe(false);
    requestNeuronFeatures();
    await settle();
    expect(useNeuronStore.getState().featuresPending).toBe(false);
    expect(useNeuronStore.getState().features).toMatchObject({ ok: false, code: 'neurons.features.charOnly' });
    setNeuronMarked([1, 2, 4]);
    await settle();
    requestNeuronMatch();
    await settle();
    const sentMatch = sent.find((c): c is Extract<Command, { type: 'neuron-match' }> => c.type === 'neuron-match')!;
    expect(sentMatch.request.length).toBe(2); // the first run: tokens 2 and 3
    expect(sentMatch.request.pattern.length).toBe(2 * sentMatch.request.units.length);
    expect(useNeuronStore.getState().matches).toMatchObject({ ok: false, code: 'neurons.features.charOnly' });
    expect(firstMarkedRun([3, 4, 5, 7])).toEqual([3, 5]);
    expect(firstMarkedRun([])).toBeNull();
  });

  it('new weights ask again', async () => {
    unwatch = watchNeurons();
    await settle();
    const first = useNeuronStore.getState().result!;
    const n0 = neuronRequests().length;
    stepOnce();
    await settle();
    await new Promise((r) => setTimeout(r, 250));
    await settle();
    expect(neuronRequests().length).toBeGreaterThan(n0);
    expect(Array.from(useNeuronStore.getState().result!.values)).not.toEqual(Array.from(first.values));
  });
});
