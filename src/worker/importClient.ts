/**
 * The page's side of reading a model file: in a worker of its own (a large file never freezes the
 * page, and cancelling terminates it), or, where workers do not exist (unit tests), in this thread
 * after a pause.
 */
import { readModelText, type ImportResult } from './importJob';

/** A file being read: its result (null once cancelled) and the way to cancel it. */
export interface ImportJob {
  result: Promise<ImportResult | null>;
  cancel(): void;
}

/** The import worker as Vite bundles it. */
export function startImportWorker(): Worker {
  return new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
}

function readText(file: Blob): Promise<string> {
  if (typeof FileReader === 'function') {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
      reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
      reader.readAsText(file);
    });
  }
  return file.text();
}

const failed = (e: unknown): ImportResult => ({ ok: false, code: 'import.error.read', params: { detail: e instanceof Error ? e.message : String(e) } });

/** Starts reading `file`. `makeWorker`: null reads in this thread. */
export function startImport(file: Blob, makeWorker: (() => Worker) | null = typeof Worker === 'function' ? startImportWorker : null): ImportJob {
  let cancelled = false;
  let settle: (r: ImportResult | null) => void = () => {};
  const result = new Promise<ImportResult | null>((resolve) => { settle = resolve; });
  if (!makeWorker) {
    void readText(file).then((text) => new Promise<string>((r) => setTimeout(() => r(text), 0)))
      .then((text) => settle(cancelled ? null : readModelText(text)), (e: unknown) => settle(cancelled ? null : failed(e)));
    return { result, cancel: () => { cancelled = true; settle(null); } };
  }
  let w: Worker;
  try {
    w = makeWorker();
  } catch (e) {
    settle(failed(e));
    return { result, cancel: () => settle(null) };
  }
  const done = (r: ImportResult | null): void => {
    w.terminate();
    settle(cancelled ? null : r);
  };
  w.onmessage = (ev: MessageEvent<ImportResult>) => done(ev.data);
  w.onerror = (ev: ErrorEvent) => {
    ev.preventDefault();
    done(failed(ev.message || 'the reader stopped'));
  };
  w.onmessageerror = () => done(failed('unreadable answer'));
  w.postMessage({ file });
  return { result, cancel: () => { cancelled = true; done(null); } };
}
