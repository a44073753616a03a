/**
 * The cost budget (engine/limits) applied to settings: sizes whose training step or snapshot the
 * page cannot afford are lowered, and a notice names what changed. Used by the address reader and
 * by every change of settings, so no combination past the budget reaches the worker.
 */
import { fitBudget, MACS_PER_MS, runCost, type CostInput, type FitField } from '../engine/limits';
import type { Notice } from './types';

/** The address keys of the fields the budget lowers (as the notices name them). */
const KEY_OF: Record<FitField, string> = { batch: 'batch', seqLength: 'seqlen', layers: 'layers', hidden: 'hidden', lag: 'lag' };

/** `c` with its sizes lowered to fit the budget, and the notice saying so (null when nothing changed). */
export function fitSizes<C extends CostInput>(c: C): { config: C; notice: Notice | null } {
  const { config, lowered } = fitBudget(c);
  if (lowered.length === 0) return { config: c, notice: null };
  const changes = lowered.map((f) => `${KEY_OF[f]} ${c[f]} → ${config[f]}`).join(', ');
  const cost = runCost(c);
  const seconds = Math.max(0.1, Math.round(Math.max(cost.step, cost.inspect) / MACS_PER_MS / 100) / 10);
  return { config, notice: { key: 'notice.budget.lowered', params: { changes, seconds } } };
}
