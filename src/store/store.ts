import { create } from 'zustand';
import type { AppState } from './types';
import { DEFAULT_CONFIG, DEFAULT_INSPECT } from './defaults';
import { INITIAL_SLICES, SLICE_KEYS, type Slices } from './slices';

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
 * through its view (slice.ts: `useLessonStore = sliceOf('lessons')`). React reads through selectors
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
