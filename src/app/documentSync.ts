/** Keeps <html> in step with the store: its `lang`, the presentation theme class and text scale. */
import { useStore } from '../store';
import { textScaleFor } from '../viz/textScale';

/** Starts the syncing; returns a function that stops it. */
export function startDocumentSync(root: HTMLElement = document.documentElement): () => void {
  const apply = () => {
    const { lang, present } = useStore.getState();
    root.lang = lang;
    root.classList.toggle('present', present);
    root.classList.toggle('theme-contrast', present);
    root.style.setProperty('--viz-scale', String(textScaleFor(present)));
  };
  apply();
  return useStore.subscribe((s, prev) => {
    if (s.lang !== prev.lang || s.present !== prev.present) apply();
  });
}
