/**
 * Which quantity of the equations is hovered ('f', 'Whh', …), shared by the equations panel and the
 * unrolled diagram. A state heatmap publishes its quantity through the page store's `hoverQuantity`;
 * the equations panel reads both.
 */
import { create } from 'zustand';
import type { AppState } from '../store';
import { QUANTITIES as ALL_QUANTITIES, type Quantity } from '../viz/equationTerms';

/** The hovered equation quantity (null when none); a small store of its own, local to these panels. */
export const useEquationHover = create<{ quantity: Quantity | null }>()(() => ({ quantity: null }));

/** Sets (or clears) the hovered equation term. */
export function setEquationHover(quantity: Quantity | null): void {
  if (useEquationHover.getState().quantity !== quantity) useEquationHover.setState({ quantity });
}

const QUANTITIES = new Set<string>(ALL_QUANTITIES);

/** The quantity a heatmap hover names through the page store, if the store carries one. */
export function storeQuantity(s: AppState): Quantity | null {
  const q = s.hoverQuantity;
  return typeof q === 'string' && QUANTITIES.has(q) ? (q as Quantity) : null;
}
