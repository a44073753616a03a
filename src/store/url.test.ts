import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitBudget, overBudget, runCost } from '../engine/limits';
import { DEFAULT_CONFIG } from './defaults';
import { CONTROL_NAMES, DEFAULT_URL_STATE, PARAMS, QUERY_MAX, type UrlState } from './params';
import { encodedLength, formatUrl, parseUrl } from './url';

/** True when every field of `s` lies inside its table entry. */
function isValid(s: UrlState): boolean {
  return overBudget(runCost(s)) === null && PARAMS.every((spec) => {
    const v = s[spec.field];
    switch (spec.type) {
      case 'number':
      case 'int':
        if (v === null) return Boolean(spec.nullable);
        return typeof v === 'number' && Number.isFinite(v) && v >= spec.min && v <= spec.max &&
          (spec.type === 'number' || Number.isInteger(v));
      case 'enum':
        return (v === null && spec.nullable) || spec.values.includes(v as string);
      case 'bool':
        return typeof v === 'boolean';
      case 'string':
        return (v === null && spec.nullable) || (typeof v === 'string' && v.length <= spec.maxLength);
      case 'list':
        return Array.isArray(v) && v.every((x) => spec.values.includes(x) || (spec.pattern?.test(x) ?? false)) &&
          new Set(v).size === v.length && v.length <= (spec.maxItems ?? Infinity);
    }
  }) && s.layer < s.layers && (s.unit === null || s.unit < s.hidden);
}

const text = (max: number) => fc.string({ unit: 'binary', maxLength: max });

/** Random valid states (the URL can carry each of them). */
const validState: fc.Arbitrary<UrlState> = fc.record(Object.fromEntries(PARAMS.map((spec) => {
  let arb: fc.Arbitrary<unknown>;
  switch (spec.type) {
    case 'number':
      arb = fc.double({ min: spec.min, max: spec.max, noNaN: true }).map((x) => x + 0);
      break;
    case 'int':
      arb = fc.integer({ min: spec.min, max: spec.max });
      break;
    case 'enum':
      arb = fc.constantFrom(...spec.values);
      break;
    case 'bool':
      arb = fc.boolean();
      break;
    case 'string':
      // texts short enough that a link carries them whatever their characters (12 encoded characters at most each)
      arb = spec.pattern ? fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,39}$/) : text(Math.min(spec.maxLength, 60));
      break;
    case 'list':
      arb = spec.pattern
        ? fc.uniqueArray(fc.stringMatching(/^panel-[a-z0-9-]{1,12}$/), { maxLength: spec.maxItems ?? 10 })
        : fc.uniqueArray(fc.constantFrom(...spec.values));
      break;
  }
  if (('nullable' in spec) && spec.nullable) arb = fc.option(arb, { nil: null });
  return [spec.field, arb];
})) as unknown as Record<keyof UrlState, fc.Arbitrary<unknown>>).map((s) => {
  // a valid state also fits the cost budget
  const state = fitBudget(s as unknown as UrlState).config;
  state.layer = Math.min(state.layer, state.layers - 1);
  if (state.unit !== null) state.unit = Math.min(state.unit, state.hidden - 1);
  return state;
});

