// The hidden-state space in the worker: fixed sequences, the targets steps lead to, the path of the
// shown sequence on the same axes as the points, and — on the meet and recall tasks trained for a
// few hundred steps — the points falling into groups by the answer they lead to.
import { describe, expect, it } from 'vitest';
import { forward } from '../engine';
import { createTask } from '../engine/tasks';
import { createWorkerHost } from './host';
import type { TrainConfig, TrajectoryAnswer, TrajectoryPoints, WorkerEvent } from './protocol';
import { BASE } from './test-config';
import { oneHotRows } from '../engine';
import { createTrainer } from './trainer';
import { createTrajectoryCache, fixedSequences, leadingTargets, MIN_SEQUENCES, trajectoryPass } from './trajectory';

type Ok = Extract<TrajectoryAnswer, { ok: true }>;
const ok = (a: TrajectoryAnswer): Ok => {
  if (!a.ok) throw new Error(a.code);
  return a;
};

/** The page's default run (meet, vanilla RNN, 16 units, Adam 0.01, batch 8) and recall at lag 8 on a small GRU. */
const MEET: TrainConfig = { ...BASE, task: 'meet', lag: 3, cell: 'rnn', hidden: 16, lr: 0.01, batch: 8, clip: 1 };
const RECALL: TrainConfig = { ...BASE, task: 'recall', lag: 8, cell: 'gru', hidden: 16, lr: 0.01, batch: 8, clip: 1 };

/** The answer before training and after `steps` optimizer steps, on the same fixed sequences. */
function beforeAfter(cfg: TrainConfig, steps: number, points: TrajectoryPoints): { before: Ok; after: Ok } {
  const t = createTrainer(cfg, { kind: 'example', index: 0 });
  const cache = createTrajectoryCache();
  const shown = t.task.examples[0]!;
  const before = ok(trajectoryPass(t.lanes[0]!.model, 0, t.task, shown, { id: 1, points }, cache));
  t.step(steps);
  const after = ok(trajectoryPass(t.lanes[0]!.model, t.lanes[0]!.step, t.task, shown, { id: 2, points }, cache));
  return { before, after };
}

describe('the fixed sequences and their targets', () => {
  it('a step leads to its own target, else to the next one of its sequence, else none', () => {
    expect(Array.from(leadingTargets({ targets: [-1, -1, 3, -1, 5, -1] }))).toEqual([3, 3, 3, 5, 5, -1]);
    expect(Array.from(leadingTargets({ targets: [-1, -1, 2] }))).toEqual([2, 2, 2]);
  });

  it('are the same every time, and stay within the point budget', () => {
    const task = createTask('meet', { lag: 3, lang: 'en' });
    const a = fixedSequences(task, 4000);
    const b = fixedSequences(task, 4000);
    expect(a.map((e) => e.inputs.join())).toEqual(b.map((e) => e.inputs.join()));
    expect(a.length).toBe(200);
    const small = fixedSequences(task, 50);
    expect(small.length).toBe(MIN_SEQUENCES); // never fewer, even past the budget
    const recall = fixedSequences(createTask('recall', { lag: 40 }), 4000);
    expect(recall.reduce((n, e) => n + e.inputs.length, 0)).toBeLessThanOrEqual(4000);
  });
});

