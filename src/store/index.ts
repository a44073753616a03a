export { useStore, resetStore, initialState } from './store';
export { DEFAULT_CONFIG, DEFAULT_INSPECT } from './defaults';
export * from './actions';
export { connectWorker, handleWorkerEvent, type WorkerLike } from './bridge';
export { HISTORY_CAPACITY } from './history';
export {
  CELLS, CONTROL_NAMES, DEFAULT_URL_STATE, LANGS, OPTIMIZERS, PARAMS, SENTENCE_MAX, TASKS, TEXT_CAP, URL_TEXT_MAX,
  checkNumber, rangeOf, type ControlName, type UrlState,
} from './params';
export { formatUrl, parseUrl } from './url';
export type * from './types';
export { WEIGHT_VALUE_MAX, requestWeights, setWeight, undoWeightEdit } from './weights';
