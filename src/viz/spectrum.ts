/**
 * The spectral lens chart: for each matrix (the whole W_hh, then each gate block) its singular
 * values as a descending row of bars, the largest highlighted, the threshold σ = 1 drawn across,
 * and the block the slider rescales outlined. The axis holds the largest finite value, however
 * large; an overflow (∞, NaN) is pinned to the top and marked.
 */
import { axisLeft, scaleBand, scaleLinear, select } from 'd3';
import type { Spectrum } from './spectrumMath';
import { grownFrame, shownWidth, viewBoxTextScale } from './textScale';

export interface SpectrumOptions {
  /** Accessible name of the chart. */
  label: string;
  /** Title of the y axis (already translated), e.g. "singular value σ". */
  yLabel: string;
  /** Height in viewBox units (width is 360); default 180. */
  height?: number;
  /** Text scale (1 normally, larger in presentation mode). */
  textScale?: number;
}

export interface SpectrumData {
  spectra: Spectrum[];
  /** Visible name of each spectrum id (already translated). */
  names: Record<string, string>;
  /** The id the slider rescales (outlined). */
  target: string;
}

export interface SpectrumChart {
  update(data: SpectrumData): void;
  destroy(): void;
}

const W = 360;
const MARGIN = { top: 12, right: 8, bottom: 22, left: 40 };
/**
 * The top of the y axis for these spectra: the largest finite value with 8 % headroom, at least 1.6
 * (so the threshold 1 is always visible). Never capped: the bar of σ_max = 32 reaches 32 on the axis.
 */
export function spectrumTop(spectra: readonly Spectrum[]): number {
  let m = 0;
  for (const s of spectra) for (const v of s.values) if (Number.isFinite(v) && v > m) m = v;
  return Math.max(1.6, m * 1.08);
}

/** Creates the chart inside `host` (an empty element it owns). */
export function createSpectrum(host: HTMLElement, options: SpectrumOptions): SpectrumChart {
  const grow = viewBoxTextScale(options.textScale, W, shownWidth(host));
  const { M, H } = grownFrame(MARGIN, options.height ?? 180, grow);
  const svg = select(host).append('svg').attr('class', 'viz-spectrum').attr('viewBox', `0 0 ${W} ${H}`)
    .attr('role', 'img').attr('aria-label', options.label).style('--chart-text', String(grow));
  const x = scaleBand<string>().range([M.left, W - M.right]).paddingInner(0.18).paddingOuter(0.05);
  const y = scaleLinear().range([H - M.bottom, M.top]);
  const gy = svg.append('g').attr('class', 'axis axis-y').attr('transform', `translate(${M.left},0)`);
  svg.append('text').attr('class', 'axis-title').attr('text-anchor', 'middle')
    .attr('transform', `translate(${10 * grow},${(H - M.bottom + M.top) / 2}) rotate(-90)`).text(options.yLabel);
  const groups = svg.append('g').attr('class', 'groups');
  const threshold = svg.append('g').attr('class', 'threshold-one');
  threshold.append('line').attr('x1', M.left).attr('x2', W - M.right);
  threshold.append('text').attr('x', W - M.right).attr('dy', -3).attr('text-anchor', 'end').text('σ = 1');

  let layoutKey = '';
  let axisTop = NaN;
  /** The drawn top of each bar, so unchanged bars are not touched. */
  const drawnTop = new WeakMap<SVGRectElement, number>();

  return {
    update({ spectra, names, target }) {
      const key = spectra.map((s) => `${s.id}:${s.values.length}`).join();
      const relayout = key !== layoutKey;
      layoutKey = key;
      // the axis holds while the largest value stays within its top 20 %: a scale that moved every
      // frame would redraw the axis and every bar at each snapshot
      const wanted = spectrumTop(spectra);
      const axisMoves = relayout || !(wanted <= axisTop && wanted >= 0.8 * axisTop);
      // growing, it takes 15 % headroom: a value that climbs while training does not move it every frame
      const top = !axisMoves ? axisTop : relayout || wanted < axisTop ? wanted : wanted * 1.15;
      x.domain(spectra.map((s) => s.id));
      y.domain([0, top]);
      if (axisMoves) {
        axisTop = top;
        gy.call(axisLeft(y).ticks(4, '~g'));
        threshold.attr('transform', `translate(0,${y(1)})`);
      }
      const g = groups.selectAll<SVGGElement, Spectrum>('g.spectrum')
        .data(spectra, (s) => s.id)
        .join((enter) => {
          const e = enter.append('g').attr('class', 'spectrum');
          e.append('rect').attr('class', 'target-frame');
          e.append('g').attr('class', 'bars');
          e.append('text').attr('class', 'block-name').attr('text-anchor', 'middle');
          return e;
        })
        .attr('data-block', (s) => s.id)
        .classed('is-target', (s) => s.id === target);
      if (relayout) {
        g.select('rect.target-frame')
          .attr('x', (s) => (x(s.id) ?? 0) - 2).attr('y', M.top - 4)
          .attr('width', x.bandwidth() + 4).attr('height', H - M.bottom - M.top + 4);
      }
      g.select('text.block-name')
        .attr('x', (s) => (x(s.id) ?? 0) + x.bandwidth() / 2).attr('y', H - 6 * grow)
        .text((s) => names[s.id] ?? s.id);
      const y0 = y(0);
      g.select<SVGGElement>('g.bars').each(function (s) {
        const n = Math.max(1, s.values.length);
        const w = x.bandwidth() / n;
        const x0 = x(s.id) ?? 0;
        const bars = select(this).selectAll<SVGRectElement, number>('rect')
          .data(Array.from(s.values))
          .join('rect');
        if (relayout) {
          bars.attr('x', (_, i) => x0 + i * w)
            .attr('width', Math.max(0.5, w - (w > 3 ? 0.6 : 0)))
            .classed('largest', (_, i) => i === 0);
        }
        bars.each(function (v) {
          const yy = Math.round(y(barValue(v, top)) * 10) / 10;
          if (drawnTop.get(this) !== yy) {
            drawnTop.set(this, yy);
            this.setAttribute('y', String(yy));
            this.setAttribute('height', String(Math.max(0, y0 - yy)));
          }
          const over = !(v <= top);
          if (this.classList.contains('overflow') !== over) this.classList.toggle('overflow', over);
        });
      });
    },
    destroy() {
      svg.remove();
    },
  };
}

/** The drawn height of a singular value: pinned to the top beyond it (∞ and NaN included), never negative. */
function barValue(v: number, top: number): number {
  if (!(v <= top)) return top;
  return v > 0 ? v : 0;
}
