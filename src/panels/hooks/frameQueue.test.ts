// The shared draw queue: one panel draw a frame (light draws beside it), the rest first in line next frame, late draws not starved.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queueDraw } from './frameQueue';

// animation frames run by hand, on a clock set by hand
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

describe('frame queue', () => {
  it('runs one draw a frame and the rest in the next frames, in order', () => {
    const ran: string[] = [];
    const slow = (id: string) => () => { ran.push(id); now += 1; };
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
  it('runs an out-of-view draw overdue by a second beside the frame\'s panel draw', () => {
    const ran: string[] = [];
    queueDraw(() => ran.push('in view'));
    queueDraw(() => ran.push('overdue'), now - 1500);
    queueDraw(() => ran.push('due'), now - 10);
    nextFrame();
    expect(ran).toEqual(['in view', 'overdue']);
    nextFrame();
    expect(ran).toEqual(['in view', 'overdue', 'due']);
  });
  it('runs overdue draws beside a frame\'s draw only while the frame is short; the rest in the next frames', () => {
    const ran: string[] = [];
    const slow = (id: string, ms: number) => () => { ran.push(id); now += ms; };
    queueDraw(slow('in view', 20));
    queueDraw(slow('late 1', 10), now - 1500);
    queueDraw(slow('late 2', 10), now - 1500);
    queueDraw(slow('late 3', 10), now - 1500);
    nextFrame(); // 20 ms of the frame's draw, then one late draw makes 30 ms: no more this frame
    expect(ran).toEqual(['in view', 'late 1']);
    nextFrame(); // a frame with no draw of its own starts with a late one
    expect(ran).toEqual(['in view', 'late 1', 'late 2', 'late 3']);
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

describe('frame queue redraw interval', () => {
  it('grows while the frames that run draws come late, and recovers when they are on time', async () => {
    // a fresh queue and governor: no frame times left over from the tests above
    vi.resetModules();
    const { queueDraw, visibleRedrawMs } = await import('./frameQueue');
    expect(visibleRedrawMs()).toBe(100);
    // a panel that keeps asking for the next draw: every frame runs one draw
    let frameMs = 16.7;
    let stop = false;
    const ask = () => queueDraw(() => { if (!stop) ask(); });
    ask();
    const runFrames = (n: number, lateEvery: number) => {
      for (let i = 0; i < n; i++) {
        now += i % lateEvery === lateEvery - 1 ? 2 * frameMs : frameMs;
        frames.splice(0).forEach((cb) => cb(now));
      }
    };
    runFrames(300, 5);
    expect(visibleRedrawMs()).toBeGreaterThan(200);
    runFrames(3000, Infinity);
    expect(visibleRedrawMs()).toBe(100);
    stop = true;
    frameMs = 0;
    runFrames(2, Infinity);
    expect(frames).toHaveLength(0);
  });
});

describe('frame queue, draws that ask for draws', () => {
  it('runs a draw queued by a draw in the next frame, with one frame request at a time', () => {
    const ran: number[] = [];
    let frameNo = 0;
    const ask = () => queueDraw(() => { ran.push(frameNo); if (ran.length < 5) ask(); });
    ask();
    for (frameNo = 1; frameNo <= 6; frameNo++) {
      expect(frames.length).toBeLessThanOrEqual(1);
      frames.splice(0).forEach((cb) => cb(frameNo * 16.7));
    }
    expect(ran).toEqual([1, 2, 3, 4, 5]);
    expect(frames).toHaveLength(0);
  });
});

describe('frame queue, a draw that throws', () => {
  it('is reported, and the other draws go on in this frame and later ones', () => {
    vi.stubGlobal('reportError', vi.fn());
    const ran: string[] = [];
    queueDraw(() => { throw new Error('broken panel'); });
    queueDraw(() => ran.push('a'));
    queueDraw(() => ran.push('read-out'), 0, true);
    nextFrame();
    expect(ran).toEqual(['read-out']);
    expect(reportError).toHaveBeenCalledTimes(1);
    nextFrame();
    expect(ran).toEqual(['read-out', 'a']);
    queueDraw(() => ran.push('b'));
    expect(frames).toHaveLength(1);
    nextFrame();
    expect(ran).toEqual(['read-out', 'a', 'b']);
  });
});

describe('frame queue, light draws', () => {
  it('runs one panel draw a frame, and every light draw that is due beside it', () => {
    const ran: string[] = [];
    queueDraw(() => ran.push('panel 1'));
    queueDraw(() => ran.push('panel 2'));
    queueDraw(() => ran.push('read-out'), 0, true);
    queueDraw(() => ran.push('highlight'), 0, true);
    nextFrame();
    expect(ran).toEqual(['panel 1', 'read-out', 'highlight']);
    nextFrame();
    expect(ran).toEqual(['panel 1', 'read-out', 'highlight', 'panel 2']);
    expect(frames).toHaveLength(0);
  });
});
