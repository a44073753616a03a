import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber, pickLang, tables, translate } from './index';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'i18n' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('i18n tables', () => {
  it('English and Chinese have exactly the same keys, none empty', () => {
    const en = Object.keys(tables.en).sort();
    const zh = Object.keys(tables['zh-CN']).sort();
    expect(zh.filter((k) => !tables.en[k])).toEqual([]);
    expect(en.filter((k) => !tables['zh-CN'][k])).toEqual([]);
    expect(en).toEqual(zh);
  });

  it('every key the source code looks up exists in both tables', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('src')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\btranslate\(\s*[\w.]+\s*,\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !(k in tables.en) || !(k in tables['zh-CN']));
    expect(missing).toEqual([]);
  });

  it('placeholders match between languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(tables.en)) {
      expect([key, names(tables['zh-CN'][key] ?? '')]).toEqual([key, names(tables.en[key])]);
    }
  });

  it('fills parameters and falls back to the key', () => {
    tables.en['test.hello'] = 'Hello {name}, step {n}';
    expect(translate('en', 'test.hello', { name: 'Ada', n: 1200 })).toBe('Hello Ada, step 1,200');
    delete tables.en['test.hello'];
    expect(translate('zh-CN', 'no.such.key')).toBe('no.such.key');
  });

  it('formats numbers and picks a language', () => {
    expect(formatNumber('en', 0.000012)).toBe('1.200e-5');
    expect(formatNumber('en', Infinity)).toBe('∞');
    expect(pickLang(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLang('en', ['zh-CN'])).toBe('en');
    expect(pickLang('xx', ['fr'])).toBe('en');
  });
});

describe('the presenter notes (loaded by the console only)', () => {
  it('English and Chinese have the same keys, none empty, one per chapter', async () => {
    const { notes } = await import('./notes');
    const en = Object.keys(notes.en).sort();
    expect(Object.keys(notes['zh-CN']).sort()).toEqual(en);
    expect(en.filter((k) => !notes.en[k] || !notes['zh-CN'][k])).toEqual([]);
    expect(en.length).toBeGreaterThanOrEqual(11);
    // not in the page's own tables until the console adds them
    expect(en.filter((k) => k in tables.en)).toEqual([]);
  });
});
