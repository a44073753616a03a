/** The unrolled diagram's options, view, highlight and renderer interface (see unrolled.ts). */
import type { ModelTrace, TraceContext } from './trace';
import type { Zoom } from './unrolledLayout';
import type { UnrolledLabels } from './unrolledStructure';
import type { SweepDirection, SweepState } from './unrolledSweep';

/** What the diagram highlights: a step (hovered or selected), a unit, a part of the equations. */
export interface UnrolledHighlight {
  hover: number | null;
  selected: number | null;
  unit: number | null;
  /** Equation part: 'x','h','c','y','p','L','Wxh','Whh','Why' or a gate name; null for none. */
  part: string | null;
  /**
   * Step-through: how many steps the forward pass has reached (the later ones are drawn pending, as
   * in a forward sweep, and the reached step is marked); null or absent = every step.
   */
  reached?: number | null;
}

/** How the diagram is drawn. truncate: truncated-BPTT window k (0 = full). */
export interface UnrolledView {
  zoom: Zoom;
  truncate: number;
}

export interface UnrolledOptions {
  labels: UnrolledLabels;
  /** Legend titles, already translated. */
  legend: { state: string; grad: string };
  onHover?: (step: number | null) => void;
  onSelect?: (step: number) => void;
  /** Told each frame of a sweep animation (the direction and steps done) and null at its end. */
  onSweep?: (state: SweepState | null) => void;
  /**
   * Text scale (1 normally, larger in presentation mode): the whole diagram is drawn that much larger
   * (text, boxes and columns alike), so fewer steps fit the width and the rest scroll into view.
   */
  textScale?: number;
}

export interface UnrolledRenderer {
  /** Draws a trace (rebuilding only if the shape changed). */
  update(trace: ModelTrace, ctx: TraceContext, view: UnrolledView): void;
  highlight(h: UnrolledHighlight): void;
  /** Animates a sweep over the steps; `instant` shows the end state at once; `slowdown` > 1 is slow motion. */
  sweep(dir: SweepDirection, instant: boolean, slowdown?: number): void;
  setLabels(labels: UnrolledLabels): void;
  destroy(): void;
}
