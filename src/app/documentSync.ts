/** Keeps <html> in step with the store: its `lang`, and the presentation theme class. */
import { useStore } from '../store';

/** Starts the syncing; returns a function that stops it. */
export function startDocumentSync(root: HTMLElement = document.documentElement): () => void {
  const apply = () => {
    const { lang, present } = useStore.getState();
    root.lang = lang;
    root.classList.toggle('present', present);
    root.classList.toggle('theme-contrast', present);
  };
  apply();
  return useStore.subscribe((s, prev) => {
    if (s.lang !== prev.lang || s.present !== prev.present) apply();
  });
}
