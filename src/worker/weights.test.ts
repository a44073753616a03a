import { describe, expect, it } from 'vitest';
import { createWorkerHost } from './host';
import type { TrainConfig, WorkerEvent } from './protocol';
import { SMALL } from './test-config';
import { createTrainer } from './trainer';

const clock = () => 0;
const example = { kind: 'example', index: 0 } as const;
const cfg: TrainConfig = { ...SMALL, cell: 'rnn', hidden: 4, optimizer: 'sgd', momentum: 0, lr: 0.1, clip: 0, batch: 1 };

describe('the weights panel in the trainer', () => {
  it('lists every tensor at its offset, and no gradient or update before the first step', () => {
    const t = createTrainer(cfg, example, { now: clock });
    const v = t.weights();
    expect(v.tensors.map((x) => x.key)).toEqual(t.lanes[0]!.model.layout.map((e) => e.key));
    const hh = v.tensors.find((x) => x.key === 'rnn.weight_hh_l0')!;
    expect([hh.rows, hh.cols]).toEqual([4, 4]);
    expect(v.tensors.find((x) => x.key === 'fc.bias')!.cols).toBe(1);
    expect(v.params).toEqual(t.lanes[0]!.model.params);
    expect(v.params).not.toBe(t.lanes[0]!.model.params);
    expect(v.grad).toBeNull();
    expect(v.delta).toBeNull();
  });

  it('after a plain SGD step, ΔW = −lr · gradient, and the update is the change of the weights', () => {
    const t = createTrainer(cfg, example, { now: clock });
    const before = new Float64Array(t.lanes[0]!.model.params);
    t.step(1);
    const v = t.weights();
    expect(v.step).toBe(1);
    let moved = 0;
    for (let i = 0; i < v.params.length; i++) {
      expect(v.delta![i]).toBeCloseTo(v.params[i]! - before[i]!, 14);
      expect(v.delta![i]).toBeCloseTo(-0.1 * v.grad![i]!, 14);
      if (v.delta![i] !== 0) moved++;
    }
    expect(moved).toBeGreaterThan(v.params.length / 2);
  });

  it('sets one weight: the forward pass of the shown sequence changes, the gradient trail is dropped, training goes on', () => {
    const t = createTrainer(cfg, example, { now: clock });
    t.step(2);
    const probs = Float64Array.from(t.snapshot().models[0]!.probs!);
    const hh = t.weights().tensors.find((x) => x.key === 'rnn.weight_hh_l0')!;
    const old = t.weights().params[hh.offset + 1 * hh.cols + 2]!;
    expect(t.setWeight('rnn.weight_hh_l0', 1, 2, 3.5)).toBe(old);
    const v = t.weights();
    expect(v.params[hh.offset + 1 * hh.cols + 2]).toBe(3.5);
    expect(v.grad).toBeNull();
    expect(t.snapshot().models[0]!.probs).not.toEqual(probs);
    t.step(1);
    expect(t.weights().step).toBe(3);
    expect(t.weights().grad).not.toBeNull();
    // putting the old value back gives the old forward pass
    const u = createTrainer(cfg, example, { now: clock });
    u.step(2);
    u.setWeight('rnn.weight_hh_l0', 1, 2, 3.5);
    u.setWeight('rnn.weight_hh_l0', 1, 2, old);
    expect(u.snapshot().models[0]!.probs).toEqual(probs);
  });

  it('refuses an unknown tensor, an entry out of range or a value that is not a sensible number, changing nothing', () => {
    const t = createTrainer(cfg, example, { now: clock });
    const p = Float64Array.from(t.lanes[0]!.model.params);
    expect(() => t.setWeight('rnn.weight_hh_l9', 0, 0, 1)).toThrow(/no parameter/);
    expect(() => t.setWeight('rnn.weight_hh_l0', 4, 0, 1)).toThrow(/no entry/);
    expect(() => t.setWeight('fc.bias', 0, 1, 1)).toThrow(/no entry/);
    expect(() => t.setWeight('fc.bias', 0, 0, Number.NaN)).toThrow(/finite/);
    expect(() => t.setWeight('fc.bias', 0, 0, 1e9)).toThrow(/within/);
    expect(t.lanes[0]!.model.params).toEqual(p);
  });

  it('answers weights and set-weight through the host; a bad edit becomes an error event', () => {
    const events: WorkerEvent[] = [];
    const host = createWorkerHost((e) => events.push(e), { now: clock, soon: (f) => f(), later: () => undefined });
    host.handle({ type: 'init', config: cfg, inspect: example });
    host.handle({ type: 'set-weight', key: 'fc.bias', row: 2, col: 0, value: -1.25 });
    const set = events.find((e) => e.type === 'weight-set');
    expect(set).toMatchObject({ type: 'weight-set', model: 0, key: 'fc.bias', row: 2, col: 0, value: -1.25, undo: false });
    host.handle({ type: 'weights' });
    const w = events.find((e) => e.type === 'weights');
    if (w?.type !== 'weights') throw new Error('no weights event');
    const fcb = w.view.tensors.find((x) => x.key === 'fc.bias')!;
    expect(w.view.params[fcb.offset + 2]).toBe(-1.25);
    host.handle({ type: 'set-weight', key: 'fc.bias', row: 99, col: 0, value: 1 });
    expect(events[events.length - 1]).toMatchObject({ type: 'error' });
  });
});

describe('one ReLU unit with W_hh set by hand (the vanishing chapter\'s last beats)', () => {
  it('each step back multiplies ‖∂L_t/∂h_k‖ by w exactly: 0.5 vanishes, 1.5 explodes', () => {
    const one: TrainConfig = { ...SMALL, task: 'charlm', cell: 'rnn', hidden: 1, nonlinearity: 'relu', seqLength: 25 };
    const t = createTrainer(one, example, { now: clock });
    t.setWeight('rnn.bias_ih_l0', 0, 0, 1);
    for (const w of [0.5, 1.5]) {
      t.setWeight('rnn.weight_hh_l0', 0, 0, w);
      const m = t.snapshot({ running: false }).models[0]!;
      const T = m.T;
      const flow = m.flow!;
      const last = T - 1;
      for (let k = last; k > last - 10; k--) {
        expect(flow[last * T + k - 1]! / flow[last * T + k]!).toBeCloseTo(w, 10);
      }
    }
  });
});
