/**
 * How often a panel in view may redraw, adapted to what the machine keeps up with. The page watches
 * its own frame times while panels are drawing: when frames are being dropped (a frame that took
 * well over the display's refresh interval) the panels redraw less often; after windows with no
 * dropped frame they speed up again, down to the fastest rate. So scrolling, hovering and the sweep
 * animations stay smooth on a slow machine with a dozen panels in view, and a fast machine, or a
 * view with a few panels, gets the fastest refresh.
 *
 * Pure bookkeeping (no DOM, no timers): feed it frame-to-frame times, ask it for the interval.
 */

export interface GovernorOptions {
  /** Fastest redraw interval of a panel in view (ms). */
  minMs: number;
  /** Slowest redraw interval (ms): the panels always stay live. */
  maxMs: number;
  /** Frames per judgement window. */
  windowFrames?: number;
  /** Dropped frames in a window from which the interval grows. */
  dropsToSlow?: number;
  /** Interval × this when frames were dropped (> 1). */
  slowFactor?: number;
  /** Interval × this after a window without a dropped frame (< 1). */
  speedFactor?: number;
}

export interface RedrawGovernor {
  /** One frame-to-frame time (ms) while panels were drawing (the caller leaves out hidden-tab gaps). */
  observe(frameMs: number): void;
  /** The redraw interval (ms) a panel in view keeps now. */
  interval(): number;
}

/** A frame counts as dropped when it took this many refresh intervals or more. */
const DROPPED = 1.5;
/** Frame times over this are dropped frames but say nothing of the display's refresh interval. */
const LONG_MS = 250;
/** Frame times kept to estimate the display's refresh interval. */
const REFRESH_SAMPLES = 120;
/**
 * The refresh interval is this low quantile of recent frame times: robust to a stray short frame
 * (jittery timestamps, a variable-refresh display) and to the dropped frames themselves.
 */
const REFRESH_QUANTILE = 0.1;

export function createRedrawGovernor(options: GovernorOptions): RedrawGovernor {
  const { minMs, maxMs } = options;
  const windowFrames = options.windowFrames ?? 30;
  const dropsToSlow = options.dropsToSlow ?? 2;
  const slowFactor = options.slowFactor ?? 1.3;
  const speedFactor = options.speedFactor ?? 0.9;
  let interval = minMs;
  let frames = 0;
  let dropped = 0;
  // the display's refresh interval, from recent frame times (60 Hz → 16.7 ms, 120 Hz → 8.3 ms)
  const recent: number[] = [];
  // estimated once a window (a sort of 120 numbers), not at every frame; NaN until a window has passed
  let refreshMs = NaN;
  const estimate = (): number => {
    const sorted = [...recent].sort((a, b) => a - b);
    return Math.max(4, sorted[Math.floor(REFRESH_QUANTILE * (sorted.length - 1))] ?? 16.7);
  };

  return {
    observe(frameMs) {
      if (!(frameMs > 0) || !Number.isFinite(frameMs)) return;
      if (frameMs <= LONG_MS) {
        recent.push(frameMs);
        if (recent.length > REFRESH_SAMPLES) recent.shift();
      }
      frames++;
      // judged once a window's worth of frame times has shown the refresh interval
      if (Number.isNaN(refreshMs) && recent.length >= windowFrames) refreshMs = estimate();
      if (frameMs >= DROPPED * refreshMs) dropped++;
      if (frames < windowFrames) return;
      if (recent.length >= windowFrames) refreshMs = estimate();
      if (dropped >= dropsToSlow) interval = Math.min(maxMs, interval * slowFactor);
      else if (dropped === 0) interval = Math.max(minMs, interval * speedFactor);
      frames = 0;
      dropped = 0;
    },
    interval: () => interval,
  };
}
