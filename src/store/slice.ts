/**
 * A view of one named slice of the one store, shaped like a small zustand store of its own, so a
 * module keeps its hook and its calls (`useLessonStore(s => s.turn)`, `useLessonStore.getState()`,
 * `.setState(partial | updater, replace?)`, `.subscribe(listener)`) while its state lives at
 * `useStore.getState().lessons`. Every call reads or writes that one field of the root state.
 */
import { useStore } from './store';
import { INITIAL_SLICES, type SliceKey, type Slices } from './slices';

type Updater<S> = (state: S) => S | Partial<S>;

/** A slice view: a selector hook plus the vanilla store calls, all on slice S. */
export interface SliceView<S> {
  /** React hook: the selected part of the slice; re-renders when it changes (Object.is, as zustand). */
  <U>(selector: (state: S) => U): U;
  /** React hook: the whole slice (re-renders on every change of the slice). */
  (): S;
  getState(): S;
  /** Where the slice starts (its module's reset goes back to it). */
  getInitialState(): S;
  /** Merges `partial` (or the updater's result) into the slice; with `replace`, the slice becomes it. Notifies only when the slice changes. */
  setState(partial: S | Partial<S> | Updater<S>, replace?: false): void;
  setState(state: S | ((state: S) => S), replace: true): void;
  /** Calls `listener(slice, previous slice)` after each change of this slice (changes elsewhere in the store do not call it). */
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

const whole = <S,>(s: S): S => s;

/** The view of slice `key` of the one store. */
export function sliceOf<K extends SliceKey>(key: K): SliceView<Slices[K]> {
  type S = Slices[K];
  function useSlice<U>(selector: (state: S) => U = whole as (state: S) => U): U {
    return useStore((root) => selector(root[key]));
  }
  const setState = (partial: S | Partial<S> | Updater<S>, replace?: boolean): void => {
    useStore.setState((root) => {
      const current = root[key];
      const next = typeof partial === 'function' ? (partial as Updater<S>)(current) : partial;
      if (Object.is(next, current)) return root;
      return { [key]: replace ? next : { ...current, ...next } } as Partial<typeof root>;
    });
  };
  return Object.assign(useSlice as SliceView<S>, {
    getState: () => useStore.getState()[key],
    getInitialState: () => INITIAL_SLICES[key],
    setState: setState as SliceView<S>['setState'],
    subscribe: (listener: (state: S, previous: S) => void) => useStore.subscribe((root, prev) => {
      if (!Object.is(root[key], prev[key])) listener(root[key], prev[key]);
    }),
  });
}
