/**
 * Work too large for one task, done in parts: one part per animation frame (a timer where there
 * are no frames, e.g. in tests), so the browser styles, lays out and paints between the parts and
 * no frame grows long.
 */

/** Runs `fn` in the next animation frame (a 16 ms timer where there are none); returns the function that cancels it. */
export function nextFrame(fn: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(() => fn());
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(fn, 16);
  return () => clearTimeout(id);
}

/**
 * Calls `part` once per frame, from the next frame on, for as long as it returns true (more to do).
 * Returns the function that stops it (parts not run yet are dropped).
 */
export function runInParts(part: () => boolean): () => void {
  let cancel: (() => void) | null = null;
  const run = () => {
    cancel = null;
    if (part()) cancel = nextFrame(run);
  };
  cancel = nextFrame(run);
  return () => {
    cancel?.();
    cancel = null;
  };
}
