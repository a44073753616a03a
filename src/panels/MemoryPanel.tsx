import { useCallback, useEffect, useMemo, useRef } from 'react';
import { formatNumber, type Params } from '../i18n';
import { useStore, type AppState } from '../store';
import { SERIES_COLORS } from '../viz/color';
import { createLineChart, type LineChart } from '../viz/lineChart';
import { clampLayer, liveliestUnit, memoryLayout, memoryView, type MemoryView, type StateGrid, type StateTrace } from '../viz/stateViews';
import { Panel } from './components/Panel';
import { shown } from './counting';
import { queueDraw } from './hooks/frameQueue';
import { useT } from './hooks/useT';
import { useTextScale } from './hooks/useTextScale';
import { ModelLayerPicker } from './states/ModelLayerPicker';
import { StateGrids } from './states/StateGrids';
import { modelAt, useStateModel } from './states/useStateModel';
import { useSummary } from './states/useSummary';
import './states.css';

/** How each part is drawn in the per-unit chart: the state itself solid and thick, its parts dashed. */
const LINE_STYLE: Record<string, { color: string; width: number; dash?: string }> = {
  c: { color: 'currentColor', width: 2.5 }, h: { color: 'currentColor', width: 2.5 }, a: { color: 'currentColor', width: 2.5 },
  kept: { color: SERIES_COLORS[0], width: 1.5, dash: '5 3' }, keptOld: { color: SERIES_COLORS[0], width: 1.5, dash: '5 3' },
  recurrent: { color: SERIES_COLORS[0], width: 1.5, dash: '5 3' },
  written: { color: SERIES_COLORS[1], width: 1.5, dash: '2 2' }, candidate: { color: SERIES_COLORS[1], width: 1.5, dash: '2 2' },
  input: { color: SERIES_COLORS[1], width: 1.5, dash: '2 2' },
  forgotten: { color: SERIES_COLORS[2], width: 1, dash: '1 3' },
};

/**
 * Panel 4: the network's memory, never empty. LSTM: c_t and what is kept (f ⊙ c_{t−1}), written
 * (i ⊙ g) and forgotten; GRU: old memory z ⊙ h_{t−1} against the candidate (1 − z) ⊙ n; vanilla
 * RNN: the part of the pre-activation from h_{t−1} against the part from x_t, and its share.
 * Below, one unit's parts over time (the hovered or selected unit, else the liveliest one).
 */
export function MemoryPanel() {
  const t = useT();
  const textScale = useTextScale();
  const lang = useStore((s) => s.lang);
  const view = useStateModel();
  const [summary, report] = useSummary();
  const cell = view.current?.cell ?? 'lstm';
  const grids = useMemo(() => memoryLayout(cell), [cell]);
  const lineHost = useRef<HTMLDivElement>(null);
  const chart = useRef<LineChart | null>(null);
  const unitLabel = useRef<HTMLSpanElement>(null);
  const hasModel = !!view.current;

  const model = view.model;
  useEffect(() => {
    if (!lineHost.current) return;
    const c = createLineChart(lineHost.current, {
      label: t('states.memory.lines.label'), height: 150,
      formatX: (x) => t('states.step', { step: Math.round(x) }), formatY: (v) => formatNumber(lang, v, 3), integerX: true, textScale,
    });
    chart.current = c;
    // the lines of the current state, in the next frame (the memory split of a large model takes a
    // while; the panel's grids draw it too)
    const cancel = queueDraw(() => {
      const s = useStore.getState();
      const m = modelAt(s, model);
      const layer = m ? clampLayer(m, s.layer) : 0;
      const mv = m ? cachedView(m, layer) : null;
      if (m && mv) paintLines(c, unitLabel.current, t, m, s, mv);
    });
    return () => {
      cancel();
      c.destroy();
      chart.current = null;
    };
  }, [t, lang, hasModel, model, textScale]);

  const compute = useCallback((m: StateTrace, layer: number) => cachedView(m, layer)?.grids ?? null, []);
  const after = useCallback((m: StateTrace, layer: number, s: AppState, out: StateGrid[]) => {
    const mv = cachedView(m, layer);
    if (!mv || !chart.current) return;
    const unit = paintLines(chart.current, unitLabel.current, t, m, s, mv);
    const share = out.find((g) => g.id === 'share');
    report(`states.memory.summary.${m.cell}`, {
      layer: shown(layer), unit: shown(unit),
      share: share ? Math.round(100 * share.values.reduce((x, y) => x + y, 0) / share.values.length) : 0,
    });
  }, [t, report]);

  return (
    <Panel testId="panel-cell-state" title={t('states.memory.title')} explanation={t(`states.memory.explain.${cell}`)}
      summary={summary}
      actions={<ModelLayerPicker cells={view.models.map((m) => m.cell)} model={view.model} onModel={view.setModel}
        layers={view.current?.layers ?? 1} layer={view.layer} />}>
      {view.current ? (
        <>
          <StateGrids grids={grids} shape={view.key} model={view.model} compute={compute} after={after} />
          <figure className="states-unit-lines">
            <figcaption><span ref={unitLabel} className="states-grid-title" /></figcaption>
            <div ref={lineHost} />
            <ul className="states-line-key">
              {grids.length ? lineIds(cell).map((id) => (
                <li key={id}><i style={{ borderTop: `${LINE_STYLE[id].width}px ${LINE_STYLE[id].dash ? 'dashed' : 'solid'} ${LINE_STYLE[id].color}` }} />{t(`states.line.${id}`)}</li>
              )) : null}
            </ul>
          </figure>
        </>
      ) : <p className="states-empty">{t('states.waiting')}</p>}
    </Panel>
  );
}

/**
 * Draws one unit's parts over time (the hovered or selected unit, else the liveliest); returns the
 * unit's index. The x axis counts steps from 1, as the page does.
 */
function paintLines(chart: LineChart, label: HTMLElement | null, t: (key: string, p?: Params) => string,
  m: StateTrace, s: AppState, mv: MemoryView): number {
  const first = mv.grids[0];
  const unit = Math.min(m.hidden - 1, s.hoverUnit ?? s.selectedUnit ?? liveliestUnit(first.values, m.hidden, m.T));
  const at = s.hoverStep ?? s.selectedStep;
  const x = Array.from({ length: m.T }, (_, k) => shown(k));
  chart.update({
    series: mv.lines(unit).map((l) => ({ id: l.id, label: t(`states.line.${l.id}`), x, y: l.values, ...LINE_STYLE[l.id] })),
    refLines: [{ y: 0, label: '' }],
    highlightX: at === null ? null : shown(at),
  });
  if (label) label.textContent = t(`states.memory.unit.${m.cell}`, { unit: shown(unit) });
  return unit;
}

/** The memory view of the latest snapshot, computed once per snapshot and layer. */
const views = new WeakMap<StateTrace, { layer: number; view: MemoryView | null }>();
function cachedView(m: StateTrace, layer: number): MemoryView | null {
  const hit = views.get(m);
  if (hit && hit.layer === layer) return hit.view;
  const view = memoryView(m, layer);
  views.set(m, { layer, view });
  return view;
}

function lineIds(cell: string): string[] {
  return cell === 'lstm' ? ['c', 'kept', 'written', 'forgotten'] : cell === 'gru' ? ['h', 'keptOld', 'candidate'] : ['a', 'recurrent', 'input'];
}
