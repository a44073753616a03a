import { useCallback, useMemo } from 'react';
import { useStore, type AppState } from '../store';
import { gateGrids, gateLayout, gridStats, type StateGrid, type StateTrace } from '../viz/stateViews';
import { Panel } from './components/Panel';
import { useT } from './hooks/useT';
import { ModelLayerPicker } from './states/ModelLayerPicker';
import { StateGrids } from './states/StateGrids';
import { useStateModel } from './states/useStateModel';
import { useSummary } from './states/useSummary';
import './states.css';

/**
 * Panel 3: the gates as units × time heatmaps, each with its role in plain words — LSTM i, f, g, o;
 * GRU r, z, n; vanilla RNN the pre-activation and how saturated tanh is (its slope 1 − tanh²).
 */
export function GatesPanel() {
  const t = useT();
  const view = useStateModel();
  const [summary, report] = useSummary();
  const cell = view.current?.cell ?? 'lstm';
  const nl = useStore((s) => (s.config.nonlinearity === 'relu' ? 'relu' : 'tanh'));
  const grids = useMemo(() => gateLayout(cell, nl), [cell, nl]);
  const nonlinearity = (s: AppState) => (s.config.nonlinearity === 'relu' ? 'relu' : 'tanh');
  const compute = useCallback((m: StateTrace, layer: number, s: AppState) => gateGrids(m, layer, nonlinearity(s)), []);
  const after = useCallback((m: StateTrace, layer: number, s: AppState, out: StateGrid[]) => {
    const pct = (id: string, fn: (v: Float64Array) => number) => {
      const g = out.find((x) => x.id === id);
      return g ? Math.round(fn(g.values) * 100) : 0;
    };
    const mean = (v: Float64Array) => gridStats(v, Infinity).meanAbs;
    if (m.cell === 'lstm') report('states.gates.summary.lstm', { f: pct('f', mean), i: pct('i', mean), o: pct('o', mean), layer: layer + 1 });
    else if (m.cell === 'gru') report('states.gates.summary.gru', { z: pct('z', mean), r: pct('r', mean), layer: layer + 1 });
    else report(nonlinearity(s) === 'relu' ? 'states.gates.summary.rnn.relu' : 'states.gates.summary.rnn', { flat: pct(out[1]?.id ?? 'slope', (v) => gridStats(v.map((x) => 1 - x), 0.9).shareAbove), layer: layer + 1 });
  }, [report]);
  return (
    <Panel testId="panel-gates" title={t('states.gates.title')} explanation={t(cell === 'rnn' && nl === 'relu' ? 'states.gates.explain.rnn.relu' : `states.gates.explain.${cell}`)}
      summary={summary}
      actions={<ModelLayerPicker cells={view.models.map((m) => m.cell)} model={view.model} onModel={view.setModel}
        layers={view.current?.layers ?? 1} layer={view.layer} />}>
      {view.current ? (
        <StateGrids grids={grids} shape={view.key} model={view.model} compute={compute} after={after} />
      ) : <p className="states-empty">{t('states.waiting')}</p>}
    </Panel>
  );
}
