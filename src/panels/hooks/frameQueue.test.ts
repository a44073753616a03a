// The shared draw queue: a time budget per frame, the rest first in line next frame, late draws not starved.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queueDraw } from './frameQueue';

describe('frame queue', () => {
  let frames: FrameRequestCallback[] = [];
  let now = 0;
  beforeEach(() => {
    frames = [];
    now = 10_000;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.spyOn(performance, 'now').mockImplementation(() => now);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  const nextFrame = () => frames.splice(0).forEach((cb) => cb(now));

  it('runs draws until the budget is spent and the rest in the next frame, in order', () => {
    const ran: string[] = [];
    const slow = (id: string) => () => { ran.push(id); now += 5; };
    queueDraw(slow('a'));
    queueDraw(slow('b'));
    const cancel = queueDraw(slow('c'));
    queueDraw(slow('d'));
    cancel();
    nextFrame();
    expect(ran).toEqual(['a']);
    nextFrame();
    expect(ran).toEqual(['a', 'b']);
    nextFrame();
    expect(ran).toEqual(['a', 'b', 'd']);
    expect(frames).toHaveLength(0);
  });
  it('holds a draw with a due time until then', () => {
    const ran: string[] = [];
    queueDraw(() => ran.push('later'), now + 500);
    nextFrame();
    expect(ran).toEqual([]);
    now += 600;
    nextFrame();
    expect(ran).toEqual(['later']);
  });
});
