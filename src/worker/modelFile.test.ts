import { describe, expect, it } from 'vitest';
import { parseModelText } from '../engine';
import { createWorkerHost } from './host';
import type { WorkerEvent } from './protocol';
import { SMALL } from './test-config';
import { createTrainer } from './trainer';

const clock = () => 0;

describe('model files in the trainer', () => {
  it('exports the weights and loads them into another run: same weights, the step they were reached at, loss known at once', () => {
    const a = createTrainer(SMALL, { kind: 'example', index: 0 }, { now: clock });
    a.step(20);
    const out = a.exportModel();
    expect(out).toMatchObject({ type: 'model', cell: 'lstm', task: 'charlm', step: 20 });
    const file = parseModelText(out.json);
    const b = createTrainer({ ...SMALL, cell: 'gru', hidden: 7, seed: 9 }, { kind: 'example', index: 0 }, { now: clock });
    const cfg = b.loadModel(file);
    expect(cfg).toMatchObject({ cell: 'lstm', hidden: 12, layers: 1 });
    expect(b.lanes[0]!.model.params).toEqual(a.lanes[0]!.model.params);
    const snap = b.snapshot();
    expect(file.step).toBe(20);
    expect(snap.models[0]!.step).toBe(20);
    expect(Number.isFinite(snap.models[0]!.loss)).toBe(true);
    expect(snap.models[0]!.probs).toEqual(a.snapshot().models[0]!.probs);
    b.step(3); // trains on from the loaded weights
    expect(b.lanes[0]!.step).toBe(23);
  });

  it('reads the user text with the file vocabulary order on the char model', () => {
    const a = createTrainer(SMALL, { kind: 'example', index: 0 }, { now: clock });
    const file = parseModelText(a.exportModel().json);
    const b = createTrainer({ ...SMALL, text: 'the cat sat on the mat, the end. 猫' }, { kind: 'text', text: 'the mat 猫' }, { now: clock });
    b.loadModel(file);
    expect(b.task.vocab).toEqual(file.vocab);
    const snap = b.snapshot();
    const id = (c: string) => file.vocab!.indexOf(c);
    expect(snap.models[0]!.inputs.slice(0, 3)).toEqual([id('t'), id('h'), id('e')]);
    expect(snap.models[0]!.targets[snap.models[0]!.targets.length - 1]).toBe(id('\uFFFD'));
    expect(snap.vocab).toEqual(file.vocab);
  });

  it('rejects a misfit with a named error and keeps the model', () => {
    const a = createTrainer(SMALL, { kind: 'example', index: 0 }, { now: clock });
    const file = parseModelText(a.exportModel().json);
    const recall = createTrainer({ ...SMALL, task: 'recall' }, { kind: 'example', index: 0 }, { now: clock });
    recall.step(2);
    const before = Float64Array.from(recall.lanes[0]!.model.params);
    expect(() => recall.loadModel(file)).toThrow(expect.objectContaining({ code: 'import.error.vocabMismatch' }));
    expect(() => recall.loadModel({ ...file, vocab: null })).toThrow(expect.objectContaining({ code: 'import.error.taskVocab' }));
    expect(recall.lanes[0]!.model.params).toEqual(before);
    expect(recall.lanes[0]!.step).toBe(2);
  });

  it('in compare mode replaces the lane of the file cell, same sizes only', () => {
    const a = createTrainer({ ...SMALL, cell: 'gru' }, { kind: 'example', index: 0 }, { now: clock });
    const file = parseModelText(a.exportModel().json);
    const c = createTrainer({ ...SMALL, compare: true }, { kind: 'example', index: 0 }, { now: clock });
    c.loadModel(file);
    expect(c.lanes.map((l) => l.cell)).toEqual(['rnn', 'lstm', 'gru']);
    expect(c.lanes[2]!.model.params).toEqual(a.lanes[0]!.model.params);
    const d = createTrainer({ ...SMALL, compare: true, hidden: 5 }, { kind: 'example', index: 0 }, { now: clock });
    expect(() => d.loadModel(file)).toThrow(expect.objectContaining({ code: 'import.error.compare' }));
  });

  it('answers load-model and export-model through the host', () => {
    const events: WorkerEvent[] = [];
    const host = createWorkerHost((e) => events.push(e), { now: clock, soon: (f) => f(), later: () => undefined });
    host.handle({ type: 'init', config: SMALL, inspect: { kind: 'example', index: 0 } });
    host.handle({ type: 'export-model' });
    const model = events.find((e) => e.type === 'model');
    if (model?.type !== 'model') throw new Error('no model event');
    const file = parseModelText(model.json);
    host.handle({ type: 'load-model', ...file });
    expect(events.find((e) => e.type === 'load-model')).toMatchObject({ ok: true, code: 'import.loaded', settings: { cell: 'lstm', hidden: 12 } });
    host.handle({ type: 'load-model', ...file, stateDict: { ...file.stateDict, 'fc.bias': [1] } });
    expect(events.filter((e) => e.type === 'load-model')[1]).toMatchObject({ ok: false, code: 'import.error.format' });
  });
});
