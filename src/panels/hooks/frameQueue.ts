/**
 * One queue of panel draws for all panels, run in animation frames. A frame runs one panel draw (the
 * first due, in the order they were asked for) plus every light draw that is due; the rest wait for
 * the next frame, first in line: with every panel in view, no frame grows long; each panel draws the
 * newest state when its turn comes. Panels far out of view ask with a `due` time (redrawn at most
 * every BACKGROUND_MS) and run when their turn comes, or beside the frame's draw once overdue by
 * STARVE_MS, so the page stays current for readers that do not scroll (screen readers, tests).
 */

import { createRedrawGovernor } from './redrawGovernor';

/** How often a panel out of view is brought up to date. */
export const BACKGROUND_MS = 500;
/**
 * A panel in view redraws at most every 100 ms (10/s): live enough to watch. When the page drops
 * frames (many panels in view on a slow machine) the interval grows, up to 400 ms, and comes back
 * down when frames are smooth again (see redrawGovernor).
 */
export const FASTEST_REDRAW_MS = 100;
const governor = createRedrawGovernor({ minMs: FASTEST_REDRAW_MS, maxMs: 400 });

/** The redraw interval (ms) a panel in view keeps now. */
export function visibleRedrawMs(): number {
  return governor.interval();
}
// a hidden tab gets no frames: the gap until it is shown again is not a frame time
if (typeof document !== 'undefined') document.addEventListener('visibilitychange', () => { chainedAt = null; });
/**
 * Panel draws per frame at most (light draws, such as a read-out's text, do not count): the
 * browser's own work for a redrawn panel (style, layout, paint, canvas upload, raster) can be larger
 * than the script's, so one panel a frame, rather than a time budget, keeps every frame short.
 * With a dozen panels in view each then redraws a few times a second; with a few, up to 10 times.
 */
const MAX_DRAWS_PER_FRAME = 1;
/** A waiting out-of-view draw runs beside the frame's draw once it is this late… */
const STARVE_MS = 1000;
/**
 * …while the frame has run for less than this (ms): on a slow machine many panels are late at once,
 * and all of them in one frame would make one long task; the rest run in the next frames.
 */
const LATE_BUDGET_MS = 25;

interface Entry {
  due: number;
  run: () => void;
  light: boolean;
}

const queue = new Set<Entry>();
/** The requested animation frame, PUMPING while the queue runs (draws asked for then wait for the next frame), 0 when none. */
let frame = 0;
const PUMPING = -1;
/** rAF time of the last pump that asked for the next frame (frame times are measured between those). */
let chainedAt: number | null = null;

function pump(frameTime: number): void {
  frame = PUMPING;
  if (chainedAt !== null) governor.observe(frameTime - chainedAt);
  chainedAt = null;
  const start = performance.now();
  let ran = 0;
  for (const e of [...queue]) {
    if (e.due > start || !queue.has(e)) continue;
    const late = e.due > 0 && start - e.due > STARVE_MS && (ran === 0 || performance.now() - start < LATE_BUDGET_MS);
    if (!e.light && ran >= MAX_DRAWS_PER_FRAME && !late) continue;
    queue.delete(e);
    if (!e.light) ran++;
    try {
      e.run();
    } catch (err) {
      // one panel's failure must not stop the others' drawing: report it and go on
      if (typeof reportError === 'function') reportError(err);
      else console.error(err);
    }
  }
  frame = 0;
  if (queue.size > 0) {
    chainedAt = frameTime;
    frame = requestAnimationFrame(pump);
  }
}

/**
 * Runs `run` in an animation frame: the next one if time allows; with `due` (a performance.now()
 * time) not before then. A `light` draw (a few text nodes or classes) runs in the first frame it is
 * due, beside the frame's panel draw. Returns the function that cancels it.
 */
export function queueDraw(run: () => void, due = 0, light = false): () => void {
  const e: Entry = { due, run, light };
  queue.add(e);
  if (!frame) frame = requestAnimationFrame(pump);
  return () => void queue.delete(e);
}
