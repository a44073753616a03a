import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command, HistoryChunk, ModelSnapshot, Snapshot } from '../worker/protocol';
import {
  applyUrlState, connectWorker, handleWorkerEvent, pause, play, reset, restore, select, setConfig, setInspect,
  setLayer, stepOnce, togglePlay, toUrlState, useStore, resetStore, dismissNotice, DEFAULT_CONFIG, TEXT_CAP,
} from './index';
import { requestGradCheck, rescaleRecurrent } from './actions';
import { appendHistory, emptyHistory } from './history';
import { parseUrl, formatUrl } from './url';

function fakeClient() {
  const sent: Command[] = [];
  const client = { send: vi.fn((c: Command) => { sent.push(c); }), terminate: vi.fn() };
  return { client, sent };
}

function chunk(from: number, n: number, loss = 2): HistoryChunk {
  const step = Float64Array.from({ length: n }, (_, i) => from + i);
  return { step, loss: new Float64Array(n).fill(loss), gradNorm: new Float64Array(n).fill(1), clippedNorm: new Float64Array(n).fill(1) };
}

function snapshot(step: number, history: HistoryChunk[], running = true, diverged: Snapshot['diverged'] = null): Snapshot {
  const model = { step, loss: 3 } as unknown as ModelSnapshot;
  return {
    run: 1, models: [model], history, shape: 'many-to-many', vocab: ['a'], answers: 1, tokenKind: 'char', examples: [], running, stepsPerSecond: 120,
    diverged, stopped: null, inspectError: null,
  };
}

let disconnect: () => void = () => {};
let sent: Command[] = [];
let client: ReturnType<typeof fakeClient>['client'];

beforeEach(() => {
  disconnect();
  resetStore();
  ({ client, sent } = fakeClient());
  disconnect = connectWorker(client);
});

