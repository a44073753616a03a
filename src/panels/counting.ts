/**
 * One way of counting for everything a learner reads: time steps, units and layers are held 0-based
 * (as array indices) and shown counting from 1 — the first step is "step 1", whose hidden state is
 * h_1 (h_0 is the state before the sequence). Every label, tooltip, table and export label goes
 * through these helpers, so a place shows "time step 3 · unit 2" exactly when another does.
 */
import type { Translator as T } from '../i18n';

/** The number the page shows for a 0-based index (step, unit or layer). */
export function shown(index: number): number {
  return index + 1;
}

/**
 * A place in the sequence in the page's words, from 0-based indices: "time step 3 · unit 2", "time step 3",
 * "unit 2", or '' when both are null.
 */
export function placeWords(t: T, step: number | null, unit: number | null): string {
  if (step !== null && unit !== null) return t('selection.stepUnit', { step: shown(step), unit: shown(unit) });
  if (step !== null) return t('selection.step', { step: shown(step) });
  if (unit !== null) return t('selection.unit', { unit: shown(unit) });
  return '';
}
