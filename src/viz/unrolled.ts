/**
 * The unrolled network renderer: `createUnrolled(el, options) → { update, highlight, sweep, destroy }`.
 * The SVG is rebuilt only when the shape changes (cell, layers, T, sequence shape, zoom, width);
 * each update only restyles values. Long sequences scroll horizontally inside `el`: then an update
 * restyles the steps in view (and their neighbours), the strip canvas covers only the view, and the
 * steps scrolled into view catch up at once. An export (`export-full` event on the canvas) draws
 * every step first. A long sequence's SVG is built over several frames (NODES_PER_PART).
 */
import * as d3 from 'd3';
import type { ModelTrace, TraceContext } from './trace';
import { rowNorm } from './trace';
import { displayToken, longestToken } from './tokens';
import {
  focusStep, groupOf, inputSteps, windowAnchor, layoutUnrolled, logNormScale, lossSteps, signedShares, stackShares, stepAt, truncationWindow, unitGroups,
  onlyScoredStep, scrollToShow, visibleSteps, wholeStepsInView,
} from './unrolledLayout';
import type { Structure } from './unrolledStructure';
import { buildStructure, nodesPerStep } from './unrolledStructure';
import { gradColor, gradWidth, stateColor } from './unrolledScales';
import { paintStrips, sizeCanvas } from './unrolledCanvas';
import type { SweepState } from './unrolledSweep';
import type { UnrolledHighlight, UnrolledOptions, UnrolledRenderer, UnrolledView } from './unrolledTypes';
import { runSweep } from './unrolledSweep';
import { applyHighlightClasses, shownSweep, type AppliedClasses } from './unrolledHighlight';
import { keepAttr, keepClass, keepText } from './domWrite';
import { runInParts } from './frameParts';
import { createLegend } from './legend';
import { createRowPin } from './unrolledPin';
import { cleanScale } from './textScale';

export type { UnrolledLabels } from './unrolledStructure';

export type { UnrolledHighlight, UnrolledOptions, UnrolledRenderer, UnrolledView } from './unrolledTypes';


/**
 * A length to a tenth of a pixel: finer is invisible, and a mark whose rounded value did not change
 * is not touched (each touched node costs the browser a restyle and a repaint).
 */
const tenth = (v: number): number => Math.round(v * 10) / 10;

/**
 * SVG elements built per frame at most: 200 steps of a 3-layer model are some 5 000 elements, a few
 * hundred ms to create, style and lay out at once, so a long sequence is built in parts.
 */
export const NODES_PER_PART = 800;

