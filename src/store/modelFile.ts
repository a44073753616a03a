/**
 * Model files in the page: reading a dropped or picked file (engine parseModelFile, then the worker
 * checks it fits the run), downloading the current weights, and the shipped pretrained checkpoints
 * (public/checkpoints/<task>-<cell>.json). What happened is kept in the store's `modelFile` slice as an
 * i18n key with params; the file name is kept as text. A rejected file leaves the model as it was.
 */
import type { CellType } from '../engine';
import { MODEL_FILE_MAX_BYTES } from '../engine/limits';
import { ModelFileError, parseModelText } from '../engine/pytorch';
import { startImport, type ImportJob } from '../worker/importClient';
import type { TrainConfig, WorkerEvent } from '../worker/protocol';
import { setConfig } from './actions';
import { onWorkerEvent, send } from './bridge';
import { rangeOf } from './params';
import { INITIAL_SLICES } from './slices';
import { sliceOf, useStore } from './store';

export { MODEL_FILE_MAX_BYTES };

/** The last model-file event, for the panel. */
export interface ModelFileStatus {
  kind: 'idle' | 'pending' | 'accepted' | 'rejected' | 'cancelled';
  /** i18n key (files.*, import.loaded, import.error.*) and its params. */
  key: string;
  params: Record<string, string | number>;
  /** The file's name as given (shown as text only). */
  name: string;
  /** i18n keys of what was adapted while reading the file (import.note.*). */
  notes: string[];
}

const IDLE: ModelFileStatus = INITIAL_SLICES.modelFile;

/** Below this share (%) of the text's tokens known to a file's vocabulary, the page adds a note. */
const FEW_KNOWN_PERCENT = 50;

/** The model-file status: the store's `modelFile` slice. */
export const useModelFile = sliceOf('modelFile');

const setStatus = (s: Partial<ModelFileStatus>): void => useModelFile.setState({ ...IDLE, ...s });

/** The tasks and cells with a shipped checkpoint (the char model: on the English corpus or the user's own text). */
export const PRETRAINED: Readonly<Record<string, readonly CellType[]>> = {
  charlm: ['lstm', 'gru', 'rnn'],
  recall: ['lstm', 'gru', 'rnn'],
};

/** Whether a checkpoint exists for the config's task and cell(s). */
export function pretrainedAvailable(c: TrainConfig): boolean {
  if (!PRETRAINED[c.task]) return false;
  if (c.task === 'charlm' && c.corpus !== 'en' && c.text === '') return false;
  return c.compare || PRETRAINED[c.task]!.includes(c.cell);
}

/** Checks a file's size before it is read; false (and a rejection shown) when it is too large. */
export function checkFileSize(bytes: number, name: string): boolean {
  if (bytes <= MODEL_FILE_MAX_BYTES) return true;
  setStatus({ kind: 'rejected', key: 'import.error.fileSize', params: { max: Math.round(MODEL_FILE_MAX_BYTES / 1048576) }, name });
  return false;
}

let pendingNotes: string[] = [];
let pendingName = '';
/** The cell of the file sent (in compare mode the run's own cell does not change, so the message names the file's). */
let pendingCell = '';
let job: ImportJob | null = null;

/**
 * Reads a picked or dropped file off the page's thread (size checked first, then shapes before
 * numbers), showing "reading…" until the worker answers; {@link cancelModelFile} stops it. The
 * model in place is kept until the file is accepted.
 */
export function readModelFile(file: Blob, name: string): void {
  if (!checkFileSize(file.size, name)) return;
  job?.cancel();
  const mine = startImport(file);
  job = mine;
  setStatus({ kind: 'pending', key: 'files.reading', name });
  void mine.result.then((r) => {
    if (job !== mine || r === null) return;
    job = null;
    if (!r.ok) {
      setStatus({ kind: 'rejected', key: r.code, params: r.params, name });
      return;
    }
    pendingNotes = r.notes;
    pendingName = name;
    pendingCell = r.config.cell;
    send({ type: 'load-model-params', config: r.config, params: r.params, vocab: r.vocab });
  });
}

/** Stops reading a file (the model in place is kept); does nothing when none is being read. */
export function cancelModelFile(): void {
  if (!job) return;
  job.cancel();
  job = null;
  setStatus({ kind: 'cancelled', key: 'files.cancelled', name: useModelFile.getState().name });
}

/**
 * Reads a model file's text and sends it to the worker, which replaces the model when it fits the
 * run. Returns false (a rejection shown, nothing sent) when the file cannot be read.
 */
