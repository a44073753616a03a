import { create } from 'zustand';
import type { AppState } from './types';
import { DEFAULT_CONFIG, DEFAULT_INSPECT } from './defaults';

/** The initial state of every slice (also what `resetStore` returns to). */
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
 * The one store. React reads it through selectors (`useStore(selector)`); fast per-frame consumers
 * use `useStore.subscribe` outside React; actions are plain functions that call `useStore.setState`.
 */
export const useStore = create<AppState>()(() => initialState);

/** Back to the initial state (tests). */
export function resetStore(): void {
  useStore.setState(initialState, true);
}
