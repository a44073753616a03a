import { useEffect } from 'react';
import { useStore } from '../../store';

/** How long the scroll to a chapter's stage waits for the new run's first snapshot (ms). */
const SCROLL_WAIT_MS = 1500;
/**
 * For how long after a chapter opens the stage is brought back into view whenever the page's height
 * changes (ms): the panels mount one a frame and a language's strings may arrive late, and either can
 * move the stage after the first scroll. A user's own wheel, touch, key or click ends it at once.
 */
const SETTLE_MS = 2500;

/** The panel elements with these data-testids that are in the page. */
export function panelElements(ids: readonly string[]): HTMLElement[] {
  return ids
    .map((id) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`))
    .filter((el): el is HTMLElement => el !== null);
}

/** The height of the run bar that stays at the top of the window (0 when it does not stay). */
function stickyTop(): number {
  const bar = document.querySelector<HTMLElement>('[data-testid="status"]');
  if (!bar || getComputedStyle(bar).position !== 'sticky') return 0;
  return bar.getBoundingClientRect().height;
}

/**
 * Scrolls the window so that the chapter's stage (else its first panel) starts just below the run
 * bar: the staged panels are then in view whole, beside the lesson. Instant when the user prefers
 * less motion or `instant` is set.
 */
export function scrollToStage(ids: readonly string[], instant = false): void {
  const target = document.querySelector<HTMLElement>('[data-testid="stage"]') ?? panelElements(ids)[0];
  if (!target) return;
  const reduced = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const gap = 8;
  const top = Math.max(0, target.getBoundingClientRect().top + window.scrollY - stickyTop() - gap);
  window.scrollTo({ top, behavior: instant || reduced ? 'auto' : 'smooth' });
}

/**
 * When a chapter opens (`opened` counts the openings, so reopening the same chapter counts), brings its stage into view: at once, and again once the new run's first
 * snapshot has been drawn (the panels above the stage may change height with it). Only while the
 * lesson pane sits beside the panels (wide screens); on narrow screens the pane comes first.
 */
export function useStageScroll(lesson: string | null, focus: readonly string[], opened: number): void {
  const key = focus.join(' ');
  useEffect(() => {
    if (!lesson || !key) return;
    const pane = document.querySelector<HTMLElement>('[data-testid="lesson"]');
    if (!pane || getComputedStyle(pane).position !== 'sticky') return;
    const ids = key.split(' ');
    let frame = requestAnimationFrame(() => scrollToStage(ids, true));
    const before = useStore.getState().snapshot;
    const go = () => {
      stop();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => scrollToStage(ids, true));
    };
    const timer = setTimeout(go, SCROLL_WAIT_MS);
    const unsubscribe = useStore.subscribe((s) => {
      if (s.snapshot !== before) go();
    });
    // while the page settles, a change of its height brings the stage back (unless the user moved first)
    const again = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => scrollToStage(ids, true));
    };
    const settle = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(again);
    settle?.observe(document.body);
    const USER = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
    const endSettle = () => {
      settle?.disconnect();
      clearTimeout(settleTimer);
      for (const type of USER) window.removeEventListener(type, endSettle, true);
    };
    const settleTimer = setTimeout(endSettle, SETTLE_MS);
    for (const type of USER) window.addEventListener(type, endSettle, { capture: true, passive: true });
    function stop() {
      clearTimeout(timer);
      unsubscribe();
    }
    return () => {
      stop();
      endSettle();
      cancelAnimationFrame(frame);
    };
  }, [lesson, key, opened]);
}
