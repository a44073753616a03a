import { useContext, useEffect, useRef } from 'react';
import { useStore } from '../../store';
import type { AppState } from '../../store';
import { BACKGROUND_MS, FASTEST_REDRAW_MS, queueDraw, visibleRedrawMs } from './frameQueue';
import { PanelVisibilityContext } from './panelVisibility';

/**
 * Calls `draw(state)` whenever `select(state)` changes, at most once per animation frame, without
 * re-rendering React: the per-frame path is store.subscribe → renderer.update. Draws once at mount:
 * a light draw at once, a panel draw in the next frames, first in line (panels that mount together,
 * as when the first snapshot comes, then draw one a frame instead of all in one long task).
 * All draws share one queue that runs one panel draw per animation frame (see frameQueue); in view a panel draws at
 * most every visibleRedrawMs() (10/s, less while the page drops frames); far out of view only every
 * BACKGROUND_MS, and catches up as soon as it comes near the viewport again.
 * `select` should return a stable reference (a store field or a tuple compared item by item).
 * `light`: the draw only sets a few texts or classes (a read-out, a highlight): it keeps 10/s and
 * does not take the frame's panel-draw turn. A change of what the reader points at (hover,
 * selection) is drawn without waiting for the interval, so linked highlights follow the pointer.
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
    let queued: { cancel: () => void; inView: boolean; urgent: boolean } | null = null;
    let drawnAt = -Infinity;
    let last: T = selectRef.current(useStore.getState());
    const flush = () => {
      queued?.cancel();
      queued = null;
      drawnAt = performance.now();
      const state = useStore.getState();
      drawRef.current(selectRef.current(state), state);
    };
    /** urgent: the reader pointed at something (hover, selection): in view, draw without waiting for the interval. */
    const schedule = (urgent: boolean) => {
      const inView = !visibility || visibility.visible;
      urgent &&= inView;
      if (queued && (queued.inView || !inView) && (queued.urgent || !urgent)) return;
      queued?.cancel();
      const due = urgent ? 0
        : inView ? Math.max(0, drawnAt + (light ? FASTEST_REDRAW_MS : visibleRedrawMs())) : Math.max(1, drawnAt + BACKGROUND_MS);
      queued = { cancel: queueDraw(flush, due, light), inView, urgent };
    };
    if (light) flush();
    else queued = { cancel: queueDraw(flush, 0, false), inView: true, urgent: true };
    const unsubscribe = useStore.subscribe((state, prev) => {
      const next = selectRef.current(state);
      if (sameSelection(next, last)) return;
      last = next;
      schedule(pointedAt(state, prev));
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

/** Whether the reader's focus (hovered or selected step, unit, quantity, layer) changed. */
function pointedAt(a: AppState, b: AppState): boolean {
  return a.hoverStep !== b.hoverStep || a.hoverUnit !== b.hoverUnit || a.hoverQuantity !== b.hoverQuantity
    || a.selectedStep !== b.selectedStep || a.selectedUnit !== b.selectedUnit || a.layer !== b.layer;
}

function sameSelection(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.every((x, i) => Object.is(x, b[i]));
  return false;
}
