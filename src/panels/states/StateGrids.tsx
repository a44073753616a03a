import { useCallback, useEffect, useMemo, useRef } from 'react';
import { formatNumber } from '../../i18n';
import { select as selectCell, setHover, useStore, type AppState } from '../../store';
import type { ScaleKind } from '../../viz/color';
import type { Heatmap } from '../../viz/heatmap';
import { clampLayer, equationQuantity, type StateGrid } from '../../viz/stateViews';
import { displayToken } from '../../viz/tokens';
import { placeWords, shown } from '../counting';
import { queueDraw } from '../hooks/frameQueue';
import { useFrameSubscription } from '../hooks/useFrameSubscription';
import { useT } from '../hooks/useT';
import { useTextScale } from '../hooks/useTextScale';
import { modelAt } from './useStateModel';
import { useHeatmapSet, type HeatmapSpec } from './useHeatmapSet';

type Model = NonNullable<ReturnType<typeof modelAt>>;

export interface StateGridsProps {
  /** Grid ids and scales for the current cell type; titles come from `states.grid.{id}` keys. */
  grids: { id: string; scale: ScaleKind }[];
  /** Shape key: heatmaps are rebuilt only when it changes. */
  shape: string;
  model: number;
  /** The grids of one frame ([H][T] each, ids as in `grids`). */
  compute: (m: Model, layer: number, s: AppState) => StateGrid[] | null;
  /** Called after each frame is drawn (extra charts, summaries). */
  after?: (m: Model, layer: number, s: AppState, grids: StateGrid[]) => void;
}

/**
 * A draw stops once it has run this long (ms) and goes on in the next frame, first in line: the
 * grids of a large model (3 of 256 units × 200 steps, and the memory split computed first) take
 * longer than a frame should.
 */
const SLICE_MS = 30;

const frameOf = (s: AppState) => [s.snapshot, s.hoverStep, s.hoverUnit, s.hoverUnitFrom, s.selectedStep, s.selectedUnit, s.layer];

/** A set of units × time heatmaps with titles and role lines, linked to the store's hover/selection. */
export function StateGrids({ grids, shape, model, compute, after }: StateGridsProps) {
  const t = useT();
  const textScale = useTextScale();
  const lang = useStore((s) => s.lang);
  const charts = useRef(new Map<string, Heatmap>());
  const cache = useRef<{ m: Model | null; layer: number; grids: StateGrid[] | null }>({ m: null, layer: -1, grids: null });
  const params = useRef({ model, compute, after });
  useEffect(() => {
    params.current = { model, compute, after };
  });

  /** The grids still to paint for the current draw, the next grid to start a draw with, and the pending rest of a draw. */
  const todo = useRef<number[]>([]);
  const cursor = useRef(0);
  const rest = useRef<(() => void) | null>(null);
  const goOnLater = useRef<() => void>(() => {});

  /** Paints the grids (all of them when `fresh`, else those left by the last draw) until SLICE_MS have passed. */
  const run = useCallback((fresh: boolean) => {
    rest.current?.();
    rest.current = null;
    const start = performance.now();
    const goOn = () => { rest.current = queueDraw(() => goOnLater.current()); };
    const s = useStore.getState();
    const p = params.current;
    const m = modelAt(s, p.model);
    if (!m) return;
    const layer = clampLayer(m, s.layer);
    if (cache.current.m !== m || cache.current.layer !== layer) {
      cache.current = { m, layer, grids: p.compute(m, layer, s) };
      fresh = true;
    }
    const out = cache.current.grids;
    if (!out) return;
    // each draw starts where the last one stopped, so that a stream of draws (a hover) reaches every grid
    if (fresh || todo.current.length === 0) todo.current = out.map((_, i) => (cursor.current + i) % out.length);
    if (performance.now() - start > SLICE_MS) return goOn();
    const vocab = s.snapshot?.vocab ?? [];
    const colLabels = m.inputs.slice(0, m.T).map((id) => displayToken(vocab, id, 3));
    const rowLabels = Array.from({ length: m.hidden }, (_, j) => String(shown(j)));
    const highlight = { row: s.hoverUnit ?? s.selectedUnit, row2: s.hoverUnitFrom, col: s.hoverStep ?? s.selectedStep };
    while (todo.current.length > 0) {
      const i = todo.current.shift()!;
      const g = out[i];
      cursor.current = (i + 1) % out.length;
      charts.current.get(g?.id ?? '')?.update({
        values: g!.values, rows: m.hidden, cols: m.T, domain: g!.domain, rowLabels, colLabels, highlight,
      });
      if (todo.current.length > 0 && performance.now() - start > SLICE_MS) return goOn();
    }
    p.after?.(m, layer, s, out);
  }, []);
  const draw = useCallback(() => run(true), [run]);
  useEffect(() => {
    goOnLater.current = () => run(false);
    return () => rest.current?.();
  }, [run]);

  const specs: HeatmapSpec[] = useMemo(() => grids.map(({ id, scale }) => ({
    id,
    options: {
      scale,
      label: t(`states.grid.${id}`),
      format: (v: number) => formatNumber(lang, v, 3),
      maxHeight: grids.length > 1 ? 150 : 260,
      textScale,
      legend: { title: t(`states.legend.${id}`), nonFiniteLabel: t('states.legend.nonFinite') },
      describe: (c, v) => {
        const s = useStore.getState();
        const m = modelAt(s, params.current.model);
        const token = m ? displayToken(s.snapshot?.vocab ?? [], m.inputs[c.col] ?? -1) : '?';
        return t('states.readout', { where: placeWords(t, c.col, c.row), token, value: formatNumber(lang, v, 4) });
      },
      // leaving clears the hovered quantity only while it is still this grid's (an equation term entered meanwhile keeps its own)
      onHover: (c) => {
        const q = equationQuantity(id);
        setHover(c ? c.col : null, c ? c.row : null, c ? q : useStore.getState().hoverQuantity === q ? null : undefined);
      },
      onClick: (c) => {
        const s = useStore.getState();
        const same = s.selectedStep === c.col && s.selectedUnit === c.row;
        selectCell(same ? null : c.col, same ? null : c.row);
      },
    },
  })), [grids, t, lang, textScale]);

  const bind = useHeatmapSet(specs, `${shape}/${model}/${lang}/${textScale}/${grids.map((g) => g.id).join()}`, draw, charts);
  useFrameSubscription(frameOf, draw);

  return (
    <div className="states-grids">
      {grids.map(({ id }) => (
        <figure key={id} className="states-grid">
          <figcaption>
            <span className="states-grid-title">{t(`states.grid.${id}`)}</span>
            <span className="states-grid-role">{t(`states.role.${id}`)}</span>
          </figcaption>
          <div ref={bind(id)} className="states-grid-host" data-grid={id} />
        </figure>
      ))}
    </div>
  );
}

