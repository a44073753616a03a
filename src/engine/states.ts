/**
 * Hidden states of many token sequences at once, for pictures of the state space: the forward pass
 * without the readout (no logits), on one workspace reused for every sequence of the same length,
 * so thousands of steps of a small model cost little more than their arithmetic.
 */
import { runForward } from './kernels-forward';
import type { Model } from './types';
import { createWorkspace, loadInit, loadTokens, type Workspace } from './workspace';

/**
 * The top layer's h_t after every step of each sequence of token ids (each id in 0..inputSize−1;
 * T ≥ 1), from zero initial states: one [T][H] row-major array per sequence, equal to what
 * {@link forward} gives for the same one-hot inputs. Throws on an empty sequence or a bad id.
 */
export function topLayerStates(model: Model, sequences: readonly (readonly number[])[]): Float64Array[] {
  const H = model.config.hiddenSize;
  const top = model.config.numLayers - 1;
  const spaces = new Map<number, Workspace>();
  return sequences.map((ids) => {
    const T = ids.length;
    if (T < 1) throw new Error('a sequence must have at least one step (T ≥ 1)');
    let ws = spaces.get(T);
    if (!ws) {
      ws = createWorkspace(model, T);
      ws.targets.fill(-1); // no step carries a loss: the readout is skipped
      spaces.set(T, ws);
    }
    loadTokens(ws, ids);
    loadInit(ws);
    runForward(model.params, ws, true);
    return ws.layers[top]!.h.slice(H, (T + 1) * H);
  });
}
