/**
 * A colour legend: a small gradient bar for one scale with its end (and middle) values, and a grey
 * swatch for non-finite values when the data has any. Text comes from the caller (already translated).
 */
import { NONFINITE_RGB, interpolatorFor, valueAt, type ScaleKind } from './color';

export interface LegendOptions {
  scale: ScaleKind;
  /** Shown before the bar, e.g. "h_t". Optional. */
  title?: string;
  /** Number formatting for the tick values. */
  format?: (v: number) => string;
  /** Text of the non-finite swatch, e.g. "NaN / ∞". */
  nonFiniteLabel?: string;
}

export interface LegendData {
  domain: readonly [number, number];
  /** Whether to show the non-finite swatch. */
  hasNonFinite?: boolean;
}

export interface Legend {
  update(data: LegendData): void;
  destroy(): void;
}

const BAR_W = 120;
const BAR_H = 8;

/** The tick values of a legend: both ends, plus 0 for diverging and the middle for the others. */
export function legendTicks(kind: ScaleKind, domain: readonly [number, number]): number[] {
  if (kind === 'diverging') return [domain[0], 0, domain[1]];
  return [domain[0], valueAt(kind, domain, 0.5), domain[1]];
}

/** Default tick text: short, exponent form for very small or large magnitudes. */
export function shortNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a < 1e-2 || a >= 1e4 ? v.toExponential(0) : String(Number(v.toPrecision(2)));
  return s.replace('-', '−');
}

/** Builds the legend inside `host` (appends one element; destroy removes it). */
export function createLegend(host: HTMLElement, options: LegendOptions): Legend {
  const format = options.format ?? shortNumber;
  const root = document.createElement('div');
  root.className = 'viz-legend';
  if (options.title) {
    const title = document.createElement('span');
    title.className = 'viz-legend-title';
    title.textContent = options.title;
    root.append(title);
  }
  const scaleBox = document.createElement('span');
  scaleBox.className = 'viz-legend-scale';
  const bar = document.createElement('canvas');
  bar.className = 'viz-legend-bar';
  bar.style.width = `calc(${BAR_W}px * var(--viz-scale, 1))`;
  bar.style.height = `calc(${BAR_H}px * var(--viz-scale, 1))`;
  bar.setAttribute('aria-hidden', 'true');
  const ticks = document.createElement('span');
  ticks.className = 'viz-legend-ticks';
  scaleBox.append(bar, ticks);
  const nonFinite = document.createElement('span');
  nonFinite.className = 'viz-legend-nonfinite';
  const swatch = document.createElement('i');
  swatch.style.background = `rgb(${NONFINITE_RGB.join(',')})`;
  nonFinite.append(swatch, document.createTextNode(options.nonFiniteLabel ?? 'NaN / ∞'));
  nonFinite.hidden = true;
  root.append(scaleBox, nonFinite);
  host.append(root);
  paintBar(bar, options.scale);

  let lastKey = '';
  return {
    update(data) {
      nonFinite.hidden = !data.hasNonFinite;
      const values = legendTicks(options.scale, data.domain);
      const key = values.join(',');
      if (key === lastKey) return;
      lastKey = key;
      ticks.replaceChildren(...values.map((v) => {
        const s = document.createElement('span');
        s.textContent = format(v);
        return s;
      }));
    },
    destroy() {
      root.remove();
    },
  };
}

function paintBar(canvas: HTMLCanvasElement, kind: ScaleKind): void {
  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  canvas.width = Math.round(BAR_W * dpr);
  canvas.height = Math.round(BAR_H * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const interpolate = interpolatorFor(kind);
  for (let x = 0; x < canvas.width; x++) {
    ctx.fillStyle = interpolate(x / Math.max(1, canvas.width - 1));
    ctx.fillRect(x, 0, 1, canvas.height);
  }
}
