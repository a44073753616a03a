import { describe, expect, it } from 'vitest';
import { createModel, createRng, forward, oneHotRows } from '../engine';
import { createTask } from '../engine/tasks';
import { MAX_SAMPLE, sampleText } from './tools';

describe('sampleText (through the engine’s generate)', () => {
  const task = createTask('charlm', { lag: 3, corpus: 'en' });
  const V = task.vocab.length;
  const model = createModel({ cell: 'lstm', inputSize: V, hiddenSize: 8, outputSize: V, seed: 4 });

  it('greedy: each token is the argmax after the prime and the tokens before it', () => {
    const out = sampleText(model, task, createRng(1), { length: 12, temperature: 0, topK: 0, prime: 'Alice' });
    expect(out.tokens).toHaveLength(12);
    const prime = Array.from('Alice').map((ch) => task.vocab.indexOf(ch));
    const seq = [...prime];
    for (const tok of out.tokens) {
      const logits = Array.from(forward(model, oneHotRows(seq, V)).steps.at(-1)!.logits);
      expect(tok).toBe(logits.indexOf(Math.max(...logits)));
      seq.push(tok);
    }
    expect(out.text).toBe(out.tokens.map((id) => task.vocab[id]).join(''));
  });

  it('seeded: the same seed gives the same text; top-k 1 is greedy; the length is capped', () => {
    const o = { length: 40, temperature: 1, topK: 0, prime: 'The ' };
    expect(sampleText(model, task, createRng(7), o).tokens).toEqual(sampleText(model, task, createRng(7), o).tokens);
    expect(sampleText(model, task, createRng(7), { ...o, topK: 1 }).tokens)
      .toEqual(sampleText(model, task, createRng(99), { ...o, temperature: 0 }).tokens);
    expect(sampleText(model, task, createRng(1), { ...o, length: 1e9 }).tokens).toHaveLength(MAX_SAMPLE);
    // a prime with nothing from the vocabulary starts from the first example's first token
    expect(sampleText(model, task, createRng(1), { ...o, prime: '⛄' }).tokens).toHaveLength(40);
  });
});
