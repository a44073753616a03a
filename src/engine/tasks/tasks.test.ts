import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { labelStart } from './common';
import { createTask, TASK_IDS, TASK_SHAPES } from './index';
import type { Example, Task, TaskId, TaskParams } from './types';

const PARAMS: TaskParams[] = [
  { lag: 0 }, { lag: 3 }, { lag: 17, lang: 'zh', corpus: 'zh' }, { lag: 40, seqLength: 10 },
];

/** −1 exactly where the shape says there is no loss. */
function checkShape(task: Task, ex: Example): void {
  const T = ex.inputs.length;
  expect(T).toBeGreaterThanOrEqual(1);
  expect(ex.targets.length).toBe(T);
  const V = task.vocab.length;
  for (const x of ex.inputs) expect(Number.isInteger(x) && x >= 0 && x < V).toBe(true);
  for (const y of ex.targets) expect(Number.isInteger(y) && y >= -1 && y < V).toBe(true);
  const carries = ex.targets.map((y) => y >= 0);
  if (task.shape === 'many-to-one') {
    expect(carries.slice(0, -1).every((c) => !c)).toBe(true);
    expect(carries[T - 1]).toBe(true);
  } else if (task.shape === 'one-to-many') {
    expect(carries.every(Boolean)).toBe(true);
    // only step 0 reads a real input; every later input is the same blank token
    expect(new Set(ex.inputs.slice(1)).size).toBeLessThanOrEqual(1);
  } else {
    expect(carries.some(Boolean)).toBe(true);
  }
}

describe.each(TASK_IDS.map((id) => [id]))('task %s', (id: TaskId) => {
  it('declares its shape and a consistent vocabulary', () => {
    for (const p of PARAMS) {
      const task = createTask(id, p);
      expect(task.id).toBe(id);
      expect(task.shape).toBe(TASK_SHAPES[id]);
      expect(new Set(task.vocab).size).toBe(task.vocab.length);
      expect(task.examples.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('samples and examples have the right shape', () => {
    for (const p of PARAMS) {
      const task = createTask(id, p);
      const rng = createRng(7);
      for (let i = 0; i < 200; i++) checkShape(task, task.sample(rng));
      for (const ex of task.examples) {
        checkShape(task, ex);
        expect(typeof ex.label).toBe('string');
        expect(ex.label!.length).toBeGreaterThan(0);
      }
    }
  });

  it('is deterministic: same seed ⇒ same samples; examples independent of any rng', () => {
    for (const p of PARAMS) {
      const a = createTask(id, p);
      const b = createTask(id, p);
      const ra = createRng(42);
      const rb = createRng(42);
      for (let i = 0; i < 50; i++) expect(a.sample(ra)).toEqual(b.sample(rb));
      expect(a.examples).toEqual(b.examples);
      const other = createRng(43);
      const first = a.sample(createRng(42));
      const differs = Array.from({ length: 20 }, () => a.sample(other)).some((ex) => JSON.stringify(ex) !== JSON.stringify(first));
      expect(differs).toBe(true);
    }
  });

  it('accuracy: 1 for the targets, 0 for wrong answers', () => {
    const task = createTask(id, PARAMS[1]!);
    for (const ex of task.examples) {
      expect(task.accuracy!(ex, ex.targets)).toBe(1);
      const wrong = ex.targets.map((y) => (y >= 0 ? (y + 1) % task.vocab.length : 0));
      expect(task.accuracy!(ex, wrong)).toBe(0);
    }
  });

  it('encode rejects empty text with an i18n key', () => {
    const task = createTask(id, PARAMS[1]!);
    for (const text of ['', '   ']) {
      const r = task.encode(text);
      if (id === 'charlm' && text !== '') continue; // whitespace is text for a char LM
      expect(r).toEqual({ error: 'task.error.empty' });
    }
  });
});

describe('lag clamping', () => {
  it('clamps out-of-range lags and falls back on non-numbers', () => {
    expect(createTask('recall', { lag: -5 }).lag).toBe(0);
    expect(createTask('recall', { lag: 1e9 }).lag).toBe(200);
    expect(createTask('recall', { lag: Number.NaN }).lag).toBe(40);
    expect(createTask('meet', { lag: 2.6 }).lag).toBe(3);
  });
});

describe('example labels', () => {
  it('labelStart keeps what fits, a Chinese character counting as two letters', () => {
    expect(labelStart('Alice', 5)).toBe('Alice');
    expect(labelStart('Alice was', 6)).toBe('Alice…');
    expect(labelStart('床前明月光', 6)).toBe('床前明…');
    expect(labelStart('《静夜思》李白', 10)).toBe('《静夜思》…');
  });

  it('every label is short enough to read whole in the picker (at most 32 letters wide)', () => {
    const width = (s: string) => Array.from(s).reduce((w, ch) => w + (/[\u2E80-\uA4CF\uFF00-\uFF60]/u.test(ch) ? 2 : 1), 0);
    for (const id of TASK_IDS) {
      for (const p of [{ lag: 40 }, { lag: 40, lang: 'zh' as const, corpus: 'zh' as const }]) {
        for (const ex of createTask(id, p).examples) expect(width(ex.label!), `${id}: ${ex.label}`).toBeLessThanOrEqual(32);
      }
    }
  });
});
