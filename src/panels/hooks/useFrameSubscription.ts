import { useContext, useEffect, useRef } from 'react';
import { useStore } from '../../store';
import type { AppState } from '../../store';
import { BACKGROUND_MS, queueDraw } from './frameQueue';
import { PanelVisibilityContext } from './panelVisibility';

/**
 * Calls `draw(state)` whenever `select(state)` changes, at most once per animation frame, without
 * re-rendering React: the per-frame path is store.subscribe → renderer.update. Draws once at mount.
 * All draws share one queue with a time budget per frame (see frameQueue); inside a panel far out of
 * view it draws only every BACKGROUND_MS, and catches up as soon as it comes near the viewport again.
 * `select` should return a stable reference (a store field or a tuple compared item by item).
 */
export function useFrameSubscription<T>(select: (s: AppState) => T, draw: (value: T, state: AppState) => void): void {
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
      queued = { cancel: queueDraw(flush, inView ? Math.max(0, drawnAt + VISIBLE_MS) : Math.max(1, drawnAt + BACKGROUND_MS)), inView };
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
  }, [visibility]);
}

/**
 * A panel in view redraws at most this often (10/s): live enough to watch, and with a dozen panels
 * in view the page's paint per second stays within what a frame can take.
 */
const VISIBLE_MS = 100;

function sameSelection(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.every((x, i) => Object.is(x, b[i]));
  return false;
}
