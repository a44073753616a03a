import { useCallback } from 'react';
import { useStore, type AppState } from '../store';
import { gridStats, hiddenGrid, type StateGrid } from '../viz/stateViews';
import { Panel } from './components/Panel';
import { hiddenTable } from './components/panelTables';
import { useT } from './hooks/useT';
import { ModelLayerPicker } from './states/ModelLayerPicker';
import { StateGrids } from './states/StateGrids';
import { useSummary } from './states/useSummary';
import { useStateModel } from './states/useStateModel';
import './states.css';

const GRIDS = [{ id: 'h', scale: 'diverging' as const }];

/** Panel 2: the hidden state h_t as a units × time heatmap, centred on 0, linked to hover/selection. */
export function HiddenPanel() {
  const t = useT();
  const view = useStateModel();
  const [summary, report] = useSummary();
  const compute = useCallback((m: Parameters<typeof hiddenGrid>[0], layer: number) => [hiddenGrid(m, layer)], []);
  const after = useCallback((m: { hidden: number; T: number }, layer: number, _s: AppState, grids: StateGrid[]) => {
    const st = gridStats(grids[0].values, 0.9);
    report('states.hidden.summary', {
      units: m.hidden, steps: m.T, layer: layer + 1,
      mean: Math.round(st.meanAbs * 100) / 100, saturated: Math.round(st.shareAbove * 100),
    });
  }, [report]);
  return (
    <Panel testId="panel-hidden" title={t('states.hidden.title')} explanation={t('states.hidden.explain')}
      summary={summary} table={() => hiddenTable(useStore.getState(), view.model, view.layer, t)}
      actions={<ModelLayerPicker cells={view.models.map((m) => m.cell)} model={view.model} onModel={view.setModel}
        layers={view.current?.layers ?? 1} layer={view.layer} />}>
      {view.current ? (
        <StateGrids grids={GRIDS} shape={view.key} model={view.model} compute={compute} after={after} />
      ) : <p className="states-empty">{t('states.waiting')}</p>}
    </Panel>
  );
}
