/**
 * The predictions renderer: `createPredictions(el, options) → { update, destroy }`. A strip of the
 * T steps (coloured by that step's loss, hover/click to focus one) above the top-k next-token
 * probabilities of the focused step as bars, the target highlighted, with −log p(target).
 */
import * as d3 from 'd3';
import { keepAttr, keepClass, keepText } from './domWrite';
import { interpolatorFor } from './color';
import type { ModelTrace, TraceContext } from './trace';
import { charsThatFit, displayToken, longestToken, MONO_CHAR_EM } from './tokens';
import { stripCellWidth, stripShowsToken, topRows } from './predictionsLayout';
import { cleanScale } from './textScale';

/** Font size of the strip's token labels (CSS .pr-cell text) at text scale 1. */
const STRIP_FONT_PX = 11;
/** Room a value label needs after its bar ("100.0% · target") at text scale 1. */
const VALUE_ROOM = 110;

/** Labels, already translated. `lossLine` may use {t}, {token}, {loss} and {p}. */
export interface PredictionsLabels {
  lossLine: string;
  noLoss: string;
  target: string;
}

export interface PredictionsOptions {
  /** How many bars (default 5; at most the trace's topK, which is TOP_K = 10 or V). */
  k?: number;
  onHover?: (step: number | null) => void;
  onSelect?: (step: number) => void;
  /** Text scale (1 normally, larger in presentation mode): rows, label column and strip grow with the text. */
  textScale?: number;
}

export interface PredictionsRenderer {
  /** Draws step `focus` of the trace; `hover`/`selected` mark strip cells. */
  update(trace: ModelTrace, ctx: TraceContext, labels: PredictionsLabels, focus: { step: number; hover: number | null; selected: number | null }): void;
  destroy(): void;
}

const seq = interpolatorFor('sequential');

