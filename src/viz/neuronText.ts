/**
 * The neuron explorer's text: one element per token, its background the chosen unit's value on a
 * diverging scale (blue < 0 < red) with a legend, marked tokens underlined, the pointed-at token
 * outlined. Dragging across tokens marks them. Takes data only (no store, no React).
 */
import { colorWriter, positionOf } from './color';
import { createLegend, type Legend } from './legend';

export interface NeuronTextData {
  tokens: readonly string[];
  /** What goes between tokens on screen ('' or ' '). */
  sep: string;
  /** The unit's value after each token, [T]. */
  values: ArrayLike<number>;
  marked: readonly number[];
}

export interface NeuronTextOptions {
  /** Pointer over token k (null: off the text). */
  onHover(k: number | null): void;
  /** A drag (or a click) across tokens a … b (inclusive, a ≤ b). */
  onMark(a: number, b: number): void;
  /** The accessible name of the text. */
  label: string;
  /** Legend title (already translated). */
  legendTitle: string;
  nonFiniteLabel: string;
}

export interface NeuronTextRenderer {
  update(data: NeuronTextData): void;
  /** Outlines token k (null: none). */
  highlight(k: number | null): void;
  /** Changes the legend title. */
  setLegendTitle(title: string): void;
  destroy(): void;
}

const SHOWN: Record<string, string> = { '\n': '⏎\n', '\t': '⇥', '\r': '␍' };

/** The symmetric domain of a unit's values: [−m, m] with m the largest |v|, at least 1 (a tanh's range). */
export function neuronDomain(values: ArrayLike<number>): [number, number] {
  let m = 1;
  for (let k = 0; k < values.length; k++) {
    const a = Math.abs(values[k]!);
    if (Number.isFinite(a) && a > m) m = a;
  }
  return [-m, m];
}

/** Builds the text inside `host` (appends its elements; destroy removes them). */
export function createNeuronText(host: HTMLElement, o: NeuronTextOptions): NeuronTextRenderer {
  const legendHost = document.createElement('div');
  legendHost.className = 'nt-legend';
  const legend: Legend = createLegend(legendHost, { scale: 'diverging', title: o.legendTitle, nonFiniteLabel: o.nonFiniteLabel });
  const title = legendHost.querySelector('.viz-legend-title');
  const text = document.createElement('div');
  text.className = 'nt-text';
  text.dataset.testid = 'neuron-text';
  text.setAttribute('role', 'group');
  text.setAttribute('aria-label', o.label);
  host.append(legendHost, text);

  let spans: HTMLSpanElement[] = [];
  let key = '';
  let lit: HTMLSpanElement | null = null;
  let drag: { from: number; to: number } | null = null;
  const rgb = new Uint8ClampedArray(3);

  const indexOf = (el: EventTarget | null): number => {
    const k = el instanceof HTMLElement ? Number(el.dataset.k) : NaN;
    return Number.isInteger(k) ? k : -1;
  };
  const paintDrag = (): void => {
    const lo = drag ? Math.min(drag.from, drag.to) : -1;
    const hi = drag ? Math.max(drag.from, drag.to) : -2;
    spans.forEach((s, k) => s.classList.toggle('is-dragging', k >= lo && k <= hi));
  };
  const onDown = (e: PointerEvent): void => {
    const k = indexOf(e.target);
    if (k < 0 || e.button !== 0) return;
    e.preventDefault();
    drag = { from: k, to: k };
    paintDrag();
  };
  const onOver = (e: PointerEvent): void => {
    const k = indexOf(e.target);
    if (k < 0) return;
    o.onHover(k);
    if (drag && drag.to !== k) {
      drag.to = k;
      paintDrag();
    }
  };
  const onUp = (): void => {
    if (!drag) return;
    const { from, to } = drag;
    drag = null;
    paintDrag();
    o.onMark(Math.min(from, to), Math.max(from, to));
  };
  const onLeave = (): void => o.onHover(null);
  text.addEventListener('pointerdown', onDown);
  text.addEventListener('pointerover', onOver);
  text.addEventListener('pointerleave', onLeave);
  window.addEventListener('pointerup', onUp);

  return {
    update(d) {
      const k2 = `${d.sep}\u0000${d.tokens.join('\u0000')}`;
      if (k2 !== key) {
        key = k2;
        lit = null;
        const frag = document.createDocumentFragment();
        spans = d.tokens.map((tok, k) => {
          if (k > 0 && d.sep) frag.append(d.sep);
          const s = document.createElement('span');
          s.className = 'nt-token';
          s.dataset.k = String(k);
          s.textContent = Array.from(tok).map((ch) => SHOWN[ch] ?? ch).join('');
          frag.append(s);
          return s;
        });
        text.replaceChildren(frag);
      }
      const domain = neuronDomain(d.values);
      const write = colorWriter('diverging', domain);
      const marked = new Set(d.marked);
      let nonFinite = false;
      spans.forEach((s, k) => {
        const v = d.values[k] ?? NaN;
        if (!write(v, rgb, 0)) nonFinite = true;
        s.style.backgroundColor = `rgb(${rgb[0]},${rgb[1]},${rgb[2]})`;
        const t = positionOf('diverging', domain, v);
        s.classList.toggle('is-dark', Math.abs(t - 0.5) > 0.33);
        s.classList.toggle('is-marked', marked.has(k));
        s.dataset.value = String(v);
      });
      legend.update({ domain, hasNonFinite: nonFinite });
    },
    highlight(k) {
      const next = k === null ? null : spans[k] ?? null;
      if (next === lit) return;
      lit?.classList.remove('is-focus');
      next?.classList.add('is-focus');
      lit = next;
    },
    setLegendTitle(t) {
      if (title) title.textContent = t;
    },
    destroy() {
      window.removeEventListener('pointerup', onUp);
      legend.destroy();
      legendHost.remove();
      text.remove();
    },
  };
}

/** The SVG path of a sparkline of `values` in a w × h box (y from the symmetric domain [−m, m], m ≥ 1). */
export function sparklinePath(values: ArrayLike<number>, w: number, h: number): string {
  const n = values.length;
  if (n === 0) return '';
  const [, m] = neuronDomain(values);
  const x = (k: number) => (n === 1 ? w / 2 : (k * w) / (n - 1));
  const y = (v: number) => (Number.isFinite(v) ? h / 2 - (v / m) * (h / 2) : h / 2);
  let d = '';
  for (let k = 0; k < n; k++) d += `${k === 0 ? 'M' : 'L'}${x(k).toFixed(1)},${y(values[k]!).toFixed(1)}`;
  return d;
}

/** The SVG path of a tick at the foot of a w × h sparkline for each marked position of n. */
export function markTicksPath(marked: readonly number[], n: number, w: number, h: number): string {
  if (n === 0) return '';
  const x = (k: number) => (n === 1 ? w / 2 : (k * w) / (n - 1));
  return marked.filter((k) => k >= 0 && k < n).map((k) => `M${x(k).toFixed(1)},${h}V${(h - 4).toFixed(1)}`).join('');
}
