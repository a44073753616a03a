import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModel, forward, fromStateDict, oneHotRows, toStateDict, type CellType, type StateDict } from './index';
import { createRng } from './rng';
import { ModelFileError, parseModelFile, parseModelText, serializeModel } from './pytorch';

const VOCAB = ['a', 'b', 'c', 'd', 'e'];

function sample(cell: CellType, layers = 1, seed = 3) {
  return createModel({ cell, inputSize: 5, hiddenSize: 4, outputSize: 5, numLayers: layers, seed });
}

/** Renames "rnn." / "fc." keys to other module names. */
function rename(sd: StateDict, rnn: string, fcName: string): StateDict {
  return Object.fromEntries(Object.entries(sd).map(([k, v]) => [k.replace(/^rnn\./, `${rnn}.`).replace(/^fc\./, `${fcName}.`), v]));
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ModelFileError) return e.code;
    throw e;
  }
  return 'accepted';
}

function errorOf(f: () => unknown): ModelFileError {
  try {
    f();
  } catch (e) {
    if (e instanceof ModelFileError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('model files', () => {
  it('round-trips serializeModel through JSON text for every cell', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const m = sample(cell, 2);
      const text = JSON.stringify(serializeModel(m, VOCAB, { step: 7 }));
      const back = parseModelText(text);
      expect(back.config).toMatchObject({ cell, inputSize: 5, hiddenSize: 4, outputSize: 5, numLayers: 2 });
      expect(back.vocab).toEqual(VOCAB);
      expect(fromStateDict(back.config, back.stateDict).params).toEqual(m.params);
      expect(JSON.parse(text)).toMatchObject({ format: 'unrolled-model', version: 1, step: 7 });
    }
  });

  it('rounds to the requested significant digits', () => {
    const json = serializeModel(sample('rnn'), null, {}, { digits: 3 }) as { state_dict: StateDict };
    for (const x of (json.state_dict['fc.bias'] as number[])) expect(x).toBe(Number(x.toPrecision(3)));
  });

  it('finds renamed modules and a bare state dict, inferring the cell from the gate multiple', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const m = sample(cell, 2);
      const sd = rename(toStateDict(m), 'encoder.lstm_stack', 'head');
      const r = parseModelFile({ state_dict: sd });
      expect(r.config.cell).toBe(cell);
      expect(r.notes).toContain('import.note.inferred');
      expect(fromStateDict(r.config, r.stateDict).params).toEqual(m.params);
      const bare = parseModelFile(rename(toStateDict(m), 'rnn', 'decoder'));
      expect(fromStateDict(bare.config, bare.stateDict).params).toEqual(m.params);
    }
  });

  it('reads bias=False as zero biases and says so', () => {
    const m = sample('gru');
    const sd = toStateDict(m);
    for (const k of Object.keys(sd)) if (k.startsWith('rnn.bias')) delete sd[k];
    const r = parseModelFile({ state_dict: sd, vocab: VOCAB });
    expect(r.notes).toContain('import.note.noBias');
    expect(r.stateDict['rnn.bias_ih_l0']).toEqual(new Array(12).fill(0));
    expect(r.stateDict['rnn.weight_hh_l0']).toEqual(sd['rnn.weight_hh_l0']);
  });

  it('folds an nn.Embedding into W_ih: one-hot input gives the embedded input exactly', () => {
    const V = 6;
    const E = 3;
    const rng = createRng(11);
    const emb = Array.from({ length: V }, () => Array.from({ length: E }, () => rng.uniform(-1, 1)));
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const inner = createModel({ cell, inputSize: E, hiddenSize: 4, outputSize: V, seed: 5 });
      const sd = { 'embed.weight': emb, ...rename(toStateDict(inner), 'rnn', 'out') };
      const r = parseModelFile({ state_dict: sd, cell });
      expect(r.notes).toContain('import.note.embedding');
      expect(r.config.inputSize).toBe(V);
      const folded = fromStateDict(r.config, r.stateDict);
      const tokens = [0, 3, 5, 1, 1, 4];
      const a = forward(folded, oneHotRows(tokens, V));
      const b = forward(inner, tokens.map((v) => emb[v]!)); // the embedding lookup, by hand
      a.steps.forEach((s, t) => {
        const h = Array.from(s.layers[0]!.h);
        Array.from(b.steps[t]!.layers[0]!.h).forEach((x, j) => expect(h[j]).toBeCloseTo(x, 12));
        Array.from(b.steps[t]!.logits).forEach((x, j) => expect(s.logits[j]).toBeCloseTo(x, 12));
      });
    }
  });

  it('one step of a tanh RNN over an embedding, computed by hand', () => {
    const sd = {
      'emb.weight': [[1, 0], [0, 2], [0.5, -1]],
      'rnn.weight_ih_l0': [[0.3, -0.2]],
      'rnn.weight_hh_l0': [[0.9]],
      'rnn.bias_ih_l0': [0.1],
      'rnn.bias_hh_l0': [-0.05],
      'fc.weight': [[1], [2], [-1]],
      'fc.bias': [0, 0, 0.5],
    };
    const r = parseModelFile({ state_dict: sd });
    const h = forward(fromStateDict(r.config, r.stateDict), oneHotRows([2], 3)).steps[0]!.layers[0]!.h[0]!;
    expect(h).toBeCloseTo(Math.tanh(0.3 * 0.5 - 0.2 * -1 + 0.1 - 0.05), 14);
  });

  it('names the first wrong key, shape or value', () => {
    const good = () => serializeModel(sample('lstm'), VOCAB) as { state_dict: StateDict; vocab: unknown; config: Record<string, unknown> };
    let f = good();
    (f.state_dict['rnn.weight_hh_l0'] as number[][]).pop();
    expect(errorOf(() => parseModelFile(f)).params).toEqual({ key: 'rnn.weight_hh_l0', expected: '[16][4]', actual: '[15][4]' });
    f = good();
    (f.state_dict['fc.bias'] as number[])[2] = NaN;
    expect(errorOf(() => parseModelFile(f))).toMatchObject({ code: 'import.error.value', params: { key: 'fc.bias', index: '[2]' } });
    f = good();
    (f.state_dict['rnn.weight_ih_l0'] as number[][])[3]!.push(1);
    expect(errorOf(() => parseModelFile(f))).toMatchObject({ code: 'import.error.ragged', params: { key: 'rnn.weight_ih_l0', row: 3 } });
    f = good();
    f.vocab = ['a', 'b'];
    expect(errorOf(() => parseModelFile(f))).toMatchObject({ code: 'import.error.vocab', params: { expected: 5, actual: 2 } });
    f = good();
    f.config.hiddenSize = 8;
    expect(errorOf(() => parseModelFile(f))).toMatchObject({ code: 'import.error.config', params: { field: 'config.hiddenSize' } });
    f = good();
    delete f.state_dict['rnn.bias_hh_l0'];
    expect(errorOf(() => parseModelFile(f)).params).toEqual({ key: 'rnn.bias_hh_l0' });
    f = good();
    f.state_dict['rnn.weight_ih_l0_reverse'] = [[1]];
    expect(codeOf(() => parseModelFile(f))).toBe('import.error.unsupported');
    f = good();
    f.state_dict['x.weight'] = new Array(50_000_001);
    expect(codeOf(() => parseModelFile(f))).toBe('import.error.tooLarge');
    expect(codeOf(() => parseModelText('{"state_dict": '))).toBe('import.error.json');
    expect(codeOf(() => parseModelFile([]))).toBe('import.error.format');
    expect(codeOf(() => parseModelFile({ state_dict: { 'fc.weight': [[1]] } }))).toBe('import.error.noRecurrent');
  });
});

