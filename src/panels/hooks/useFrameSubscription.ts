import { useContext, useEffect, useRef } from 'react';
import { useStore } from '../../store';
import type { AppState } from '../../store';
import { BACKGROUND_MS, FASTEST_REDRAW_MS, queueDraw, visibleRedrawMs } from './frameQueue';
import { PanelVisibilityContext } from './panelVisibility';

/**
 * Calls `draw(state)` whenever `select(state)` changes, at most once per animation frame, without
 * re-rendering React: the per-frame path is store.subscribe → renderer.update. Draws once at mount.
 * All draws share one queue with a time budget per frame (see frameQueue); in view a panel draws at
 * most every visibleRedrawMs() (10/s, less while the page drops frames); far out of view only every
 * BACKGROUND_MS, and catches up as soon as it comes near the viewport again.
 * `select` should return a stable reference (a store field or a tuple compared item by item).
 * `light`: the draw only sets a few texts or classes (a read-out, a highlight): it keeps 10/s and
 * does not take the frame's panel-draw turn.
 */
export function useFrameSubscription<T>(select: (s: AppState) => T, draw: (value: T, state: AppState) => void,
  options: { light?: boolean } = {}): void {
  const light = options.light ?? false;
  const drawRef = useRef(draw);
  const selectRef = useRef(select);
  const visibility = useContext(PanelVisibilityContext);
  useEffect(() => {
    drawRef.current = draw;
    selectRef.current = select;
  });
  useEffect(() => {
    let queued: { cancel: () => void; inView: boolean } | null = null;
    let drawnAt = -Infinity;
    let last: T = selectRef.current(useStore.getState());
    const flush = () => {
      queued?.cancel();
      queued = null;
      drawnAt = performance.now();
      const state = useStore.getState();
      drawRef.current(selectRef.current(state), state);
    };
    const schedule = () => {
      const inView = !visibility || visibility.visible;
      if (queued && (queued.inView || !inView)) return;
      queued?.cancel();
      const due = inView ? Math.max(0, drawnAt + (light ? FASTEST_REDRAW_MS : visibleRedrawMs())) : Math.max(1, drawnAt + BACKGROUND_MS);
      queued = { cancel: queueDraw(flush, due, light), inView };
    };
    flush();
    const unsubscribe = useStore.subscribe((state) => {
      const next = selectRef.current(state);
      if (sameSelection(next, last)) return;
      last = next;
      schedule();
    });
    const unlisten = visibility?.listen(() => {
      // back in view: show the current state at once
      if (visibility.visible && queued && !queued.inView) flush();
    });
    return () => {
      unsubscribe();
      unlisten?.();
      queued?.cancel();
    };
  }, [visibility, light]);
}

function sameSelection(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.every((x, i) => Object.is(x, b[i]));
  return false;
}