describe('actions send commands and update the store', () => {
  it('connecting sends init with the current config', () => {
    expect(sent[0]).toEqual({ type: 'init', config: DEFAULT_CONFIG, inspect: { kind: 'example', index: 0 } });
  });

  it('gradient check and rescale name the compared model only when one is chosen', () => {
    requestGradCheck('rnn.weight_hh_l0', 2, 1);
    requestGradCheck('rnn.weight_hh_l0', 2, 1, 2);
    rescaleRecurrent(0, 0.8, 'f', 1);
    expect(sent.slice(-3)).toEqual([
      { type: 'grad-check', key: 'rnn.weight_hh_l0', row: 2, col: 1 },
      { type: 'grad-check', key: 'rnn.weight_hh_l0', row: 2, col: 1, model: 2 },
      { type: 'rescale-recurrent', layer: 0, sigmaMax: 0.8, block: 'f', model: 1 },
    ]);
  });

  it('play, pause, toggle, step', () => {
    play();
    expect(useStore.getState().running).toBe(true);
    togglePlay();
    expect(useStore.getState().running).toBe(false);
    play();
    stepOnce();
    expect(sent.slice(1).map((c) => c.type)).toEqual(['play', 'pause', 'play', 'pause', 'step']);
    pause();
    expect(useStore.getState().running).toBe(false);
  });

  it('setConfig clamps out-of-range numbers and never sends NaN', () => {
    setConfig({ lr: Number.NaN });
    expect(client.send).toHaveBeenCalledTimes(1);
    expect(useStore.getState().notices[0]).toMatchObject({ key: 'notice.input.invalid', params: { name: 'lr' } });
    setConfig({ lr: 1000, hidden: 100000 });
    const last = sent[sent.length - 1];
    expect(last).toMatchObject({ type: 'set-config', config: { lr: 1000, hidden: 256 } });
    setConfig({ lr: 1000 });
    expect(client.send).toHaveBeenCalledTimes(2);
  });

  it('caps the user text and says so', () => {
    setConfig({ text: 'ab'.repeat(TEXT_CAP) });
    expect(useStore.getState().config.text.length).toBe(TEXT_CAP);
    const keys = useStore.getState().notices.map((n) => n.key);
    expect(keys).toEqual(['notice.text.capped', 'notice.text.linkTooLong']);
    dismissNotice();
    expect(useStore.getState().notices).toEqual([]);
  });

  it('divergence pauses; restore and reset recover', () => {
    play();
    // the worker answers the play, then says at once that it stopped, and its next snapshot says why
    handleWorkerEvent({ type: 'running', running: true, step: 0 });
    expect(useStore.getState().running).toBe(true);
    handleWorkerEvent({ type: 'running', running: false, step: 12 });
    expect(useStore.getState()).toMatchObject({ running: false, diverged: null });
    handleWorkerEvent({ type: 'snapshot', snapshot: snapshot(9, [], false, { cause: 'non-finite-loss', step: 12, restoredStep: 9 }) });
    expect(useStore.getState()).toMatchObject({ running: false, diverged: { cause: 'non-finite-loss', step: 12, restoredStep: 9 } });
    restore();
    expect(useStore.getState().diverged).toBeNull();
    handleWorkerEvent({ type: 'snapshot', snapshot: snapshot(0, [], false, { cause: 'loss-above-chance', step: 50, restoredStep: 0 }) });
    expect(useStore.getState().diverged?.cause).toBe('loss-above-chance');
    reset();
    expect(useStore.getState().diverged).toBeNull();
    expect(sent.slice(-2).map((c) => c.type)).toEqual(['restore', 'reset']);
  });

  it('snapshots feed the trace and bounded histories', () => {
    handleWorkerEvent({ type: 'snapshot', snapshot: snapshot(10, [chunk(1, 10)]) });
    let s = useStore.getState();
    expect(s.snapshot?.models[0].step).toBe(10);
    expect(s.histories[0].step).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.stepsPerSecond).toBe(120);
    handleWorkerEvent({ type: 'snapshot', snapshot: snapshot(15, [chunk(11, 5)], false) });
    s = useStore.getState();
    expect(s.histories[0].step.length).toBe(15);
    expect(s.running).toBe(false);
    handleWorkerEvent({ type: 'snapshot', snapshot: snapshot(15, [], false, { cause: 'non-finite-weight', step: 15, restoredStep: 14 }) });
    expect(useStore.getState().diverged).toEqual({ cause: 'non-finite-weight', step: 15, restoredStep: 14 });
  });

  it('a snapshot of a new run (settings that rebuilt it, a reset) empties the histories at once', () => {
    handleWorkerEvent({ type: 'snapshot', snapshot: snapshot(10, [chunk(1, 10)]) });
    expect(useStore.getState().histories[0].step.length).toBe(10);
    handleWorkerEvent({ type: 'snapshot', snapshot: { ...snapshot(0, [], false), run: 2 } });
    expect(useStore.getState().histories[0].step).toEqual([]);
    handleWorkerEvent({ type: 'snapshot', snapshot: { ...snapshot(3, [chunk(1, 3)]), run: 2 } });
    expect(useStore.getState().histories[0].step).toEqual([1, 2, 3]);
  });

  it('a snapshot sent before a pause arrived does not flip the Play button back', () => {
    play();
    pause();
    handleWorkerEvent({ type: 'snapshot', snapshot: snapshot(3, [], true) });
    expect(useStore.getState().running).toBe(false);
    vi.useFakeTimers();
    vi.advanceTimersByTime(2000);
    handleWorkerEvent({ type: 'snapshot', snapshot: snapshot(4, [], true) });
    vi.useRealTimers();
    expect(useStore.getState().running).toBe(true);
  });

  it('inspection: examples and sentences (empty is refused)', () => {
    setInspect({ kind: 'text', text: '   ' });
    expect(useStore.getState().inspect).toEqual({ kind: 'example', index: 0 });
    setInspect({ kind: 'text', text: '你好 🙂' });
    expect(sent[sent.length - 1]).toEqual({ type: 'set-inspect', inspect: { kind: 'text', text: '你好 🙂' } });
  });

  it('layer is clamped to the model', () => {
    setLayer(5);
    expect(useStore.getState().layer).toBe(0);
  });

  it('URL state: store → link → store is the same', () => {
    setConfig({ cell: 'gru', lr: 0.02, seed: 7 });
    setInspect({ kind: 'text', text: 'hello' });
    select(3, 2);
    const q = formatUrl(toUrlState(useStore.getState(), 'en'));
    // selected step index 3, unit index 2: the page calls them step 4, unit 3, and so does the link
    expect(q).toBe('cell=gru&lr=0.02&seed=7&sentence=hello&step=4&unit=3');
    const before = toUrlState(useStore.getState(), 'en');
    resetStore();
    const { state, notices } = parseUrl(`?${q}`, '');
    applyUrlState(state, 'en', notices);
    expect(toUrlState(useStore.getState(), 'en')).toEqual(before);
  });
});

describe('bounded history', () => {
  it('stays within capacity by thinning, keeps the newest point', () => {
    let h = emptyHistory();
    for (let i = 0; i < 100; i++) h = appendHistory(h, chunk(i * 10 + 1, 10), 64);
    expect(h.step.length).toBeLessThanOrEqual(64);
    expect(h.step[h.step.length - 1]).toBe(1000);
    expect(h.step.every((x, i) => i === 0 || x > h.step[i - 1])).toBe(true);
  });

  it('a chunk that starts over (reset) drops the old run', () => {
    const h = appendHistory(appendHistory(emptyHistory(), chunk(1, 5)), chunk(1, 3));
    expect(h.step).toEqual([1, 2, 3]);
  });
});
