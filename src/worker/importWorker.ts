/**
 * The import worker: reads one model file off the page's thread and answers with an ImportResult
 * (the weights transferred, not copied). The page starts one per file and terminates it to cancel.
 */
import { readModelText, type ImportResult } from './importJob';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (ev: MessageEvent<{ file: Blob }>) => {
  let result: ImportResult;
  try {
    result = readModelText(await ev.data.file.text());
  } catch (e) {
    result = { ok: false, code: 'import.error.read', params: { detail: e instanceof Error ? e.message : String(e) } };
  }
  scope.postMessage(result, result.ok ? [result.params.buffer] : []);
};
