// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetStore, setConfig, setLang, useStore } from '../store';
import { startUrlSync } from './urlSync';

afterEach(() => {
  vi.useRealTimers();
  resetStore();
});

describe('the address and the store', () => {
  it('reads the link at start, then writes the state back (debounced), keeping the sub-path', () => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/courses/rnn/?cell=gru&bogus=1');
    const replace = vi.spyOn(window.history, 'replaceState');
    const stop = startUrlSync('en');
    expect(useStore.getState().config.cell).toBe('gru');
    expect(useStore.getState().notices.map((n) => n.params?.name)).toEqual(['bogus']);
    vi.advanceTimersByTime(300);
    expect(window.location.pathname + window.location.search).toBe('/courses/rnn/?cell=gru');
    setConfig({ lr: 0.02 });
    setLang('zh-CN');
    expect(window.location.search).toBe('?cell=gru');
    vi.advanceTimersByTime(300);
    expect(window.location.search).toBe('?cell=gru&lr=0.02&lang=zh-CN');
    const calls = replace.mock.calls.length;
    useStore.setState({ stepsPerSecond: 99 });
    vi.advanceTimersByTime(300);
    expect(replace.mock.calls.length).toBe(calls);
    stop();
  });

  it('a language from the browser is not written into the link', () => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/courses/rnn/');
    const stop = startUrlSync('zh-CN');
    expect(useStore.getState().lang).toBe('zh-CN');
    vi.advanceTimersByTime(300);
    expect(window.location.search).toBe('');
    stop();
  });

  it('a hash typed in, or Back, is applied; a text too long for links survives it', () => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/courses/rnn/?cell=gru');
    const stop = startUrlSync('en');
    window.location.hash = '#hidden=12';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(useStore.getState().config).toMatchObject({ cell: 'gru', hidden: 12 });
    vi.advanceTimersByTime(300);
    expect(window.location.search).toBe('?cell=gru&hidden=12');
    const long = '春眠不觉晓'.repeat(100);
    setConfig({ task: 'charlm', text: long });
    vi.advanceTimersByTime(300);
    expect(window.location.search).not.toContain('text=');
    expect(window.location.href.length).toBeLessThanOrEqual(2000);
    window.history.pushState(null, '', '/courses/rnn/?task=charlm&cell=lstm');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(useStore.getState().config).toMatchObject({ cell: 'lstm', text: long });
    stop();
  });
});
