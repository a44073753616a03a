import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetStore, setHover, useStore } from '../store';
import { hoveredQuantity, setEquationHover } from './equationHover';

beforeEach(() => resetStore());

describe('the hovered quantity has one place: the store', () => {
  it('an equation term sets it, keeping the hovered step and unit', () => {
    setHover(3, 1);
    setEquationHover('f');
    const s = useStore.getState();
    expect(s.hoverQuantity).toBe('f');
    expect([s.hoverStep, s.hoverUnit]).toEqual([3, 1]);
    expect(hoveredQuantity(s)).toBe('f');
    setEquationHover(null);
    expect(useStore.getState().hoverQuantity).toBeNull();
    expect(useStore.getState().hoverStep).toBe(3);
  });

  it('a heatmap hover sets it with its step and unit, and the equations read the same field', () => {
    setHover(2, 0, 'c');
    expect(hoveredQuantity(useStore.getState())).toBe('c');
    // a later equation hover replaces it (one field, no merge); a heatmap's leave names null and clears it
    setEquationHover('Whh');
    expect(hoveredQuantity(useStore.getState())).toBe('Whh');
    setHover(null, null, null);
    expect(hoveredQuantity(useStore.getState())).toBeNull();
  });

  it('a step-only hover keeps the quantity: leaving the diagram after entering a term does not clear the term', () => {
    // the browser's order when the pointer jumps from the unrolled diagram to an equation term:
    // the term's enter, then the diagram's leave
    setHover(3);
    setEquationHover('f');
    setHover(null);
    const s = useStore.getState();
    expect(s.hoverStep).toBeNull();
    expect(hoveredQuantity(s)).toBe('f');
  });

  it('a quantity the equations do not know reads as none', () => {
    setHover(0, 0, 'not-a-quantity');
    expect(useStore.getState().hoverQuantity).toBe('not-a-quantity');
    expect(hoveredQuantity(useStore.getState())).toBeNull();
  });

  it('hovering the same term again does not touch the store (pointer-rate calls stay cheap)', () => {
    setEquationHover('o');
    const spy = vi.fn();
    const off = useStore.subscribe(spy);
    setEquationHover('o');
    expect(spy).not.toHaveBeenCalled();
    setEquationHover('i');
    expect(spy).toHaveBeenCalledTimes(1);
    off();
  });
});
