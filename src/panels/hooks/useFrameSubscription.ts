import { useEffect, useRef } from 'react';
import { useStore } from '../../store';
import type { AppState } from '../../store';

/**
 * Calls `draw(state)` whenever `select(state)` changes, at most once per animation frame, without
 * re-rendering React: the per-frame path is store.subscribe → renderer.update. Draws once at mount.
 * `select` should return a stable reference (a store field or a tuple compared item by item).
 */
export function useFrameSubscription<T>(select: (s: AppState) => T, draw: (value: T, state: AppState) => void): void {
  const drawRef = useRef(draw);
  const selectRef = useRef(select);
  useEffect(() => {
    drawRef.current = draw;
    selectRef.current = select;
  });
  useEffect(() => {
    let frame = 0;
    let last: T = selectRef.current(useStore.getState());
    const flush = () => {
      frame = 0;
      const state = useStore.getState();
      drawRef.current(selectRef.current(state), state);
    };
    flush();
    const unsubscribe = useStore.subscribe((state) => {
      const next = selectRef.current(state);
      if (sameSelection(next, last)) return;
      last = next;
      if (!frame) frame = requestAnimationFrame(flush);
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}

function sameSelection(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.every((x, i) => Object.is(x, b[i]));
  return false;
}
