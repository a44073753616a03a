import { describe, expect, it } from 'vitest';
import { gateNames } from '../engine/cells';
import {
  CSV_COLUMNS, activationsToCsv, activationsToJson, csvRowCount, csvText, exportFileBase, formatValue, nest, runToJson,
} from './exportData';
import { DEFAULT_CONFIG, DEFAULT_INSPECT } from './defaults';
import type { ModelSnapshot, Snapshot } from './types';

/** A small RFC 4180 parser: quoted fields, doubled quotes, commas and line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const HOSTILE = ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'a,b', 'say "hi"', '\n', 'x\r\ny', '<img src=x onerror=alert(1)>', '😀', '中'];

function model(cell: 'rnn' | 'lstm' | 'gru', L: number, T: number, H: number, V: number): ModelSnapshot {
  let k = 0;
  const arr = (n: number) => Float64Array.from({ length: n }, () => Math.sin(++k) / 3);
  const stepLoss = arr(T);
  stepLoss[0] = Number.NaN;
  return {
    cell, layers: L, hidden: H, vocabSize: V, step: 7, loss: 2.5, accuracy: null, trainAccuracy: null, T,
    inputs: Array.from({ length: T }, (_, t) => t % V), targets: Array.from({ length: T }, (_, t) => (t === 0 ? -1 : (t + 1) % V)),
    h: arr(L * T * H), c: cell === 'lstm' ? arr(L * T * H) : null,
    gates: Object.fromEntries(gateNames(cell).map((g) => [g, arr(L * T * H)])),
    probs: arr(T * V), topK: Math.min(V, 2), topIds: Int32Array.from({ length: T * Math.min(V, 2) }, (_, i) => i % V),
    topProbs: arr(T * Math.min(V, 2)), targetProb: arr(T), stepLoss, dh: arr(T * H), dc: cell === 'lstm' ? arr(T * H) : null, dWhhStep: arr(T),
    dWhhShare: arr(T), dWhhTotal: 1.5,
    flow: null, flowStep: null, layer: 0, Whh: arr(H * H), sigma: arr(H), blockSigma: {},
  };
}

function snapshot(models: ModelSnapshot[], vocab: string[]): Snapshot {
  return {
    run: 1, models, history: [], shape: 'many-to-many', vocab, answers: vocab.length, tokenKind: 'char', examples: [], running: false, stepsPerSecond: 0,
    diverged: null, stopped: null, inspectError: null,
  };
}

describe('csv fields', () => {
  it('neutralises formulas and quotes what needs quoting', () => {
    expect(csvText('=1+1')).toBe("'=1+1");
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-')).toBe("'-");
    expect(csvText('@x')).toBe("'@x");
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('\n')).toBe('"\n"');
    expect(csvText('=a,"b"')).toBe('"\'=a,""b"""');
    expect(csvText('plain')).toBe('plain');
  });

  it('keeps full precision', () => {
    for (const v of [0.1 + 0.2, -1e-300, Math.PI, 123456789.12345679, -0.5]) expect(Number(formatValue(v))).toBe(v);
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-Infinity');
  });
});

describe('activationsToCsv', () => {
  it('round-trips through a parser with hostile tokens, one row per value', () => {
    const vocab = HOSTILE;
    const snap = snapshot([model('lstm', 2, 5, 3, vocab.length), model('gru', 2, 5, 3, vocab.length)], vocab);
    const rows = parseCsv(activationsToCsv(snap));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const data = rows.slice(1);
    // lstm: (h, c, i, f, g, o) × L·T·H + (dh, dc) × T·H + T loss rows; gru: (h, r, z, n) × L·T·H + dh × T·H + T
    expect(data.length).toBe(6 * 30 + 2 * 15 + 5 + 4 * 30 + 15 + 5);
    expect(data.length).toBe(csvRowCount(snap));
    for (const r of data) expect(r.length).toBe(CSV_COLUMNS.length);
    // every token reads back as itself, with the formula guard in front where needed (steps count from 1)
    for (const r of data) {
      const t = Number(r[3]) - 1;
      const expected = vocab[snap.models[0].inputs[t]];
      expect(r[4]).toBe(/^[=+\-@]/.test(expected) ? `'${expected}` : expected);
    }
    // values read back exactly; model, layer, step and unit count from 1, as on the page
    const m = snap.models[1];
    const z = data.find((r) => r[0] === '2' && r[2] === '2' && r[3] === '5' && r[6] === '3' && r[7] === 'z')!;
    expect(Number(z[8])).toBe(m.gates.z[(1 * 5 + 4) * 3 + 2]);
    expect(new Set(data.map((r) => r[3]))).toEqual(new Set(['1', '2', '3', '4', '5']));
    expect(new Set(data.filter((r) => r[6] !== '').map((r) => r[6]))).toEqual(new Set(['1', '2', '3']));
    const dh = data.filter((r) => r[0] === '1' && r[7] === 'dh');
    expect(new Set(dh.map((r) => r[2])), 'the top layer').toEqual(new Set(['2']));
    const loss = data.filter((r) => r[7] === 'loss' && r[0] === '1');
    expect(loss.map((r) => r[8])[0]).toBe('NaN');
    expect(loss[0][5]).toBe('');
    expect(Number(loss[2][8])).toBe(snap.models[0].stepLoss[2]);
    // no cell starts a formula
    for (const r of data) for (const f of [r[4], r[5]]) expect(/^[=+\-@]/.test(f)).toBe(false);
  });

  it('writes rnn rows with the pre-activation a and no cell state', () => {
    const snap = snapshot([model('rnn', 1, 3, 2, 4)], ['a', 'b', 'c', 'd']);
    const rows = parseCsv(activationsToCsv(snap)).slice(1);
    expect(new Set(rows.map((r) => r[7]))).toEqual(new Set(['h', 'a', 'dh', 'loss']));
    expect(rows.length).toBe(2 * 6 + 6 + 3);
  });
});

describe('activationsToJson', () => {
  it('nests arrays as [L][T][H] and survives JSON', () => {
    const snap = snapshot([model('lstm', 2, 4, 3, 5)], ['a', 'b', 'c', '"', ',']);
    const j = JSON.parse(JSON.stringify(activationsToJson(snap))) as {
      format: string; models: { h: number[][][]; gates: Record<string, number[][][]>; dh: number[][]; probs: number[][]; stepLoss: (number | null)[]; tokens: string[]; targetTokens: (string | null)[];
        top: { ids: number[][]; probs: number[][] } }[];
    };
    expect(j.format).toBe('unrolled-activations');
    const m = j.models[0];
    expect([m.h.length, m.h[0].length, m.h[0][0].length]).toEqual([2, 4, 3]);
    expect(m.h[1][2][0]).toBe(snap.models[0].h[(1 * 4 + 2) * 3]);
    expect(Object.keys(m.gates).sort()).toEqual(['f', 'g', 'i', 'o']);
    expect([m.dh.length, m.dh[0].length]).toEqual([4, 3]);
    expect([m.probs.length, m.probs[0].length]).toEqual([4, 5]);
    expect(m.stepLoss[0]).toBeNull();
    expect(m.tokens).toEqual(['a', 'b', 'c', '"']);
    expect(m.targetTokens[0]).toBeNull();
    expect(m.top.ids[3]).toEqual(Array.from(snap.models[0].topIds.subarray(6, 8)));
    expect(m.top.probs[3]).toEqual(Array.from(snap.models[0].topProbs.subarray(6, 8)));
  });

  it('writes null probabilities for a vocabulary sent as its top tokens only, the top tokens still', () => {
    const big = { ...model('rnn', 1, 3, 2, 4), probs: null };
    const m = (JSON.parse(JSON.stringify(activationsToJson(snapshot([big], ['a', 'b', 'c', 'd'])))) as { models: { probs: null; top: { ids: number[][] } }[] }).models[0];
    expect(m.probs).toBeNull();
    expect(m.top.ids.length).toBe(3);
  });

  it('nest keeps order', () => {
    expect(nest([1, 2, 3, 4, 5, 6], [2, 3])).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(nest([1, 2, 3, 4], [2, 1, 2])).toEqual([[[1, 2]], [[3, 4]]]);
  });
});

describe('runToJson', () => {
  it('holds the config with seed and each model history', () => {
    const snap = snapshot([model('rnn', 1, 3, 2, 4), model('lstm', 1, 3, 2, 4), model('gru', 1, 3, 2, 4)], ['a', 'b', 'c', 'd']);
    const histories = [0, 1, 2].map((i) => ({ step: [1, 2], loss: [3 + i, 2], gradNorm: [1, 1], clippedNorm: [1, 0.5] }));
    const state = { config: { ...DEFAULT_CONFIG, task: 'charlm' as const, compare: true, seed: 42 }, inspect: DEFAULT_INSPECT, snapshot: snap, histories };
    const j = JSON.parse(JSON.stringify(runToJson(state))) as { format: string; seed: number; config: { seed: number }; step: number; models: { cell: string; history: { loss: number[]; gradNorm: number[] } }[] };
    expect(j.format).toBe('unrolled-run');
    expect(j.seed).toBe(42);
    expect(j.config.seed).toBe(42);
    expect(j.step).toBe(7);
    expect(j.models.map((m) => m.cell)).toEqual(['rnn', 'lstm', 'gru']);
    expect(j.models[2].history.loss).toEqual([5, 2]);
    expect(exportFileBase('run', state)).toBe('unrolled-run-compare-charlm-step7');
  });

  it('works before the first snapshot', () => {
    const j = runToJson({ config: { ...DEFAULT_CONFIG, cell: 'lstm' as const }, inspect: DEFAULT_INSPECT, snapshot: null, histories: [] });
    expect(j.step).toBe(0);
    expect((j.models as { cell: string }[]).map((m) => m.cell)).toEqual(['lstm']);
  });
});
