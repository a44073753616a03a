import { useEffect, useRef } from 'react';
import { useLessonStore } from '../../store/lessons';

/**
 * "Before and after" in a chapter: when a beat of the open chapter runs, `capture()` is called once
 * to keep what the panel showed just before (say, the loss curve of the run with clipping off); the
 * panel draws it as a ghost beside the new picture. The ghost is dropped when a chapter opens or the
 * lesson is left. Returns a ref to the ghost (null when there is none); `onChange` is called after
 * each change so the panel redraws.
 */
export function useBeatGhost<T>(capture: () => T | null, onChange: () => void): { readonly current: T | null } {
  const ghost = useRef<T | null>(null);
  const calls = useRef({ capture, onChange });
  useEffect(() => {
    calls.current = { capture, onChange };
  });
  useEffect(() => useLessonStore.subscribe((now, before) => {
    if (now.opened !== before.opened || now.turn === 0) {
      if (ghost.current === null) return;
      ghost.current = null;
    } else if (now.turn > before.turn) {
      ghost.current = calls.current.capture();
    } else return;
    calls.current.onChange();
  }), []);
  return ghost;
}
