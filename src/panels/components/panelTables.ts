/**
 * The data tables behind the charts (text alternatives on demand), built from the store's state:
 * the loss history, one layer's hidden state, and the gradient-flow curve. Cells come formatted in
 * the page's language.
 */
import { formatNumber, type Translator as T } from '../../i18n';
import type { AppState } from '../../store';
import { flowSeries } from '../../viz/flowCurve';
import { shown } from '../counting';
import type { PanelTable } from './DataTable';

/** At most this many rows in a history table (evenly spaced, the last one kept). */
const MAX_HISTORY_ROWS = 50;
/** At most this many units (columns) in the hidden-state table. */
const MAX_UNITS = 16;

/** Indices 0 … n − 1 thinned to at most `max`, evenly spaced, always with the last. */
export function spread(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(Math.round((k * (n - 1)) / (max - 1)));
  return [...out];
}

/** The loss table: one row per (thinned) step, one column per model. */
export function lossTable(s: AppState, t: T): PanelTable | null {
  const first = s.histories[0];
  if (!first || first.step.length === 0) return null;
  const models = s.snapshot?.models ?? [];
  const cols = [t('lecture.table.loss.step'), ...s.histories.map((_, k) =>
    t('lecture.table.loss.col', { name: t(`states.cell.${models[k]?.cell ?? s.config.cell}`) }))];
  const rows = spread(first.step.length, MAX_HISTORY_ROWS).map((i) => [
    formatNumber(s.lang, first.step[i]!),
    ...s.histories.map((h) => (i < h.loss.length ? formatNumber(s.lang, h.loss[i]!, 4) : '—')),
  ]);
  return { caption: t('lecture.table.loss.caption', { rows: MAX_HISTORY_ROWS }), cols, rows };
}

/** One layer's hidden state of model `index`: one row per time step, the first MAX_UNITS units. */
export function hiddenTable(s: AppState, index: number, layer: number, t: T): PanelTable | null {
  const models = s.snapshot?.models ?? [];
  const m = models[Math.min(index, models.length - 1)];
  if (!m || m.T <= 0) return null;
  const L = Math.max(0, Math.min(m.layers - 1, layer));
  const units = Math.min(m.hidden, MAX_UNITS);
  const cols = [t('lecture.table.hidden.step'), ...Array.from({ length: units }, (_, u) => t('lecture.table.hidden.unit', { n: shown(u) }))];
  const rows = Array.from({ length: m.T }, (_, step) => [
    String(shown(step)),
    ...Array.from({ length: units }, (_, u) => formatNumber(s.lang, m.h[(L * m.T + step) * m.hidden + u]!, 3)),
  ]);
  return { caption: t('lecture.table.hidden.caption', { layer: shown(L), units }), cols, rows };
}

/** The gradient-flow curve: one row per distance t − k, one column per model that has a flow matrix. */
export function flowTable(s: AppState, t: T): PanelTable | null {
  const series = flowSeries(s.snapshot?.models ?? [], (c) => t(`gradients.cell.${c}`));
  if (series.length === 0) return null;
  const D = Math.max(...series.map((x) => x.values.length));
  const cols = [t('lecture.table.flow.distance'), ...series.map((x) => x.name)];
  const rows = Array.from({ length: D }, (_, d) => [
    String(d),
    ...series.map((x) => (d < x.values.length ? formatNumber(s.lang, x.values[d]!, 3) : '—')),
  ]);
  return { caption: t('lecture.table.flow.caption'), cols, rows };
}
