import { useCallback, useRef, useState } from 'react';

/**
 * useState for values set from a draw callback many times a second: the setter calls React only when
 * the value differs (by `same`, default Object.is) from the one last set. Why: React keeps every
 * setState whose result equals the current state in the component's update queue until the component
 * renders again for another reason — a draw that sets the same value at every frame grows that queue
 * without end, and an updater function closing over a snapshot keeps the whole snapshot alive with it
 * (with a 50 000-token model, 10 MB per frame). The setter takes values, never updater functions; `same` should be a module-level function (the setter
 * is stable while it is).
 */
export function useChangedState<T>(initial: T, same: (a: T, b: T) => boolean = Object.is): [T, (next: T) => void] {
  const [value, setValue] = useState(initial);
  const last = useRef(initial);
  const set = useCallback((next: T) => {
    if (same(last.current, next)) return;
    last.current = next;
    setValue(() => next);
  }, [same]);
  return [value, set];
}
