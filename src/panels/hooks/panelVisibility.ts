import { createContext, useContext, useEffect, useState, type RefObject } from 'react';

/** Whether a panel is on screen or close to it, and who to tell when that changes. */
export interface PanelVisibility {
  readonly visible: boolean;
  /** Calls `fn` after every change; returns the function that stops it. */
  listen(fn: () => void): () => void;
  /** Counts `el` in: visible while it (or another element watched) is near the viewport. Returns the undo. */
  watch(el: Element): () => void;
}

/** The visibility of the panel around a component (null outside any panel: always drawn). */
export const PanelVisibilityContext = createContext<PanelVisibility | null>(null);

/** How far outside the viewport a panel still counts as visible, so it is drawn before it scrolls in. */
const MARGIN = '400px 0px';

/** A visibility that is true until an element is watched, then true while one of them is near the viewport. */
export function createPanelVisibility(): PanelVisibility {
  const listeners = new Set<() => void>();
  const watched = new Map<Element, boolean>();
  let printing = false;
  let visible = true;
  const update = () => {
    const next = printing || watched.size === 0 || [...watched.values()].some(Boolean);
    if (next === visible) return;
    visible = next;
    for (const fn of listeners) fn();
  };
  const before = () => { printing = true; update(); };
  const after = () => { printing = false; update(); };
  return {
    get visible() { return visible; },
    listen(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    watch(el) {
      if (typeof IntersectionObserver === 'undefined') return () => {};
      watched.set(el, true);
      const io = new IntersectionObserver((entries) => {
        watched.set(el, entries[entries.length - 1].isIntersecting);
        update();
      }, { rootMargin: MARGIN });
      io.observe(el);
      if (watched.size === 1) {
        window.addEventListener('beforeprint', before);
        window.addEventListener('afterprint', after);
      }
      return () => {
        io.disconnect();
        watched.delete(el);
        if (watched.size === 0) {
          window.removeEventListener('beforeprint', before);
          window.removeEventListener('afterprint', after);
        }
        update();
      };
    },
  };
}

/**
 * The visibility of the panel whose frame is `ref`: the enclosing {@link PanelVisibilityContext}'s
 * (so the component that renders the panel shares it), else the panel's own. Watches the element.
 */
export function usePanelVisibility(ref: RefObject<HTMLElement | null>): PanelVisibility {
  const outer = useContext(PanelVisibilityContext);
  const [own] = useState(createPanelVisibility);
  const visibility = outer ?? own;
  useEffect(() => {
    const el = ref.current;
    return el ? visibility.watch(el) : undefined;
  }, [ref, visibility]);
  return visibility;
}
