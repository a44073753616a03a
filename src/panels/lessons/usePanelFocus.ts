import { useEffect, type RefObject } from 'react';
import { focusPanels } from '../../store/lessons';
import { useStore } from '../../store';

/** How long the scroll to a chapter's panels waits for the new run's first snapshot (ms). */
const SCROLL_WAIT_MS = 1500;

/** The attribute that marks a panel the open chapter talks about (styled in lessons.css). */
export const FOCUS_ATTR = 'data-lesson-focus';

/** The panel elements with these data-testids that are in the page. */
export function panelElements(ids: string[]): HTMLElement[] {
  return ids
    .map((id) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`))
    .filter((el): el is HTMLElement => el !== null);
}

/** Scrolls the first of the chapter's panels into view (instantly when the user prefers less motion). */
export function scrollToPanels(ids: string[]): void {
  const [first] = panelElements(ids);
  if (!first) return;
  const reduced = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  first.scrollIntoView?.({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
}

/**
 * Marks the open chapter's panels (and unmarks the rest) whenever the chapter or the run changes;
 * when the chapter changes and the pane stays in view beside the panels (wide screens), scrolls to them.
 */
export function usePanelFocus(lesson: string | null, pane: RefObject<HTMLElement | null>): void {
  const config = useStore((s) => s.config);
  const ids = focusPanels(lesson);
  const key = ids.join(' ');
  useEffect(() => {
    const wanted = new Set(panelElements(key ? key.split(' ') : []));
    document.querySelectorAll<HTMLElement>(`[${FOCUS_ATTR}]`).forEach((el) => {
      if (!wanted.has(el)) el.removeAttribute(FOCUS_ATTR);
    });
    wanted.forEach((el) => el.setAttribute(FOCUS_ATTR, ''));
  }, [key, config]);
  useEffect(() => {
    if (!key || !pane.current || getComputedStyle(pane.current).position !== 'sticky') return;
    // The new run's first snapshot changes the panels' heights: scroll once it has been drawn.
    const ids = key.split(' ');
    const before = useStore.getState().snapshot;
    let frame = 0;
    const go = () => {
      stop();
      frame = requestAnimationFrame(() => scrollToPanels(ids));
    };
    const timer = setTimeout(go, SCROLL_WAIT_MS);
    const unsubscribe = useStore.subscribe((s) => {
      if (s.snapshot !== before) go();
    });
    function stop() {
      clearTimeout(timer);
      unsubscribe();
    }
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
  }, [key, pane]);
}