/** Creates the unrolled diagram inside `el` (see {@link UnrolledRenderer}). */
export function createUnrolled(el: HTMLElement, options: UnrolledOptions): UnrolledRenderer {
  let labels = options.labels;
  /** CSS px per diagram unit: the layout is computed for the width in diagram units, then magnified. */
  const zoomK = cleanScale(options.textScale);
  const legendBox = d3.select(el).append('div').attr('class', 'ur-legends').node()!;
  const stateLegend = createLegend(legendBox, { scale: 'diverging', title: options.legend.state });
  const gradLegend = createLegend(legendBox, { scale: 'log', title: options.legend.grad });
  stateLegend.update({ domain: [-1, 1] });
  const scroller = d3.select(el).append('div').attr('class', 'ur-scroll').attr('tabindex', 0);
  const stage = scroller.append('div').attr('class', 'ur-stage');
  const pin = createRowPin(stage);
  const svg = stage.append('svg').attr('class', 'ur-svg').attr('aria-hidden', 'true').attr('focusable', 'false');
  // magnified (presentation mode), the steps in view when the rest are scrolled away
  const more = d3.select(el).append('p').attr('class', 'ur-more').attr('data-testid', 'unrolled-more').attr('hidden', true);
  const canvas = stage.append('canvas').attr('class', 'ur-canvas').attr('aria-hidden', 'true')
    .attr('data-export-full', '').node()!;
  let ranges: [number, number][] = [[0, 1]];
  let outline = '#1d2327';
  /** The sweep and part classes as last applied to the current structure. */
  const applied: AppliedClasses = { sweep: '', part: null };
  let structure: Structure | null = null;
  let key = '';
  let last: { trace: ModelTrace; ctx: TraceContext; view: UnrolledView } | null = null;
  let layout: ReturnType<typeof layoutUnrolled> | null = null;
  let losses: boolean[] = [];
  let hl: UnrolledHighlight = { hover: null, selected: null, unit: null, part: null };
  let sweepAnimation: SweepState | null = null;
  let stopSweep: () => void = () => {};
  let width = el.clientWidth || 800;
  /** The view's width in diagram units. */
  const viewW = () => width / zoomK;
  /** Horizontal scroll of the diagram in diagram units (from scroll events: reading it while drawing would force a layout). */
  let scrollX = 0;
  /** Counts updates; styledAt[t] is the update step t was last restyled for (-1: never). */
  let version = 0;
  let styledAt = new Int32Array(0);
  let sumStyledAt = -1;
  /** The strip canvas: its width and left edge in diagram pixels. */
  let canvasW = 0;
  let canvasX = 0;
  /** Every step, and a canvas over the whole diagram (for an export). */
  let drawAll = false;
  /** Stops the build in parts of a long sequence's steps, if one is under way. */
  let stopBuild = () => {};
  /** New steps were built: their values, highlight classes and (once all are there) the sum bar. */
  const caughtUp = () => {
    if (!last) return;
    if (structure?.complete()) sumStyledAt = -1;
    applied.sweep = '\u0000';
    applied.part = '\u0000';
    styleSteps();
    applyHighlight();
  };

  const rebuild = (trace: ModelTrace, ctx: TraceContext, view: UnrolledView) => {
    layout = layoutUnrolled({ T: trace.T, layers: trace.layers, cell: trace.cell, containerWidth: viewW(), zoom: view.zoom,
      tokenChars: longestToken(ctx.vocab) });
    losses = lossSteps(ctx.shape, trace.T, trace.targets);
    const room = layout.stepWidth < 20 ? (layout.boxH - 4) / 2 : (layout.boxW - 4) / 2.5;
    const groups = Math.max(1, Math.min(trace.hidden, 16, Math.floor(room)));
    stopBuild();
    const lstm = trace.cell === 'lstm';
    const perPart = Math.max(1, Math.floor(NODES_PER_PART / nodesPerStep(trace.layers, lstm)));
    const built = buildStructure(svg, {
      layout, T: trace.T, layers: trace.layers, lstm, groups, losses, realInputs: inputSteps(ctx.shape, trace.T), labels,
    }, perPart);
    structure = built;
    pin.rebuild(layout, built.root, zoomK);
    if (!built.complete()) {
      stopBuild = runInParts(() => {
        built.extend(built.steps.length + perPart);
        caughtUp();
        return !built.complete();
      });
    }
    svg.attr('width', layout.width * zoomK).attr('height', layout.height * zoomK);
    ranges = unitGroups(trace.hidden, groups);
    applied.sweep = '';
    applied.part = null;
    styledAt = new Int32Array(trace.T).fill(-1);
    sumStyledAt = -1;
    canvasW = 0;
    // a narrower drawing clamps the scroll position, possibly without a scroll event
    scrollX = Math.max(0, Math.min(scrollX, layout.width - viewW()));
    pin.place(scrollX * zoomK);
    outline = getComputedStyle(el).getPropertyValue('--text').trim() || '#1d2327';
  };

  /** The steps [from, to] to draw now: those in view, or all of them. */
  const inView = (): [number, number] => {
    const T = last?.trace.T ?? 0;
    return drawAll || !layout ? [0, T - 1] : visibleSteps(layout, T, scrollX, viewW());
  };

  /** Scrolls step t's column into view, so the step a lecture selects or steps through never sits off-screen. */
  const bringIntoView = (t: number | null | undefined) => {
    const T = last?.trace.T ?? 0;
    if (t == null || !layout || width <= 0 || t < 0 || t >= T) return;
    const x = scrollToShow(layout, t, scrollX, viewW());
    if (Math.abs(x - scrollX) < 0.5) return;
    scrollX = x;
    scroller.node()!.scrollLeft = x * zoomK;
  };

  /** Names the steps in view when the magnified drawing does not fit (hidden otherwise). */
  const showMore = () => {
    const T = last?.trace.T ?? 0;
    const node = more.node()!;
    if (zoomK === 1 || !layout || !labels.more || layout.width <= viewW() + 1) {
      node.hidden = true;
      return;
    }
    const [from, to] = wholeStepsInView(layout, T, scrollX, viewW());
    node.hidden = false;
    keepText(more, labels.more.replace('{from}', String(from + 1)).replace('{to}', String(to + 1)).replace('{T}', String(T)));
  };

  const paint = () => {
    if (!structure || !last || !layout) return;
    const { trace } = last;
    const [from, to] = inView();
    // the canvas covers the view (plus a column each side), or the whole diagram when it fits or for an export
    const w = drawAll ? layout.width : Math.min(layout.width, Math.ceil(viewW() + 2 * layout.stepWidth));
    if (w !== canvasW) {
      canvasW = w;
      sizeCanvas(canvas, w, layout.height, zoomK);
    }
    const dpx = (typeof devicePixelRatio === 'number' ? devicePixelRatio : 1) * zoomK;
    // on whole device pixels, so the strips stay crisp at any scroll position
    const x = Math.round(Math.max(0, Math.min(layout.width - w, drawAll ? 0 : scrollX - layout.stepWidth)) * dpx) / dpx;
    if (x !== canvasX) {
      canvasX = x;
      canvas.style.transform = x ? `translateX(${x * zoomK}px)` : '';
    }
    const unitGroup = hl.unit === null ? -1 : groupOf(ranges, hl.unit);
    paintStrips(canvas, structure.strips, trace.h, trace.T, trace.hidden, ranges, unitGroup, outline,
      { originX: x, from, to, zoom: zoomK });
  };

  /** Values shared by every step of the current update (computed once per update). */
  let shared: { version: number; dhNorm: number[]; dcNorm: number[] | null; gs: (v: number) => number; contrib: number[];
    maxContrib: number } | null = null;
  const sharedValues = () => {
    if (shared?.version === version || !last) return shared!;
    const { trace } = last;
    const { T, hidden: H } = trace;
    const dhNorm = Array.from({ length: T }, (_, t) => rowNorm(trace.dh, H, t));
    const dcNorm = trace.dc ? Array.from({ length: T }, (_, t) => rowNorm(trace.dc!, H, t)) : null;
    const both = dcNorm ? dhNorm.concat(dcNorm) : dhNorm;
    const gmax = Math.max(0, ...both.filter(Number.isFinite));
    gradLegend.update({ domain: gmax > 0 ? [gmax / 1e4, gmax] : [1e-4, 1], hasNonFinite: both.some((v) => !Number.isFinite(v)) });
    // each step's signed share of ‖∂L/∂W_hh‖ as a fraction of it: the fractions add up to 1
    const contrib = signedShares(trace.dWhhShare, trace.dWhhTotal);
    shared = { version, dhNorm, dcNorm, gs: logNormScale(both), contrib,
      maxContrib: Math.max(1e-300, ...contrib.map(Math.abs)) };
    return shared;
  };

  /** Restyles the steps in view not yet showing the current update, and the sum bar when in view. */
  const styleSteps = () => {
    if (!structure || !last || !layout) return;
    const { trace, ctx } = last;
    const { T, hidden: H } = trace;
    const Lo = layout;
    const { dhNorm, dcNorm, gs, contrib, maxContrib } = sharedValues();
    const lnV = Math.log(Math.max(2, trace.vocabSize));
    const sumTop = Lo.rows.contrib - Lo.contribHeight / 2;
    const [from, to] = inView();
    for (let t = from; t <= to; t++) {
      const s = structure.steps[t];
      // a step not built yet is styled once it is
      if (styledAt[t] === version || !s) continue;
      styledAt[t] = version;
      keepText(s.x, Lo.showText ? displayToken(ctx.vocab, trace.inputs[t] ?? -1, Lo.tokenChars) : '');
      for (let l = 0; l < trace.layers; l++) {
        if (trace.c && s.cNodes[l]) {
          let sum = 0;
          for (let j = 0; j < H; j++) sum += Math.tanh(trace.c[(l * T + t) * H + j] ?? 0);
          keepAttr(s.cNodes[l]!, 'fill', stateColor(sum / H));
        }
      }
      const best = trace.topIds[t * trace.topK] ?? 0;
      keepText(s.y, Lo.showText ? displayToken(ctx.vocab, best, Lo.tokenChars) : '');
      keepClass(s.yBox, 'correct', trace.targets[t] === best);
      if (s.loss) {
        const loss = trace.stepLoss[t] ?? NaN;
        const r = Number.isFinite(loss) ? 2 + 6 * Math.min(1.5, loss / lnV) : 2;
        keepAttr(s.loss, 'r', tenth(Math.min(r, Lo.stepWidth / 2.2)));
        if (s.lossText) keepText(s.lossText, Lo.showText && Lo.stepWidth > 64 && Number.isFinite(loss) ? loss.toFixed(2) : '');
      }
      const sd = gs(dhNorm[t]!);
      if (s.ribbon) keepAttr(keepAttr(s.ribbon, 'stroke-width', gradWidth(sd)), 'stroke', gradColor(sd));
      if (s.highwayRibbon && dcNorm) {
        const sc = gs(dcNorm[t]!);
        keepAttr(keepAttr(s.highwayRibbon, 'stroke-width', gradWidth(sc)), 'stroke', gradColor(sc));
      }
      const bh = (Math.abs(contrib[t]!) / maxContrib) * Lo.contribHeight;
      keepClass(keepAttr(keepAttr(s.bar, 'y', tenth(sumTop + Lo.contribHeight - bh)), 'height', tenth(bh)), 'negative', contrib[t]! < 0);
    }
    // the stacked sum bar right of the last step: every step's share, drawn when it is in view
    const sumInView = structure.complete() && (drawAll || Lo.sumX + 8 >= scrollX && Lo.sumX - 8 <= scrollX + viewW());
    if (sumInView && sumStyledAt !== version) {
      sumStyledAt = version;
      const parts = stackShares(contrib, sumTop, Lo.contribHeight);
      structure.steps.forEach((s, t) => {
        const { y, height } = parts[t]!;
        keepClass(keepClass(keepAttr(keepAttr(s.sumPart, 'y', tenth(y)), 'height', tenth(height)), 'odd', t % 2 === 1),
          'negative', contrib[t]! < 0);
      });
    }
  };

  const restyle = () => {
    if (!structure || !last || !layout) return;
    const { view } = last;
    styleSteps();
    const focus = focusStep(hl.hover, hl.selected, losses);
    const win = truncationWindow(view.truncate, windowAnchor(focus, losses));
    const Lo = layout;
    structure.window.attr('display', win ? null : 'none');
    structure.windowText.text(win ? labels.window.replace('{k}', String(view.truncate)) : '');
    if (win) {
      structure.window.attr('x', Lo.left + win.from * Lo.stepWidth + 1).attr('width', (win.to - win.from + 1) * Lo.stepWidth - 2);
      structure.windowText.attr('x', Lo.left + win.from * Lo.stepWidth + 4);
    }
    applyHighlight();
    paint();
    showMore();
  };

  const applyHighlight = () => {
    if (!structure || !last) return;
    const T = last.trace.T;
    applyHighlightClasses(structure, hl, shownSweep(sweepAnimation, hl.reached, T), T, applied);
  };

  const stepFromEvent = (event: PointerEvent | MouseEvent): number | null => {
    if (!layout || !last) return null;
    const [x] = d3.pointer(event, svg.node());
    return stepAt(layout, last.trace.T, x);
  };
  svg.on('pointermove', (event: PointerEvent) => options.onHover?.(stepFromEvent(event)))
    .on('pointerleave', () => options.onHover?.(null))
    .on('click', (event: MouseEvent) => {
      const t = stepFromEvent(event);
      if (t !== null) options.onSelect?.(t);
    });

  // steps scrolled into view catch up in the next frame
  let catchUp = 0;
  scroller.on('scroll', () => {
    scrollX = scroller.node()!.scrollLeft / zoomK;
    pin.place(scrollX * zoomK);
    if (catchUp || typeof requestAnimationFrame !== 'function') return;
    catchUp = requestAnimationFrame(() => {
      catchUp = 0;
      styleSteps();
      paint();
      showMore();
    });
  }, { passive: true });
  // an export reads the whole diagram: draw every step (the next update or scroll draws the view again)
  canvas.addEventListener('export-full', () => {
    if (structure && !structure.complete()) {
      stopBuild();
      structure.extend(Infinity);
      caughtUp();
    }
    drawAll = true;
    styleSteps();
    paint();
    drawAll = false;
  });

  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
    const w = el.clientWidth;
    if (w > 0 && Math.abs(w - width) > 8) {
      width = w;
      if (last) renderer.update(last.trace, last.ctx, last.view);
    }
  });
  observer?.observe(el);

  const renderer: UnrolledRenderer = {
    update(trace, ctx, view) {
      // the width comes from the resize observer: reading it here would force a layout every frame
      const next = [trace.cell, trace.layers, trace.T, trace.hidden, ctx.shape, view.zoom, Math.round(width / 8),
        trace.targets.map((v) => (v >= 0 ? 1 : 0)).join('')].join('|');
      const rebuilt = next !== key;
      if (rebuilt) {
        key = next;
        rebuild(trace, ctx, view);
      }
      last = { trace, ctx, view };
      // a new picture opens on the step in focus: the step-through's, the selection, else a many-to-one task's one scored step
      if (rebuilt) bringIntoView(hl.reached != null ? hl.reached - 1 : hl.selected ?? onlyScoredStep(losses));
      version++;
      restyle();
    },
    highlight(h) {
      const focusChanged = h.hover !== hl.hover || h.selected !== hl.selected;
      const unitChanged = h.unit !== hl.unit;
      // a new step-through position or selection comes into view (hovering never scrolls)
      const reachedChanged = (h.reached ?? null) !== (hl.reached ?? null);
      if (reachedChanged || h.selected !== hl.selected) bringIntoView(reachedChanged && h.reached != null ? h.reached - 1 : h.selected);
      hl = h;
      if (focusChanged && last?.view.truncate) restyle();
      else {
        applyHighlight();
        if (unitChanged) paint();
      }
    },
    sweep(dir, instant, slowdown = 1) {
      stopSweep();
      stopSweep = runSweep(last?.trace.T ?? 0, dir, instant, (s) => {
        sweepAnimation = s;
        applyHighlight();
        options.onSweep?.(s);
      }, slowdown);
    },
    setLabels(next) {
      labels = next;
      key = '';
      if (last) renderer.update(last.trace, last.ctx, last.view);
    },
    destroy() {
      if (catchUp) cancelAnimationFrame(catchUp);
      stopBuild();
      stopSweep();
      observer?.disconnect();
      stateLegend.destroy();
      gradLegend.destroy();
      legendBox.remove();
      scroller.remove();
      more.remove();
    },
  };
  return renderer;
}
