// The built-in text follows the page's language until a link, the Settings or a chapter picks one.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../worker/protocol';
import { applyUrlState, setConfig, setLang, toUrlState } from './actions';
import { connectWorker } from './bridge';
import { resetLessons, startLessonFromLink } from './lessons';
import { resetStore, useStore } from './store';
import type { Lang } from './types';
import { formatUrl, parseUrl } from './url';

let sent: Command[] = [];
let disconnect: () => void = () => {};

beforeEach(() => {
  disconnect();
  resetStore();
  resetLessons();
  sent = [];
  disconnect = connectWorker({ send: vi.fn((c: Command) => { sent.push(c); }), terminate: vi.fn() });
});

/** Opens the page on `query` in a browser that prefers `browser`. */
function load(query: string, browser: Lang = 'en'): void {
  const { state, notices } = parseUrl(`?${query}`, '');
  applyUrlState(state, browser, notices);
}
const corpus = () => useStore.getState().config.corpus;
const sentCorpus = () => [...sent].reverse().flatMap((c) => (c.type === 'set-config' ? [c.config.corpus] : []))[0];
const address = () => formatUrl(toUrlState(useStore.getState(), 'en'));

describe('the built-in text and the language', () => {
  it('a Chinese page with no text named trains on the Tang poems, from the link or the browser', () => {
    load('lang=zh-CN');
    expect(corpus()).toBe('zh');
    expect(sentCorpus()).toBe('zh');
    resetStore();
    load('', 'zh-CN');
    expect(corpus()).toBe('zh');
    load('', 'en');
    expect(corpus()).toBe('en');
  });

  it('switching the language switches the text while none was picked; the address names none', () => {
    load('');
    setLang('zh-CN');
    expect(corpus()).toBe('zh');
    expect(sentCorpus()).toBe('zh');
    expect(address()).toBe('lang=zh-CN');
    setLang('en');
    expect(corpus()).toBe('en');
    expect(address()).toBe('');
  });

  it('a link naming a text keeps it in either language, and the address keeps naming it', () => {
    load('lang=zh-CN&corpus=en');
    expect(corpus()).toBe('en');
    setLang('en');
    setLang('zh-CN');
    expect(corpus()).toBe('en');
    expect(address()).toBe('corpus=en&lang=zh-CN');
  });

  it('a text picked in the Settings stays when the language changes', () => {
    load('');
    setConfig({ corpus: 'zh' });
    setLang('zh-CN');
    setLang('en');
    expect(corpus()).toBe('zh');
    expect(address()).toBe('corpus=zh');
    // an invalid pick picks nothing
    resetStore();
    load('');
    setConfig({ corpus: 'fr' as 'en' });
    setLang('zh-CN');
    expect(corpus()).toBe('zh');
  });

  it('a chapter opened from a link keeps the text the link names, else takes its language\'s', () => {
    load('lesson=loss&lang=zh-CN&corpus=en');
    startLessonFromLink();
    expect(corpus()).toBe('en');
    resetStore();
    resetLessons();
    load('lesson=loss&lang=zh-CN');
    startLessonFromLink();
    expect(corpus()).toBe('zh');
  });
});
