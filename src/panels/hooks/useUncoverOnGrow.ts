import { useEffect, type RefObject } from 'react';

/**
 * For a bar that sticks to the top of the page (the run bar): when it grows — a message appears in it
 * — while the page is scrolled, the page scrolls back by as much, so the panels under the bar move
 * down with it instead of being covered (the browser's scroll anchoring would otherwise keep them in
 * place, under the taller bar). Shrinking needs nothing: it only uncovers.
 */
export function useUncoverOnGrow(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    let height = el.getBoundingClientRect().height;
    const observer = new ResizeObserver(() => {
      const next = el.getBoundingClientRect().height;
      const grown = next - height;
      height = next;
      const stuck = el.getBoundingClientRect().top <= 0.5 && window.scrollY > 0;
      if (grown > 0.5 && stuck) window.scrollBy({ top: -grown, behavior: 'instant' });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
}
