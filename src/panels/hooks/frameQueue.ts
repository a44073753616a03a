/**
 * One queue of panel draws for all panels, run in animation frames. A frame runs draws in the order
 * they were asked for until FRAME_BUDGET_MS is spent (at least one), and the rest wait for the next
 * frame, first in line: with every panel in view, no frame grows long; each panel draws the newest
 * state when its turn comes. Panels far out of view ask with a `due` time (redrawn at most every
 * BACKGROUND_MS) and run only in time left over, or once overdue by STARVE_MS, so the page stays
 * current for readers that do not scroll (screen readers, tests) at a small, even cost.
 */

/** How often a panel out of view is brought up to date. */
export const BACKGROUND_MS = 500;
/** Time per animation frame for draws. */
const FRAME_BUDGET_MS = 3;
/**
 * Draws per frame at most: the browser's own paint of a redrawn panel does not show in the script
 * time budget, so spreading panels over frames keeps each frame's paint small.
 */
const MAX_DRAWS_PER_FRAME = 3;
/** A waiting out-of-view draw runs even without time left once it is this late. */
const STARVE_MS = 1000;

interface Entry {
  due: number;
  run: () => void;
}

const queue = new Set<Entry>();
let frame = 0;

function pump(): void {
  frame = 0;
  const start = performance.now();
  let ran = 0;
  for (const e of queue) {
    if (e.due > start) continue;
    const spent = performance.now() - start;
    if (ran > 0 && (spent > FRAME_BUDGET_MS || ran >= MAX_DRAWS_PER_FRAME) && !(e.due > 0 && start - e.due > STARVE_MS)) continue;
    queue.delete(e);
    e.run();
    ran++;
  }
  if (queue.size > 0) frame = requestAnimationFrame(pump);
}

/**
 * Runs `run` in an animation frame: the next one if time allows; with `due` (a performance.now()
 * time, for panels out of view) not before then. Returns the function that cancels it.
 */
export function queueDraw(run: () => void, due = 0): () => void {
  const e: Entry = { due, run };
  queue.add(e);
  if (!frame) frame = requestAnimationFrame(pump);
  return () => void queue.delete(e);
}
