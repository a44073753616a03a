import { useEffect, useRef } from 'react';
import { useLessonStore } from '../../store/lessons';

/**
 * "Before and after" in a chapter: when a beat of the open chapter runs, `capture()` is called once
 * to keep what the panel showed just before (say, the loss curve of the run with clipping off), and
 * `apply(ghost)` hands it to the panel, which draws it as a ghost beside the new picture. When a
 * chapter opens or starts again, `apply(null)` drops it.
 */
export function useBeatGhost<T>(capture: () => T | null, apply: (ghost: T | null) => void): void {
  const calls = useRef({ capture, apply });
  useEffect(() => {
    calls.current = { capture, apply };
  });
  useEffect(() => useLessonStore.subscribe((now, before) => {
    if (now.opened !== before.opened || now.turn === 0 || now.turn < before.turn) calls.current.apply(null);
    else if (now.turn > before.turn) calls.current.apply(calls.current.capture());
  }), []);
}