/** Creates the predictions view inside `el`. */
export function createPredictions(el: HTMLElement, options: PredictionsOptions = {}): PredictionsRenderer {
  const k = options.k ?? 5;
  const scale = cleanScale(options.textScale);
  const ROW_H = Math.round(22 * scale);
  const LABEL_W = Math.round(78 * scale);
  const STRIP_H = Math.round(30 * scale);
  const GAP = Math.round(10 * scale);
  const host = d3.select(el);
  const stripBox = host.append('div').attr('class', 'pr-strip').attr('tabindex', 0);
  /** The step last scrolled into view (-1: none yet). */
  let shownFocus = -1;
  const strip = stripBox.append('svg').attr('class', 'pr-strip-svg').attr('height', STRIP_H);
  const line = host.append('p').attr('class', 'pr-loss-line');
  const bars = host.append('svg').attr('class', 'pr-bars');
  let T = -1;
  let cellW = 20;
  let width = Math.max(200, el.clientWidth || 400);
  let redraw: (() => void) | null = null;
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
    const w = Math.max(200, el.clientWidth || 400);
    if (Math.abs(w - width) > 4) {
      width = w;
      redraw?.();
    }
  });
  observer?.observe(el);

  strip.on('pointermove', (event: PointerEvent) => {
    const [x] = d3.pointer(event, strip.node());
    const t = Math.floor(x / cellW);
    options.onHover?.(t >= 0 && t < T ? t : null);
  }).on('pointerleave', () => options.onHover?.(null))
    .on('click', (event: MouseEvent) => {
      const t = Math.floor(d3.pointer(event, strip.node())[0] / cellW);
      if (t >= 0 && t < T) options.onSelect?.(t);
    });

  return {
    update(trace, ctx, labels, focus) {
      redraw = () => this.update(trace, ctx, labels, focus);
      const V = trace.vocabSize;
      const lnV = Math.log(Math.max(2, V));
      // a strip cell wide enough for the longest token whole (monospace, 3 px each side)
      const fontPx = STRIP_FONT_PX * scale;
      // (never narrower than a cell that shows its token: a long strip scrolls rather than going blank)
      const wholePx = Math.max(16 * scale, longestToken(ctx.vocab) * fontPx * MONO_CHAR_EM + 6 * scale);
      if (trace.T !== T || stripCellWidth(width, trace.T, wholePx, scale) !== cellW) {
        T = trace.T;
        cellW = stripCellWidth(width, T, wholePx, scale);
        strip.selectAll('*').remove();
        strip.attr('width', cellW * T);
        const cells = strip.selectAll('g').data(d3.range(T)).join('g').attr('class', 'pr-cell')
          .attr('data-step', (t) => t).attr('transform', (t) => `translate(${t * cellW},0)`);
        cells.append('rect').attr('width', cellW - 1).attr('height', STRIP_H - 2).attr('rx', 2);
        cells.append('text').attr('x', cellW / 2).attr('y', STRIP_H / 2 + 3 * scale);
      }
      const cells = strip.selectAll<SVGGElement, number>('g.pr-cell');
      // a strip wider than its box scrolls the focused step into view when the focus moves
      const box = stripBox.node();
      if (box && focus.step !== shownFocus) {
        shownFocus = focus.step;
        const x0 = focus.step * cellW;
        if (x0 < box.scrollLeft || x0 + cellW > box.scrollLeft + box.clientWidth) {
          box.scrollLeft = Math.max(0, x0 + cellW / 2 - box.clientWidth / 2);
        }
      }
      keepClass(cells, 'is-focus', (t) => t === focus.step);
      keepClass(cells, 'is-hover', (t) => t === focus.hover);
      keepClass(cells, 'is-selected', (t) => t === focus.selected);
      cells.each(function (t) {
        const loss = trace.stepLoss[t] ?? NaN;
        const g = d3.select(this);
        keepClass(keepAttr(g.select<SVGRectElement>('rect'), 'fill', Number.isFinite(loss) ? seq(1 - Math.min(1, loss / (1.5 * lnV))) : 'none'),
          'no-loss', !Number.isFinite(loss));
        keepClass(keepText(g.select<SVGTextElement>('text'), stripShowsToken(cellW, scale)
          ? displayToken(ctx.vocab, trace.inputs[t] ?? -1, charsThatFit(cellW - 6 * scale, STRIP_FONT_PX * scale)) : ''),
          'dark', Number.isFinite(loss) && loss / (1.5 * lnV) > 0.5);
      });
      const t = Math.max(0, Math.min(trace.T - 1, focus.step));
      const target = trace.targets[t] ?? -1;
      const loss = trace.stepLoss[t] ?? NaN;
      line.text(target >= 0 && Number.isFinite(loss)
        ? labels.lossLine.replace('{t}', String(t + 1)).replace('{token}', displayToken(ctx.vocab, target, 12))
          .replace('{loss}', loss.toFixed(3)).replace('{p}', Math.exp(-loss).toFixed(3))
        : labels.noLoss.replace('{t}', String(t + 1)));
      const rows = topRows(trace, t, k, target);
      const barW = Math.max(60, width - LABEL_W - 60 * scale);
      bars.attr('width', width).attr('height', rows.length * ROW_H + (rows.some((r) => r.extra) ? GAP : 0) + 4);
      const g = bars.selectAll<SVGGElement, (typeof rows)[number]>('g.pr-row').data(rows).join((enter) => {
        const row = enter.append('g').attr('class', 'pr-row');
        row.append('text').attr('class', 'pr-token').attr('x', LABEL_W - 8).attr('y', ROW_H / 2 + 4 * scale);
        row.append('rect').attr('class', 'pr-track').attr('x', LABEL_W).attr('y', 3).attr('height', ROW_H - 6);
        row.append('rect').attr('class', 'pr-bar').attr('x', LABEL_W).attr('y', 3).attr('height', ROW_H - 6);
        row.append('text').attr('class', 'pr-value').attr('y', ROW_H / 2 + 4 * scale);
        return row;
      });
      g.attr('transform', (r, i) => `translate(0,${i * ROW_H + (r.extra ? GAP : 0)})`)
        .classed('target', (r) => r.target).attr('data-token', (r) => r.id).attr('data-p', (r) => r.p);
      g.select('.pr-token').text((r) => displayToken(ctx.vocab, r.id, 9));
      g.select('.pr-track').attr('width', barW);
      g.select('.pr-bar').attr('width', (r) => Math.max(1, r.p * barW));
      // the value sits after its bar, or inside a bar too long to leave room for it
      const inside = (r: (typeof rows)[number]) => r.p * barW + VALUE_ROOM * scale > width - LABEL_W;
      g.select('.pr-value').attr('x', (r) => LABEL_W + Math.max(1, r.p * barW) + (inside(r) ? -6 : 6) * scale)
        .classed('inside', inside)
        .text((r) => `${(r.p * 100).toFixed(1)}%${r.target ? ` · ${labels.target}` : ''}`);
    },
    destroy() {
      observer?.disconnect();
      host.selectAll('*').remove();
    },
  };
}