describe('the hidden-state space of a trained model', () => {
  it('meet: the states where the network answers fall into groups by the meal', () => {
    const { before, after } = beforeAfter(MEET, 1000, 'answer');
    expect(after.x.length).toBe(200); // one answer step per sequence
    expect(new Set(after.target).size).toBe(4);
    expect(before.separation.target).toBeLessThan(0.1);
    expect(after.separation.target).toBeGreaterThan(0.8);
    for (const v of [...before.explained, ...after.explained]) expect(v > 0 && v <= 1).toBe(true);
    expect(after.explained[0]).toBeGreaterThanOrEqual(after.explained[1]);
    // the shown path ends among the points of its own answer: its nearest class centre is its target
    const T = after.path.x.length;
    const centre = new Map<number, [number, number, number]>();
    after.target.forEach((c, i) => {
      const s = centre.get(c) ?? [0, 0, 0];
      centre.set(c, [s[0] + after.x[i]!, s[1] + after.y[i]!, s[2] + 1]);
    });
    const dist = (c: number) => { const s = centre.get(c)!; return Math.hypot(s[0] / s[2] - after.path.x[T - 1]!, s[1] / s[2] - after.path.y[T - 1]!); };
    const nearest = [...centre.keys()].sort((a, b) => dist(a) - dist(b))[0];
    expect(nearest).toBe(after.path.target[T - 1]);
  });

  it('recall: every step carries the symbol after training, so all points group by it', () => {
    const { before, after } = beforeAfter(RECALL, 600, 'all');
    expect(after.x.length).toBe(200 * 10);
    expect(before.separation.target).toBeLessThan(0.1);
    expect(after.separation.target).toBeGreaterThan(0.6);
  });

  it('the path is the shown sequence on the same axes: its states, projected like the points', () => {
    const t = createTrainer({ ...MEET, hidden: 6 }, { kind: 'example', index: 0 });
    t.step(20);
    const model = t.lanes[0]!.model;
    const shown = t.task.examples[2]!;
    const a = ok(trajectoryPass(model, 20, t.task, shown, { id: 7, points: 'all' }));
    // the shown sequence is drawn at random too: a point with the same step and inputs so far has the same state
    const seqs = fixedSequences(t.task, 4000);
    const states = forward(model, oneHotRows(shown.inputs, model.config.inputSize)).steps.map((s) => s.layers[0]!.h);
    expect(a.path.x.length).toBe(shown.inputs.length);
    let offset = 0;
    let matched = 0;
    for (const ex of seqs) {
      for (let k = 0; k < ex.inputs.length; k++) {
        if (ex.inputs.slice(0, k + 1).join() === shown.inputs.slice(0, k + 1).join()) {
          expect(a.x[offset + k]).toBeCloseTo(a.path.x[k]!, 4);
          expect(a.y[offset + k]).toBeCloseTo(a.path.y[k]!, 4);
          matched++;
        }
      }
      offset += ex.inputs.length;
    }
    expect(matched).toBeGreaterThan(10);
    expect(states.length).toBe(a.path.x.length);
    expect(Array.from(a.path.token)).toEqual(shown.inputs);
  });

  it('a model whose states are not finite gets a message, not a picture', () => {
    const t = createTrainer(MEET, { kind: 'example', index: 0 });
    const model = t.lanes[0]!.model;
    model.params.fill(Number.NaN);
    const a = trajectoryPass(model, 0, t.task, t.task.examples[0]!, { id: 3, points: 'all' });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.code).toBe('trajectory.error.nonFinite');
  });

  it('the host answers for the model asked for in compare mode (once the code is loaded)', async () => {
    const events: WorkerEvent[] = [];
    // the answer is work in parts: the host needs its turns (soon) to do them
    const host = createWorkerHost((e) => events.push(e), { soon: (fn) => void setTimeout(fn, 0), later: () => {} });
    host.handle({ type: 'init', config: { ...MEET, compare: true, hidden: 8 }, inspect: { kind: 'example', index: 0 } });
    host.handle({ type: 'trajectory', request: { id: 11, model: 1, points: 'all' } });
    await expect.poll(() => events.some((e) => e.type === 'trajectory')).toBe(true);
    const got = events.find((e) => e.type === 'trajectory');
    if (got?.type !== 'trajectory') throw new Error('no answer');
    const a = ok(got.answer);
    expect([a.id, a.cell, a.hidden]).toEqual([11, 'lstm', 8]);
    expect(a.ms).toBeGreaterThanOrEqual(0);
  });
});
