// The neuron explorer's worker side: passages into tokens, pattern marks, the unit ranking (on a
// planted model whose one unit is on exactly inside double quotes), and agreement with the snapshot.
import { describe, expect, it } from 'vitest';
import { createTask } from '../engine/tasks';
import { createWorkerHost } from './host';
import { neuronPass, passageTokens, patternMarks, rankUnits } from './neurons';
import { NEURON_MAX_CHARS, type NeuronRequest, type WorkerEvent } from './protocol';
import { SMALL } from './test-config';
import { createTrainer } from './trainer';
import { CHARS, plantedLstm } from './planted.fixture';

const PASSAGE = 'ab "ba a" b ab "aab b" ba "" a bb "a" b';
const request = (marks: NeuronRequest['marks'], over: Partial<NeuronRequest> = {}): NeuronRequest =>
  ({ id: 1, text: PASSAGE, layer: 0, quantity: 'h', marks, ...over });

describe('the planted quote unit', () => {
  const model = plantedLstm();

  it('is on exactly at the positions the pattern "[^"]*" marks', () => {
    const a = neuronPass(model, 0, CHARS, [], request({ kind: 'pattern', pattern: '"[^"]*"' }));
    if (!a.ok) throw new Error(a.code);
    const T = a.tokens.length;
    expect(T).toBe(Array.from(PASSAGE).length);
    const inside = new Set(a.marked);
    expect(a.marked.length).toBe(PASSAGE.match(/"[^"]*"/g)!.join('').length);
    for (let t = 0; t < T; t++) expect(a.values[t * 4 + 1]! > 0, `token ${t} ${a.tokens[t]}`).toBe(inside.has(t));
  });

  it('ranks that unit first for the pattern "[^"]*", and the a-unit first for the pattern a', () => {
    const q = neuronPass(model, 0, CHARS, [], request({ kind: 'pattern', pattern: '"[^"]*"' }));
    if (!q.ok) throw new Error(q.code);
    expect(q.ranking[0]!.unit).toBe(1);
    expect(q.ranking[0]!.score).toBeGreaterThan(10);
    expect(q.ranking[0]!.score).toBeGreaterThan(3 * Math.abs(q.ranking[1]!.score));
    const a = neuronPass(model, 0, CHARS, [], request({ kind: 'pattern', pattern: 'a' }));
    if (!a.ok) throw new Error(a.code);
    expect(a.ranking[0]!.unit).toBe(2);
  });

  it('ranks it first from marked positions too (a drag), and by the memory c as well as h', () => {
    const marked = [...PASSAGE.matchAll(/"[^"]*"/g)].flatMap((m) => Array.from({ length: m[0].length }, (_, k) => m.index + k));
    const a = neuronPass(model, 0, CHARS, [], request({ kind: 'positions', positions: marked }, { quantity: 'c' }));
    if (!a.ok) throw new Error(a.code);
    expect(a.quantity).toBe('c');
    expect(a.marked).toEqual(marked);
    expect(a.ranking[0]!.unit).toBe(1);
  });
});

describe('rankUnits', () => {
  it('is the difference of means over the pooled deviation, by size, and empty without both sides', () => {
    // T = 4, H = 2: unit 0 = [1, 1, 0, 0], unit 1 = [0, 2, 0, 1]; marked {0, 1}
    const v = Float64Array.from([1, 0, 1, 2, 0, 0, 0, 1]);
    const r = rankUnits(v, 4, 2, [0, 1]);
    expect(r[0]!.unit).toBe(0);
    expect(r[0]!.score).toBeGreaterThan(1e5); // no spread on either side
    const pooled = Math.sqrt((2 + 0.5) / 2); // (0−1)²+(2−1)² and (0−0.5)²+(1−0.5)², over T − 2
    expect(r[1]!.score).toBeCloseTo((1 - 0.5) / pooled, 12);
    expect(rankUnits(v, 4, 2, [])).toEqual([]);
    expect(rankUnits(v, 4, 2, [0, 1, 2, 3])).toEqual([]);
  });
});

describe('passages and patterns', () => {
  it('reads characters, and names the ones outside the vocabulary', () => {
    expect(passageTokens(CHARS, 'ab "a"')).toMatchObject({ ids: [0, 1, 2, 3, 0, 3], sep: '' });
    expect(passageTokens(CHARS, 'abc dz')).toEqual({ error: 'neurons.error.unknown', params: { tokens: '“c” “d” “z”', count: 3 } });
    expect(passageTokens(CHARS, '   ')).toMatchObject({ error: 'neurons.error.empty' });
    expect(passageTokens(CHARS, 'a'.repeat(NEURON_MAX_CHARS))).toHaveProperty('ids');
    expect(passageTokens(CHARS, 'a'.repeat(NEURON_MAX_CHARS + 1))).toMatchObject({ error: 'neurons.error.tooLong' });
  });

  it('reads words and multi-letter symbols by longest match, and round-trips every inspection example', () => {
    for (const id of ['meet', 'spell', 'recall', 'parity'] as const) {
      const task = createTask(id, { lag: 4 });
      for (const ex of task.examples) {
        const text = ex.inputs.map((t) => task.vocab[t]).join(task.tokenKind === 'word' ? ' ' : '');
        const p = passageTokens(task, text);
        expect(p, `${id}: ${text}`).toHaveProperty('ids', ex.inputs);
      }
    }
    const meet = createTask('meet', { lag: 3, lang: 'en' });
    expect(passageTokens(meet, 'zzqx')).toMatchObject({ error: 'neurons.error.unknown' });
  });

  it('marks every token a match overlaps; an invalid expression is an error', () => {
    expect(patternMarks(['we', 'meet', 'at', 'noon'], ' ', 'ee')).toEqual({ marked: [1] });
    expect(patternMarks(['we', 'meet', 'at', 'noon'], ' ', 't a')).toEqual({ marked: [1, 2] });
    expect(patternMarks(['a', 'b', 'a'], '', 'x*')).toEqual({ marked: [] });
    expect(patternMarks(['a'], '', '(')).toEqual({ error: 'neurons.error.pattern' });
    const a = neuronPass(plantedLstm(), 0, CHARS, [], request({ kind: 'pattern', pattern: '[' }));
    expect(a).toMatchObject({ ok: true, findError: 'neurons.error.pattern', marked: [], ranking: [] });
  });
});

describe('the inspection sequence', () => {
  it('gives the values the snapshot shows, for every quantity and layer', () => {
    for (const cell of ['lstm', 'gru', 'rnn'] as const) {
      const trainer = createTrainer({ ...SMALL, cell, layers: 2 }, { kind: 'example', index: 0 });
      trainer.step(3);
      const snap = trainer.snapshot().models[0]!;
      const lane = trainer.lanes[0]!;
      const { T, hidden: H } = snap;
      for (const q of ['h', ...(cell === 'lstm' ? ['c'] : []), ...Object.keys(snap.gates)]) {
        for (const layer of [0, 1]) {
          const a = neuronPass(lane.model, lane.version, trainer.task, snap.inputs, request(null, { text: null, quantity: q, layer }));
          if (!a.ok) throw new Error(a.code);
          expect(a.quantity).toBe(q);
          const src = q === 'h' ? snap.h : q === 'c' ? snap.c! : snap.gates[q]!;
          expect(Array.from(a.values)).toEqual(Array.from(src.subarray(layer * T * H, (layer + 1) * T * H)));
        }
      }
    }
  });

  it('the worker host answers a neurons command with a neurons event', () => {
    const events: WorkerEvent[] = [];
    const host = createWorkerHost((e) => events.push(e), { soon: () => {}, later: () => {} });
    host.handle({ type: 'init', config: SMALL, inspect: { kind: 'example', index: 0 } });
    host.handle({ type: 'neurons', request: request(null, { id: 7, text: null }) });
    const e = events.find((x) => x.type === 'neurons');
    expect(e).toMatchObject({ type: 'neurons', answer: { id: 7, ok: true, inspected: true } });
    host.handle({ type: 'neurons', request: request(null, { id: 8, text: '\u0001' }) });
    expect(events.at(-1)).toMatchObject({ type: 'neurons', answer: { id: 8, ok: false, code: 'neurons.error.unknown' } });
  });
});
