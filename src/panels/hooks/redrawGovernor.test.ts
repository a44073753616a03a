// The redraw governor: panels slow down while frames are dropped, speed up again when they are not.
import { describe, expect, it } from 'vitest';
import { createRedrawGovernor } from './redrawGovernor';

const feed = (g: ReturnType<typeof createRedrawGovernor>, frames: number[]) => frames.forEach((f) => g.observe(f));
const smooth = (n: number, ms = 16.7) => Array.from({ length: n }, () => ms);
/** n frames at 60 Hz of which every k-th took two refresh intervals. */
const janky = (n: number, k: number) => Array.from({ length: n }, (_, i) => (i % k === k - 1 ? 33.4 : 16.7));

describe('redraw governor', () => {
  it('judges nothing before a window of frame times has shown the refresh interval', () => {
    const g = createRedrawGovernor({ minMs: 100, maxMs: 400 });
    feed(g, janky(29, 2));
    feed(g, smooth(1));
    expect(g.interval()).toBe(100);
  });

  it('keeps the fastest interval while frames are smooth', () => {
    const g = createRedrawGovernor({ minMs: 100, maxMs: 400 });
    feed(g, smooth(600));
    expect(g.interval()).toBe(100);
  });

  it('slows the panels while frames are dropped, never past the slowest interval', () => {
    const g = createRedrawGovernor({ minMs: 100, maxMs: 400 });
    feed(g, smooth(30)); // a first window shows the refresh interval
    feed(g, janky(30, 10)); // 3 dropped in one window
    expect(g.interval()).toBeCloseTo(130, 6);
    feed(g, janky(30 * 20, 5));
    expect(g.interval()).toBe(400);
  });

  it('holds the interval on a window with one dropped frame, and speeds up after clean windows', () => {
    const g = createRedrawGovernor({ minMs: 100, maxMs: 400 });
    feed(g, smooth(30));
    feed(g, janky(90, 10));
    const slowed = g.interval();
    expect(slowed).toBeCloseTo(100 * 1.3 ** 3, 6);
    feed(g, janky(30, 30)); // one dropped frame: hold
    expect(g.interval()).toBeCloseTo(slowed, 6);
    feed(g, smooth(30));
    expect(g.interval()).toBeCloseTo(slowed * 0.9, 6);
    feed(g, smooth(30 * 40));
    expect(g.interval()).toBe(100);
  });

  it('judges dropped frames against the display refresh rate (120 Hz)', () => {
    const g = createRedrawGovernor({ minMs: 100, maxMs: 400 });
    feed(g, smooth(60, 8.33));
    expect(g.interval()).toBe(100);
    // 16.7 ms frames on a 120 Hz display are dropped frames
    feed(g, Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 16.7 : 8.33)));
    expect(g.interval()).toBeGreaterThan(100);
  });

  it('ignores nonsense frame times, and long stalls do not spoil the refresh estimate', () => {
    const g = createRedrawGovernor({ minMs: 100, maxMs: 400 });
    feed(g, [NaN, -1, 0, Infinity, ...smooth(30)]);
    expect(g.interval()).toBe(100);
    // two stalls in a window: dropped frames (slower panels); the 60 Hz estimate stays
    feed(g, [...smooth(27), 2000, 1500, 16.7]);
    expect(g.interval()).toBeCloseTo(130, 6);
    feed(g, janky(30, 10));
    expect(g.interval()).toBeCloseTo(169, 6);
  });

  it('is not fooled by a stray short frame (jittery timestamps, variable refresh)', () => {
    const g = createRedrawGovernor({ minMs: 100, maxMs: 400 });
    feed(g, [6, 5, ...smooth(118)]);
    expect(g.interval()).toBe(100);
  });

  it('counts dropped frames even when most frames are dropped', () => {
    const g = createRedrawGovernor({ minMs: 100, maxMs: 400 });
    feed(g, smooth(60));
    feed(g, janky(30 * 6, 2)); // every other frame late
    expect(g.interval()).toBe(400);
  });
});
