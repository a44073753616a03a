import { describe, expect, it } from 'vitest';
import { createModel, ModelFileError, parseModelFile, toStateDict } from '../engine';
import { overBudget, runCost, VOCAB_MAX } from '../engine/limits';
import { BASE } from './test-config';
import { clampConfig } from './config';
import { adoptModel, withinBudget } from './modelFile';
import { taskFor } from './trainer';
import { createWorkerHost } from './host';
import type { TrainConfig, WorkerEvent } from './protocol';

function codeOf(f: () => unknown): { code: string; params: Record<string, unknown> } | null {
  try { f(); } catch (e) { if (e instanceof ModelFileError) return { code: e.code, params: e.params }; throw e; }
  return null;
}

/** A state dict whose shapes are right but whose rows all share one list (cheap to build at any size). */
function rnnFile(V: number, H: number): Record<string, unknown> {
  const rows = (n: number, cols: number) => new Array(n).fill(new Array(cols).fill(0));
  return {
    state_dict: {
      'rnn.weight_ih_l0': rows(H, V), 'rnn.weight_hh_l0': rows(H, H), 'rnn.bias_ih_l0': new Array(H).fill(0),
      'rnn.bias_hh_l0': new Array(H).fill(0), 'fc.weight': rows(V, H), 'fc.bias': new Array(V).fill(0),
    },
  };
}

describe('model files past the limits are turned away by their shapes', () => {
  it('a million-token vocabulary', () => {
    const r = codeOf(() => parseModelFile(rnnFile(1_000_000, 1)));
    expect(r).toMatchObject({ code: 'import.error.vocabLimit', params: { max: VOCAB_MAX, actual: 1_000_000 } });
  });

  it('a vocabulary list longer than the limit', () => {
    const f = rnnFile(5, 2);
    f.vocab = Array.from({ length: VOCAB_MAX + 1 }, (_, i) => `t${i}`);
    expect(codeOf(() => parseModelFile(f))?.code).toBe('import.error.vocabLimit');
  });

  it('more hidden units than the page allows', () => {
    expect(codeOf(() => parseModelFile(rnnFile(5, 300)))).toMatchObject({ code: 'import.error.limit', params: { field: 'hidden', actual: 300 } });
  });

  it('a file of more numbers than any acceptable model holds', () => {
    expect(codeOf(() => parseModelFile(rnnFile(40_000, 200)))?.code).toBe('import.error.tooLarge');
  });

  it('a file within the limits still reads', () => {
    expect(codeOf(() => parseModelFile(rnnFile(7, 3)))).toBeNull();
  });
});

describe('a loaded model and the run\'s budget', () => {
  const cfg: TrainConfig = { ...BASE, cell: 'rnn', hidden: 8, batch: 8 };

  it('50 000 tokens with a few units load as they are', () => {
    expect(withinBudget(cfg, VOCAB_MAX)).toEqual(cfg);
  });

  it('too many weights are refused, naming the limit', () => {
    expect(codeOf(() => withinBudget({ ...cfg, hidden: 64 }, VOCAB_MAX))?.code).toBe('import.error.paramLimit');
    expect(codeOf(() => withinBudget(cfg, VOCAB_MAX + 1))?.code).toBe('import.error.vocabLimit');
  });

  it('a batch too large for the vocabulary is lowered until a step fits', () => {
    const big = { ...cfg, hidden: 16, batch: 64 };
    const out = withinBudget(big, 20_000);
    expect(out.batch).toBeLessThan(64);
    expect(out.batch).toBeGreaterThan(1);
    expect(overBudget(runCost({ ...out, vocab: 20_000 }))).toBeNull();
    // and the trainer holds later settings to the same budget for the model in place
    expect(clampConfig({ ...out, batch: 64 }, 20_000).batch).toBe(out.batch);
  });
});

describe('a file whose weights give no finite loss', () => {
  it('is turned away (it could only diverge, and restore would return to it)', () => {
    const cfg: TrainConfig = { ...BASE, cell: 'rnn', hidden: 4 };
    const task = taskFor(cfg);
    const V = task.vocab.length;
    const model = createModel({ cell: 'rnn', inputSize: V, hiddenSize: 4, outputSize: V });
    model.params.forEach((_, i) => { model.params[i] = (Math.sin(i * 12.9898) > 0 ? 1 : -1) * 1e300; });
    expect(codeOf(() => adoptModel(cfg, task, { config: model.config, stateDict: toStateDict(model), vocab: null }))?.code).toBe('import.error.nonFinite');
    model.params.fill(0.01);
    expect(codeOf(() => adoptModel(cfg, task, { config: model.config, stateDict: toStateDict(model), vocab: null }))).toBeNull();
  });
});

describe('a file made for another task', () => {
  it('is loaded on the character model with the share of the text\'s characters it knows', () => {
    const events: WorkerEvent[] = [];
    const host = createWorkerHost((e) => events.push(e), { soon: () => {}, later: () => {} });
    host.handle({ type: 'init', config: { ...BASE, cell: 'rnn', hidden: 4 }, inspect: { kind: 'example', index: 0 } });
    const textVocab = host.trainer!.task.vocab;
    // the memory task's symbols, as the recall checkpoint has them
    const vocab = ['A', 'B', 'C', 'D', '.', '-', '?', '\uFFFD'];
    const model = createModel({ cell: 'rnn', inputSize: vocab.length, hiddenSize: 4, outputSize: vocab.length });
    model.params.fill(0.01);
    host.handle({ type: 'load-model-params', config: model.config, params: model.params, vocab });
    const answer = events.find((e) => e.type === 'load-model');
    expect(answer).toMatchObject({ ok: true });
    const known = (answer as unknown as { params: { known: number } }).params.known;
    expect(known).toBe(Math.round((100 * textVocab.filter((c) => vocab.includes(c)).length) / textVocab.length));
    expect(known).toBeLessThan(50);
  });
});
