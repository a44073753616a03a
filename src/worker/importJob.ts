/**
 * Reading a model file, as the import worker does it: the text parsed and checked by the engine
 * (shapes and limits before the numbers, see engine/pytorch), the weights flattened into one
 * Float64Array in the engine's layout so they travel to the page and on to the training worker
 * without a copy per row.
 */
import { fromStateDict, ModelFileError, parseModelText, type ModelConfig, type StateDictInput } from '../engine';
import { normalizeConfig, paramLayout } from '../engine/layout';

/** What reading a file gave: the model's config, weights and vocabulary, or the named rejection. */
export type ImportResult =
  | { ok: true; config: ModelConfig; params: Float64Array; vocab: string[] | null; notes: string[] }
  | { ok: false; code: string; params: Record<string, string | number> };

const detail = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Reads a model file's text (never throws). */
export function readModelText(text: string): ImportResult {
  try {
    const parsed = parseModelText(text);
    const model = fromStateDict(parsed.config, parsed.stateDict);
    return { ok: true, config: parsed.config, params: model.params, vocab: parsed.vocab, notes: parsed.notes };
  } catch (e) {
    if (e instanceof ModelFileError) return { ok: false, code: e.code, params: e.params };
    return { ok: false, code: 'import.error.format', params: { actual: detail(e) } };
  }
}

/** A state dict over flat weights: views into `params` in the engine's layout, nothing copied. */
export function flatStateDict(config: ModelConfig, params: Float64Array): StateDictInput {
  const out: StateDictInput = {};
  for (const e of paramLayout(normalizeConfig(config))) {
    if (e.shape.length === 2) {
      const cols = e.shape[1];
      out[e.key] = Array.from({ length: e.shape[0] }, (_, r) => params.subarray(e.offset + r * cols, e.offset + (r + 1) * cols));
    } else out[e.key] = params.subarray(e.offset, e.offset + e.size);
  }
  return out;
}
