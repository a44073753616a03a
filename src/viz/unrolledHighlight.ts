/**
 * The unrolled diagram's highlight classes: the hovered and selected step, the sweep (an animation,
 * or a step-through holding the forward pass at a step) and the equation part in focus. Only what
 * changed is touched: each class change restyles the SVG.
 */
import { ALL_GATE_NAMES } from '../engine/cells';
import { keepClass } from './domWrite';
import type { UnrolledHighlight } from './unrolledTypes';
import type { Structure } from './unrolledStructure';
import { pendingInSweep, type SweepState } from './unrolledSweep';

const GATE_PARTS = new Set<string>(['h', ...ALL_GATE_NAMES]);

/** The sweep classes last applied to a structure ('' for none), and the part; a new structure resets them. */
export interface AppliedClasses { sweep: string; part: string | null }

/** The sweep to show: a running animation wins; else a step-through (`reached` steps of T) holds the forward pass there. */
export function shownSweep(animation: SweepState | null, reached: number | null | undefined, T: number): SweepState | null {
  return animation ?? (reached == null ? null : { dir: 'forward', done: Math.max(0, Math.min(T, reached)) });
}

/** Applies the highlight `hl` and the sweep to the structure's T steps. Mutates the DOM and `applied`. */
export function applyHighlightClasses(structure: Structure, hl: UnrolledHighlight, sweepState: SweepState | null, T: number,
  applied: AppliedClasses): void {
  structure.steps.forEach((s, t) => {
    keepClass(keepClass(s.column, 'is-hover', hl.hover === t), 'is-selected', hl.selected === t);
    const pending = pendingInSweep(sweepState, T, t);
    const fwd = sweepState?.dir === 'forward';
    keepClass(s.column, 'is-sweep', !!sweepState && !pending && (fwd ? t === sweepState.done - 1 : t === T - sweepState.done));
    keepClass(s.sumPart, 'is-focus', hl.hover === t || hl.selected === t);
    keepClass(s.bar, 'is-focus', hl.hover === t || hl.selected === t);
  });
  const root = structure.root;
  // touch the many sweep and part classes only when they change (each change restyles the SVG)
  const sweepKey = sweepState ? `${sweepState.dir}:${sweepState.done}` : '';
  if (sweepKey !== applied.sweep) {
    applied.sweep = sweepKey;
    root.selectAll<SVGElement, unknown>('.ur-step, .ur-step-links').classed('pending', function () {
      return sweepState?.dir === 'forward' && pendingInSweep(sweepState, T, Number(this.getAttribute('data-step')));
    });
    root.selectAll<SVGElement, unknown>('.ur-grad').classed('pending', function () {
      return sweepState?.dir === 'backward' && pendingInSweep(sweepState, T, Number(this.getAttribute('data-step')));
    }).classed('hidden', sweepState?.dir === 'forward');
  }
  const part = hl.part && GATE_PARTS.has(hl.part) ? 'h' : hl.part === 'p' ? 'y' : hl.part;
  if (part !== applied.part) {
    applied.part = part;
    root.classed('has-part', !!part);
    root.selectAll<SVGElement, unknown>('[data-part]').classed('is-part', function () {
      return !!part && this.getAttribute('data-part') === part;
    });
  }
}
