import { create } from 'zustand';
import type { AppState } from './types';
import { DEFAULT_CONFIG, DEFAULT_INSPECT } from './defaults';
import { INITIAL_SLICES, SLICE_KEYS, type SliceKey, type Slices } from './slices';

/** The whole state of the one store: the app state (types.ts) and the named slices (slices.ts). */
export type RootState = AppState & Slices;

/** The initial app state (what `resetStore` returns to; the named slices start as in INITIAL_SLICES). */
export const initialState: AppState = {
  config: DEFAULT_CONFIG,
  inspect: DEFAULT_INSPECT,
  corpusChosen: false,
  running: false,
  diverged: null,
  stopped: null,
  stepsPerSecond: 0,
  sample: '',
  gradCheck: null,
  error: null,
  exampleLabels: [],
  inspectError: null,
  snapshot: null,
  histories: [],
  lang: 'en',
  hoverStep: null,
  hoverUnit: null,
  hoverUnitFrom: null,
  hoverQuantity: null,
  selectedStep: null,
  selectedUnit: null,
  layer: 0,
  flowModel: 0,
  logScale: false,
  present: false,
  settingsOpen: false,
  lesson: null,
  hidden: [],
  embed: false,
  show: [],
  presenterConsole: false,
  notices: [],
  weights: null,
  weightEdits: [],
};

/**
 * The one store, in slices. The app state's fields (config, training, trace, view — see types.ts)
 * sit at the top level; each module with state of its own (lessons, lecture, modelFile, presenter,
 * neurons, trajectory, sweep) owns one named slice, `state.lessons` …, which it reads and writes
 * through its view (`useLessonStore = sliceOf('lessons')`, below). React reads through selectors
 * (`useStore(selector)`); fast per-frame consumers use `useStore.subscribe` outside React; actions
 * are plain functions that call `useStore.setState`. Transient hover (step, unit, weight source,
 * equation quantity) lives only in the app state's view fields.
 */
export const useStore = create<RootState>()(() => ({ ...initialState, ...INITIAL_SLICES }));

/** Back to the initial app state (tests); the named slices stay as they are (each module resets its own). */
export function resetStore(): void {
  useStore.setState((s) => {
    const next: RootState = { ...initialState, ...INITIAL_SLICES };
    for (const key of SLICE_KEYS) (next as unknown as Record<string, unknown>)[key] = s[key];
    return next;
  }, true);
}

/*
 * Slice views. A view of one named slice, shaped like a small zustand store of its own, so a module
 * keeps its hook and its calls (`useLessonStore(s => s.turn)`, `useLessonStore.getState()`,
 * `.setState(partial | updater, replace?)`, `.subscribe(listener)`) while its state lives at
 * `useStore.getState().lessons`. Every call reads or writes that one field of the root state.
 * (Kept in this file: a module of its own, imported by both the page's code and the deferred panels',
 * made the bundler split the shared code into a second file the first view must fetch.)
 */

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