type Json = unknown;

/** Applies one mutation at a path chosen by `pick` (numbers in [0, 1)). */
function mutate(root: Json, pick: number[], replacement: Json, kind: number): Json {
  const copy = structuredClone(root) as Json;
  let node = copy;
  for (const p of pick) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node as object);
    if (keys.length === 0) break;
    const k = keys[Math.floor(p * keys.length)]!;
    const child = (node as Record<string, Json>)[k];
    const last = p === pick[pick.length - 1] || child === null || typeof child !== 'object';
    if (last) {
      const obj = node as Record<string, Json>;
      if (kind === 0) obj[k] = replacement;
      else if (kind === 1) delete obj[k];
      else if (kind === 2 && Array.isArray(child)) child.pop();
      else if (kind === 3 && Array.isArray(child)) child.push(replacement as never);
      else obj[k] = [NaN, Infinity, -0, 1e308 * 10, '1', null][Math.floor(p * 6)];
      return copy;
    }
    node = child;
  }
  return copy;
}

describe('model files under random input', () => {
  const base = [
    serializeModel(sample('lstm', 2), VOCAB),
    serializeModel(sample('gru'), null),
    { state_dict: { 'emb.weight': [[1, 2], [3, 4], [5, 6]], ...rename(toStateDict(createModel({ cell: 'rnn', inputSize: 2, hiddenSize: 2, outputSize: 3 })), 'r', 'o') } },
  ];
  const accepted = (f: () => ReturnType<typeof parseModelFile>): boolean => {
    try {
      const r = f();
      fromStateDict(r.config, r.stateDict); // an accepted file always builds a model
      return true;
    } catch (e) {
      if (e instanceof ModelFileError && /^import\.error\.\w+$/.test(e.code)) return true;
      throw e;
    }
  };

  it('any JSON value: accepted or a named error', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => accepted(() => parseModelFile(v))), { numRuns: 1500 });
    fc.assert(fc.property(fc.anything(), (v) => accepted(() => parseModelFile({ state_dict: { 'rnn.weight_ih_l0': v } }))), { numRuns: 500 });
    fc.assert(fc.property(fc.string(), (s) => accepted(() => parseModelText(s))), { numRuns: 500 });
  });

  it('mutated valid files: accepted or a named error', () => {
    fc.assert(fc.property(
      fc.constantFrom(0, 1, 2), fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 5 }),
      fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 0, max: 4 }),
      (b, pick, replacement, kind) => accepted(() => parseModelFile(mutate(base[b], pick, replacement, kind))),
    ), { numRuns: 3000 });
  });
});

describe('a wrong recurrent matrix is named as the culprit', () => {
  it('W_hh against the stated hidden size, and against the stated cell', () => {
    const sd = toStateDict(createModel({ cell: 'rnn', inputSize: 5, hiddenSize: 4, outputSize: 5, seed: 2 }));
    const bad = { ...sd, 'rnn.weight_hh_l0': [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]] };
    expect(() => parseModelFile({ config: { cell: 'rnn', hiddenSize: 3 }, state_dict: { ...sd, 'rnn.weight_hh_l0': (sd['rnn.weight_hh_l0'] as number[][]).map((r) => r.slice(0, 3)).slice(0, 3).map((r) => [...r, 0]) } }))
      .toThrow(expect.objectContaining({ params: expect.objectContaining({ key: 'rnn.weight_hh_l0' }) }));
    expect(() => parseModelFile({ config: { cell: 'lstm' }, state_dict: bad }))
      .toThrow(expect.objectContaining({ params: expect.objectContaining({ key: 'rnn.weight_hh_l0' }) }));
  });
});