describe('URL state', () => {
  it('covers every TrainConfig field with a distinct key', () => {
    const fields = new Set(PARAMS.map((p) => p.field));
    for (const k of Object.keys(DEFAULT_CONFIG)) expect(fields.has(k as keyof UrlState)).toBe(true);
    expect(new Set(PARAMS.map((p) => p.key)).size).toBe(PARAMS.length);
  });

  it('no parameters give the defaults and write an empty query', () => {
    expect(parseUrl('', '')).toEqual({ state: DEFAULT_URL_STATE, notices: [] });
    expect(formatUrl(DEFAULT_URL_STATE)).toBe('');
  });

  it('reads a readable link', () => {
    const { state, notices } = parseUrl('?task=copy&cell=gru&lr=0.01&hide=lr,seed&embed&seed=42&sentence=hi+there', '');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ task: 'copy', cell: 'gru', lr: 0.01, hide: ['lr', 'seed'], embed: true, seed: 42, sentence: 'hi there' });
  });

  it('writes only non-defaults, readably', () => {
    const q = formatUrl({ ...DEFAULT_URL_STATE, cell: 'gru', lr: 0.5, hide: ['lr', 'seed'], sentence: '你好 a+b' });
    expect(q).toBe(`cell=gru&lr=0.5&sentence=${encodeURIComponent('你好')}+a%2Bb&hide=lr,seed`);
  });

  it('names the bad parameter and falls back', () => {
    const r = parseUrl('?lr=abc&hidden=99999&cell=cnn&bogus=1&layers=2&layer=7', '');
    expect(r.state.lr).toBe(DEFAULT_URL_STATE.lr);
    expect(r.state.hidden).toBe(DEFAULT_URL_STATE.hidden);
    expect(r.notices.find((n) => n.params?.name === 'hidden')?.key).toBe('notice.url.range');
    expect(r.state.cell).toBe(DEFAULT_URL_STATE.cell);
    expect(r.state.layer).toBe(0);
    const names = r.notices.map((n) => n.params?.name);
    expect(names).toEqual(expect.arrayContaining(['lr', 'hidden', 'cell', 'bogus']));
  });

  it('out-of-range numbers fall back to the default; a broken %-escape gets a notice', () => {
    for (const q of ['?hidden=0', '?seed=-1', '?lr=-5', '?lr=0', '?layers=9']) {
      const r = parseUrl(q, '');
      expect(r.state).toEqual(DEFAULT_URL_STATE);
      expect(r.notices.map((n) => n.key)).toEqual(['notice.url.range']);
    }
    const broken = parseUrl('?sentence=%F0%9F&cell=gru', '');
    expect(broken.state.cell).toBe('gru');
    expect(broken.notices.map((n) => n.key)).toEqual(['notice.url.badEscape']);
  });

  it('keeps long text out of the link', () => {
    const long = 'x'.repeat(5000);
    expect(formatUrl({ ...DEFAULT_URL_STATE, text: long })).toBe('');
    const r = parseUrl(`?text=${long}`, '');
    expect(r.state.text).toBe('');
    expect(r.notices[0].key).toBe('notice.url.tooLong');
  });

  it('reads the hash too; the query wins', () => {
    expect(parseUrl('?cell=rnn', '#cell=gru&seed=3').state).toMatchObject({ cell: 'rnn', seed: 3 });
  });

  it('any string gives a valid state (or defaults plus a notice), never a throw', () => {
    const anyUrl = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(fc.tuple(fc.constantFrom(...PARAMS.map((p) => p.key), 'x', ''), fc.string({ unit: 'binary', maxLength: 30 })))
        .map((kv) => '?' + kv.map(([k, v]) => `${k}=${v}`).join('&')),
      fc.array(fc.tuple(fc.constantFrom(...PARAMS.map((p) => p.key)), fc.string()))
        .map((kv) => '?' + new URLSearchParams(kv).toString()),
    );
    fc.assert(fc.property(anyUrl, fc.string({ unit: 'binary' }), (search, hash) => {
      const { state, notices } = parseUrl(search, hash);
      expect(isValid(state)).toBe(true);
      expect(notices.length).toBeLessThanOrEqual(5);
      const differs = formatUrl(state) !== '';
      const hasParams = /[^?&#=\s]/.test(search + hash);
      if (!differs && !hasParams) expect(notices).toEqual([]);
      for (const n of notices) expect(typeof n.key).toBe('string');
    }), { numRuns: 4000 });
  });

  it('sizes past the cost budget are lowered, batch first, with a notice naming the changes', () => {
    const { state, notices } = parseUrl('?task=charlm&hidden=256&layers=3&seqlen=200&batch=64', '');
    expect(overBudget(runCost(state))).toBeNull();
    expect(state.batch).toBeLessThan(64);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.key).toBe('notice.budget.lowered');
    expect(String(notices[0]!.params!.changes)).toMatch(/^batch 64 → \d+/);
    // what fits is left alone, and a unit past the lowered size is clamped after
    expect(parseUrl('?task=charlm&hidden=256&batch=2', '').notices).toEqual([]);
    const unit = parseUrl('?task=recall&cell=lstm&compare=1&hidden=256&layers=3&lag=100&unit=256', '');
    expect(unit.state.unit).toBe(unit.state.hidden - 1);
  });

  it('a link never takes more than its length in encoded characters: long Chinese text is left out', () => {
    const poem = '床前明月光疑是地上霜';
    const fits = poem.repeat(15); // 150 characters, 1 350 encoded
    expect(parseUrl(`?${formatUrl({ ...DEFAULT_URL_STATE, task: 'charlm', text: fits })}`, '').state.text).toBe(fits);
    const long = poem.repeat(200); // 2 000 characters: 18 000 encoded
    const q = formatUrl({ ...DEFAULT_URL_STATE, task: 'charlm', text: long, sentence: poem.repeat(50) });
    expect(q).not.toContain('text=');
    expect(q.length).toBeLessThanOrEqual(QUERY_MAX);
    expect(q).toContain('task=charlm');
    // a tighter room drops the sentence as well
    expect(formatUrl({ ...DEFAULT_URL_STATE, task: 'charlm', sentence: poem.repeat(50) }, 100)).toBe('task=charlm');
  });

  it('random valid states round-trip', () => {
    fc.assert(fc.property(validState, (s) => {
      expect(isValid(s)).toBe(true);
      const q = formatUrl(s);
      const back = parseUrl(`?${q}`, '');
      expect(back.notices).toEqual([]);
      expect(back.state).toEqual(s);
    }), { numRuns: 3000 });
  });

  it('steps, units and layers count from 1 in the address, as on the page', () => {
    const { state, notices } = parseUrl('?step=3&unit=2&layers=2&layer=2', '');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ step: 2, unit: 1, layer: 1 });
    expect(formatUrl({ ...DEFAULT_URL_STATE, step: 2, unit: 1, layers: 2, layer: 1 })).toBe('layers=2&step=3&unit=2&layer=2');
    expect(formatUrl({ ...DEFAULT_URL_STATE, step: 0, unit: 0 })).toBe('step=1&unit=1');
    // the first layer is the default: not written, and `layer=1` reads as it
    expect(parseUrl('?layer=1', '').state.layer).toBe(0);
  });

  it('an index below 1 or past the model is refused in the address\'s own counting', () => {
    const zero = parseUrl('?step=0&unit=0', '');
    expect(zero.state.step).toBeNull();
    expect(zero.state.unit).toBeNull();
    expect(zero.notices).toEqual([
      { key: 'notice.url.range', params: { name: 'step', value: '0', min: 1, max: 10_001 } },
      { key: 'notice.url.range', params: { name: 'unit', value: '0', min: 1, max: 256 } },
    ]);
    const past = parseUrl('?hidden=8&unit=9&layers=2&layer=3', '');
    expect(past.state).toMatchObject({ unit: 7, layer: 1 });
    expect(past.notices).toEqual([
      { key: 'notice.url.clamped', params: { name: 'layer', value: 2 } },
      { key: 'notice.url.clamped', params: { name: 'unit', value: 8 } },
    ]);
  });

  it('every control name can be hidden', () => {
    const { state } = parseUrl(`?hide=${CONTROL_NAMES.join(',')}`, '');
    expect(state.hide).toEqual([...CONTROL_NAMES]);
  });

  it('show= keeps panel ids in their order, drops repeats and what is not a panel id, with a notice', () => {
    const r = parseUrl('?embed=1&show=panel-gradients,PANEL-spectrum,panel-gradients,panel-nope', '');
    expect(r.state.embed).toBe(true);
    expect(r.state.show).toEqual(['panel-gradients', 'panel-spectrum', 'panel-nope']);
    expect(r.notices).toEqual([]);
    const bad = parseUrl('?show=panel-loss,<script>,loss', '');
    expect(bad.state.show).toEqual(['panel-loss']);
    expect(bad.notices.map((n) => n.key)).toEqual(['notice.url.listItem']);
    const many = parseUrl(`?show=${Array.from({ length: 30 }, (_, i) => `panel-p${i}`).join(',')}`, '');
    expect(many.state.show).toHaveLength(20);
    expect(formatUrl({ ...DEFAULT_URL_STATE, embed: true, show: ['panel-spectrum', 'panel-gradients'] }))
      .toBe('embed=1&show=panel-spectrum,panel-gradients');
  });

  it('console=1 marks a presenter console and is written back', () => {
    expect(parseUrl('?console=1&lang=zh-CN', '').state).toMatchObject({ presenterConsole: true, lang: 'zh-CN' });
    // the ways people write Chinese in a link all mean zh-CN, and the link is written back as zh-CN
    for (const spelling of ['zh', 'ZH', 'zh-cn', 'zh-Hans', 'cn', 'zh_CN']) {
      const r = parseUrl(`?lang=${spelling}`, '');
      expect(r.state.lang, spelling).toBe('zh-CN');
      expect(r.notices, spelling).toEqual([]);
    }
    expect(parseUrl('?lang=constructor', '').state.lang ?? null).toBeNull();
    expect(parseUrl('?lang=fr', '').notices.length).toBe(1);
    expect(parseUrl('?console=maybe', '').notices.map((n) => n.key)).toEqual(['notice.url.invalid']);
    expect(formatUrl({ ...DEFAULT_URL_STATE, presenterConsole: true })).toBe('console=1');
  });
});

describe('encodedLength', () => {
  it('is the length of the text as a link writes it, counted without encoding it', () => {
    const cases = ['', 'abc XYZ 019', "-_.!~*'()", ',:/ +&=?#%', '\u0000\u007f\n\t', 'é ß ü', '床前明月光', '😀a😀',
      'a\uD800b', '\uDC00x', 'x\uD83D', ...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)),
      Array.from({ length: 5000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('')];
    for (const s of cases) {
      const written = formatUrl({ ...DEFAULT_URL_STATE, task: 'charlm', text: s });
      // the encoded text is what stands between "text=" and the next parameter (or the end)
      const encoded = encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'))
        .replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%20/g, '+');
      expect(encodedLength(s), JSON.stringify(s.slice(0, 20))).toBe(encoded.length);
      if (s && s.length < 100) expect(written).toContain(`text=${encoded}`);
    }
  });
});
