import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { CHARLM_MAX_TEXT, CHARLM_UNK, charVocab, createCharLmTask, takeCodePoints } from './charlm';
import { CORPUS_EN } from './corpus-en';
import { CORPUS_ZH } from './corpus-zh';

describe('charlm', () => {
  it('built-in corpora: sizes, and targets are the next character', () => {
    expect(CORPUS_EN.length).toBeGreaterThan(15_000);
    expect(new TextEncoder().encode(CORPUS_ZH).length).toBeGreaterThan(15_000);
    for (const corpus of ['en', 'zh'] as const) {
      const task = createCharLmTask({ lag: 0, corpus });
      expect(task.vocab.length).toBeLessThanOrEqual(257);
      expect(task.vocab[task.vocab.length - 1]).toBe(CHARLM_UNK);
      expect(task.emptyTextFallback).toBe(false);
      const rng = createRng(1);
      for (let i = 0; i < 100; i++) {
        const ex = task.sample(rng);
        expect(ex.inputs.length).toBe(25);
        expect(ex.inputs.slice(1)).toEqual(ex.targets.slice(0, -1));
      }
    }
    const en = createCharLmTask({ lag: 0 });
    expect(en.examples[0]!.inputs.map((i) => en.vocab[i]).join('')).toBe(CORPUS_EN.slice(0, 25));
  });

  it('vocabulary is sorted by code point, capped by frequency, deterministic', () => {
    const v = charVocab(Array.from('cabbage🙂'));
    expect(v).toEqual(['a', 'b', 'c', 'e', 'g', '🙂', CHARLM_UNK]);
    const many = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x4e00 + i));
    const text = [...many, ...many.slice(0, 10), ...many.slice(0, 10)];
    const capped = charVocab(text, 256);
    expect(capped.length).toBe(257);
    for (const c of many.slice(0, 10)) expect(capped).toContain(c);
  });

  it('trains on the user text: emoji and Chinese are single tokens', () => {
    const text = '我爱你🙂! I ❤️ RNNs 👩‍👩‍👧 深夜咖啡'.repeat(20);
    const task = createCharLmTask({ lag: 0, text, seqLength: 12 });
    expect(task.truncated).toBe(false);
    expect(task.emptyTextFallback).toBe(false);
    expect(task.vocab).toContain('🙂');
    expect(task.vocab).toContain('爱');
    for (const tok of task.vocab) expect(Array.from(tok).length).toBe(1);
    const ex = task.sample(createRng(5));
    expect(ex.inputs.length).toBe(12);
    const round = task.examples[0]!.inputs.map((i) => task.vocab[i]).join('');
    expect(round).toBe(Array.from(text).slice(0, 12).join(''));
    const enc = task.encode('爱🙂x');
    if ('error' in enc) throw new Error(enc.error);
    expect(enc.inputs).toEqual([task.vocab.indexOf('爱'), task.vocab.indexOf('🙂')]);
    expect(enc.targets).toEqual([task.vocab.indexOf('🙂'), task.vocab.indexOf(CHARLM_UNK)]);
  });

  it('empty or one-character text falls back to the built-in corpus with a flag', () => {
    for (const text of ['', '   ', 'a']) {
      const task = createCharLmTask({ lag: 0, text });
      expect(task.emptyTextFallback).toBe(text !== '');
      expect(task.vocab).toEqual(createCharLmTask({ lag: 0 }).vocab);
    }
    expect(createCharLmTask({ lag: 0, text: '', corpus: 'zh' }).vocab).toContain('月');
  });

  it('short text shortens the span', () => {
    const task = createCharLmTask({ lag: 0, text: 'abc', seqLength: 25 });
    const ex = task.sample(createRng(1));
    expect(ex.inputs.map((i) => task.vocab[i]).join('')).toBe('ab');
    expect(ex.targets.map((i) => task.vocab[i]).join('')).toBe('bc');
  });

  it('huge text is capped at 200 000 characters with a flag', () => {
    const huge = '🙂ab'.repeat(100_000); // 300 000 code points, 400 000 UTF-16 units
    const task = createCharLmTask({ lag: 0, text: huge });
    expect(task.truncated).toBe(true);
    const { chars, truncated } = takeCodePoints(huge, CHARLM_MAX_TEXT);
    expect(truncated).toBe(true);
    expect(chars.length).toBe(CHARLM_MAX_TEXT);
    expect(chars.every((c) => c === '🙂' || c === 'a' || c === 'b')).toBe(true);
    expect(takeCodePoints('🙂'.repeat(10), 10)).toEqual({ chars: Array(10).fill('🙂'), truncated: false });
    expect(takeCodePoints('🙂'.repeat(11), 10).truncated).toBe(true);
    const rng = createRng(2);
    for (let i = 0; i < 20; i++) expect(task.sample(rng).inputs.length).toBe(25);
  });

  it('encode errors', () => {
    const task = createCharLmTask({ lag: 0 });
    expect(task.encode('')).toEqual({ error: 'task.error.empty' });
    expect(task.encode('a')).toEqual({ error: 'task.error.tooShort' });
    expect(task.encode('🙂')).toEqual({ error: 'task.error.tooShort' });
    expect(task.encode('ЖЖЖ')).toEqual({ error: 'task.error.noKnownToken' });
    const ok = task.encode('Alice');
    expect('error' in ok).toBe(false);
  });
});
