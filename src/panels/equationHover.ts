/**
 * Which quantity of the equations is hovered ('f', 'Whh', …), shared by the equations panel, the
 * unrolled diagram and the state heatmaps. It has one place: the store's `hoverQuantity` (view
 * state, beside the hovered step and unit). A heatmap sets it with its step and unit (setHover); a
 * term of the equations or the unrolled diagram sets it alone (setEquationHover).
 */
import { useStore, type AppState } from '../store';
import { QUANTITIES as ALL_QUANTITIES, type Quantity } from '../viz/equationTerms';

/** Sets (or clears) the hovered equation term, keeping the hovered step and unit. No change, no store update. */
export function setEquationHover(quantity: Quantity | null): void {
  if (useStore.getState().hoverQuantity !== quantity) useStore.setState({ hoverQuantity: quantity });
}

const QUANTITIES = new Set<string>(ALL_QUANTITIES);

/** The hovered quantity, when it is one the equations know (a heatmap may name others), else null. */
export function hoveredQuantity(s: AppState): Quantity | null {
  const q = s.hoverQuantity;
  return typeof q === 'string' && QUANTITIES.has(q) ? (q as Quantity) : null;
}
