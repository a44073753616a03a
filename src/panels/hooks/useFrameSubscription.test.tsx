// @vitest-environment jsdom
// Panel subscriptions: new values wait for the redraw interval; what the reader points at does not.
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetStore, useStore } from '../../store';
import { useFrameSubscription } from './useFrameSubscription';

describe('useFrameSubscription', () => {
  let frames: FrameRequestCallback[] = [];
  let now = 0;
  beforeEach(() => {
    resetStore();
    frames = [];
    now = 100_000;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.spyOn(performance, 'now').mockImplementation(() => now);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  const nextFrame = (ms = 16.7) => {
    now += ms;
    act(() => frames.splice(0).forEach((cb) => cb(now)));
  };

  it('draws in the frame after mount, new values after the redraw interval, a hover in the next frame', () => {
    const seen: string[] = [];
    renderHook(() => useFrameSubscription((s) => [s.stepsPerSecond, s.hoverStep], ([speed, hover]) => seen.push(`${speed}/${hover}`)));
    expect(seen).toEqual([]);
    nextFrame();
    expect(seen).toEqual(['0/null']);
    act(() => useStore.setState({ stepsPerSecond: 5 }));
    nextFrame(); // 16.7 ms after the last draw: too soon
    expect(seen).toEqual(['0/null']);
    for (let i = 0; i < 6; i++) nextFrame(); // 100 ms have passed
    expect(seen).toEqual(['0/null', '5/null']);
    act(() => useStore.setState({ hoverStep: 3 }));
    nextFrame();
    expect(seen).toEqual(['0/null', '5/null', '5/3']);
  });

  it('panels that mount together draw one a frame; a light draw comes at once', () => {
    const seen: string[] = [];
    for (const name of ['a', 'b', 'c']) renderHook(() => useFrameSubscription((s) => s.stepsPerSecond, () => seen.push(name)));
    renderHook(() => useFrameSubscription((s) => s.stepsPerSecond, () => seen.push('light'), { light: true }));
    expect(seen).toEqual(['light']);
    nextFrame();
    expect(seen).toEqual(['light', 'a']);
    nextFrame();
    nextFrame();
    expect(seen).toEqual(['light', 'a', 'b', 'c']);
  });
});