export function loadModelFile(text: string, name: string): boolean {
  let parsed;
  try {
    parsed = parseModelText(text);
    for (const field of ['hidden', 'layers'] as const) {
      const value = field === 'hidden' ? parsed.config.hiddenSize : parsed.config.numLayers ?? 1;
      const { max } = rangeOf(field);
      if (value > max) throw new ModelFileError('import.error.limit', { field, max, actual: value });
    }
  } catch (e) {
    const known = e instanceof ModelFileError;
    setStatus({ kind: 'rejected', key: known ? e.code : 'import.error.format', params: known ? e.params : { actual: String(e) }, name });
    return false;
  }
  pendingNotes = parsed.notes;
  pendingName = name;
  pendingCell = parsed.config.cell;
  setStatus({ kind: 'pending', key: 'files.reading', name });
  send({ type: 'load-model', config: parsed.config, stateDict: parsed.stateDict, vocab: parsed.vocab, step: parsed.step });
  return true;
}

/** A model file to save: its name and JSON text. */
export interface ModelDownload { fileName: string; json: string }

let downloads: ((d: ModelDownload) => void)[] = [];

/**
 * Asks the worker for the current weights; resolves with the file to save
 * (unrolled-<cell>-<task>-step<N>.json). `model`: which model in compare mode (default the first).
 */
export function downloadModel(model?: number): Promise<ModelDownload> {
  return new Promise((resolve) => {
    downloads.push(resolve);
    send(model === undefined ? { type: 'export-model' } : { type: 'export-model', model });
  });
}

/** The checkpoint's address, relative to the page (so the build works from any sub-path). */
export function checkpointUrl(task: string, cell: CellType, base: string): string {
  return new URL(`checkpoints/${task}-${cell}.json`, base).href;
}

/**
 * Loads the shipped checkpoint(s) of the current task and cell (all three cells in compare mode).
 * A recall checkpoint brings its lag. Resolves when the files were sent (or rejected).
 */
export async function loadPretrained(base: string = document.baseURI): Promise<void> {
  const c = useStore.getState().config;
  if (!pretrainedAvailable(c)) {
    setStatus({ kind: 'rejected', key: 'import.error.noPretrained', params: { task: c.task, cell: c.cell }, name: '' });
    return;
  }
  const cells = c.compare ? PRETRAINED[c.task]! : [c.cell];
  setStatus({ kind: 'pending', key: 'files.fetching', name: '' });
  for (const cell of cells) {
    const name = `${c.task}-${cell}.json`;
    let text: string;
    try {
      const res = await fetch(checkpointUrl(c.task, cell, base));
      if (!res.ok) throw new Error(String(res.status));
      text = await res.text();
    } catch (e) {
      setStatus({ kind: 'rejected', key: 'import.error.fetch', params: { detail: e instanceof Error ? e.message : String(e) }, name });
      return;
    }
    const lag = lagOf(text);
    if (c.task === 'recall' && lag !== null && lag !== useStore.getState().config.lag) setConfig({ lag });
    if (!loadModelFile(text, name)) return;
  }
}

function lagOf(text: string): number | null {
  try {
    const lag = (JSON.parse(text) as { task?: { lag?: unknown } }).task?.lag;
    return typeof lag === 'number' ? lag : null;
  } catch {
    return null;
  }
}

function onEvent(e: WorkerEvent): void {
  if (e.type === 'model') {
    const done = downloads;
    downloads = [];
    const file = { fileName: `unrolled-${e.cell}-${e.task}-step${e.step}.json`, json: e.json };
    for (const resolve of done) resolve(file);
    return;
  }
  if (e.type !== 'load-model') return;
  if (!e.ok) {
    setStatus({ kind: 'rejected', key: e.code, params: e.params, name: pendingName });
    return;
  }
  const s = useStore.getState();
  const config = { ...s.config, ...e.settings };
  useStore.setState({
    config, histories: [], diverged: null, stopped: null, running: false, error: null,
    layer: Math.min(s.layer, config.layers - 1),
    selectedUnit: s.selectedUnit !== null && s.selectedUnit >= config.hidden ? null : s.selectedUnit,
  });
  // a vocabulary that knows few of the text's tokens (another task's file) reads most of it as one unknown token
  const known = e.params.known;
  const notes = typeof known === 'number' && known < FEW_KNOWN_PERCENT ? [...pendingNotes, 'import.note.fewKnown'] : pendingNotes;
  setStatus({
    kind: 'accepted', key: 'import.loaded', name: pendingName, notes,
    params: { name: pendingName, cell: (pendingCell || config.cell).toUpperCase(), hidden: config.hidden, layers: config.layers },
  });
}

onWorkerEvent(onEvent);
