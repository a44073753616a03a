import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { createCopyTask, COPY_PATTERN_LENGTH } from './copy';
import { createParityTask } from './parity';
import { createRecallTask, RECALL_SYMBOLS } from './recall';
import { createSpellTask, SPELL_WORDS } from './spell';

describe('memory tasks put the clue exactly `lag` steps before the cue', () => {
  it('recall: symbol at 0, lag distractors, cue at lag + 1 whose target is the symbol', () => {
    for (const lag of [0, 1, 7, 25, 60]) {
      const task = createRecallTask({ lag });
      const rng = createRng(lag);
      for (let i = 0; i < 100; i++) {
        const ex = task.sample(rng);
        expect(ex.inputs.length).toBe(lag + 2);
        expect(ex.inputs[0]).toBeLessThan(RECALL_SYMBOLS.length);
        for (const x of ex.inputs.slice(1, -1)) expect(x).toBeGreaterThanOrEqual(RECALL_SYMBOLS.length);
        expect(task.vocab[ex.inputs[lag + 1]!]).toBe('?');
        expect(ex.targets[lag + 1]).toBe(ex.inputs[0]);
      }
      expect(task.examples.map((e) => e.targets[lag + 1])).toEqual([0, 1, 2, 3]);
    }
  });

  it('copy: pattern, lag blanks, then the pattern as targets', () => {
    for (const lag of [0, 5, 20]) {
      const task = createCopyTask({ lag });
      const k = COPY_PATTERN_LENGTH;
      const ex = task.sample(createRng(9));
      expect(ex.inputs.length).toBe(2 * k + lag);
      for (let i = 0; i < k; i++) {
        expect(ex.targets[i]).toBe(-1);
        expect(ex.targets[k + lag + i]).toBe(ex.inputs[i]);
      }
      expect(ex.inputs.slice(k, k + lag).every((x) => task.vocab[x] === '_')).toBe(true);
      expect(ex.targets.slice(0, k + lag).every((y) => y === -1)).toBe(true);
    }
  });

  it('parity: lag + 1 bits then the cue; target is the XOR', () => {
    const task = createParityTask({ lag: 6 });
    const rng = createRng(4);
    for (let i = 0; i < 100; i++) {
      const ex = task.sample(rng);
      expect(ex.inputs.length).toBe(8);
      const bits = ex.inputs.slice(0, -1);
      expect(bits.every((b) => b === 0 || b === 1)).toBe(true);
      expect(ex.targets[7]).toBe(bits.reduce((a, b) => a ^ b, 0));
    }
  });

  it('spell: a word at step 0, blanks, then its letters and the end token', () => {
    const task = createSpellTask({ lag: 0 });
    SPELL_WORDS.forEach((word, w) => {
      const ex = task.examples[w]!;
      expect(task.vocab[ex.inputs[0]!]).toBe(word);
      expect(ex.inputs.slice(1).every((x) => task.vocab[x] === '_')).toBe(true);
      expect(ex.targets.map((y) => task.vocab[y]).join('')).toBe(`${word}<end>`);
    });
  });
});

describe('memory tasks: encode', () => {
  it('recall', () => {
    const task = createRecallTask({ lag: 4 });
    const one = task.encode('c');
    if ('error' in one) throw new Error(one.error);
    expect(one.inputs.length).toBe(6);
    expect(one.targets[5]).toBe(task.vocab.indexOf('C'));
    const full = task.encode('B x y ?');
    if ('error' in full) throw new Error(full.error);
    expect(full.inputs.map((i) => task.vocab[i]).join('')).toBe('Bxy?');
    expect(full.targets).toEqual([-1, -1, -1, task.vocab.indexOf('B')]);
    expect(task.encode('Q')).toEqual({ error: 'task.error.badSymbol' });
    expect(task.encode('x y')).toEqual({ error: 'task.error.noKnownToken' });
  });

  it('copy, parity, spell', () => {
    const copy = createCopyTask({ lag: 2 });
    const c = copy.encode('abd');
    if ('error' in c) throw new Error(c.error);
    expect(c.targets.slice(5).map((y) => copy.vocab[y]).join('')).toBe('ABD');
    expect(copy.encode('AZ')).toEqual({ error: 'task.error.badSymbol' });
    const parity = createParityTask({ lag: 2 });
    const p = parity.encode('1 1 1');
    if ('error' in p) throw new Error(p.error);
    expect(p.targets[3]).toBe(1);
    expect(parity.encode('102')).toEqual({ error: 'task.error.badSymbol' });
    expect(parity.encode('?')).toEqual({ error: 'task.error.noKnownToken' });
    const spell = createSpellTask({ lag: 0 });
    expect('error' in spell.encode(' Lunch ')).toBe(false);
    expect(spell.encode('pizza')).toEqual({ error: 'task.error.unknownWord' });
  });
});
