import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatNumber } from '../i18n';
import { setHover, useStore, type AppState } from '../store';
import { cellColor, createFlowCurve, flowSeries, type CurveSeries, type FlowCurve } from '../viz/flowCurve';
import { decayPerStep } from '../viz/flowCurveMath';
import { createHeatmap, type Heatmap } from '../viz/heatmap';
import { shortNumber } from '../viz/legend';
import { Panel } from './components/Panel';
import { shown } from './counting';
import { flowTable } from './components/panelTables';
import { GradientModelSelect } from './GradientModelSelect';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';

const select = (s: AppState) => [s.snapshot, s.hoverStep];
const SUMMARY_EVERY_MS = 2000;

/**
 * Panel 2: the T × T gradient-flow matrix ‖∂L_t/∂h_k‖ (log colour scale) of one model, and the
 * curve of gradient norm versus distance t − k (all models overlaid in compare mode).
 */
export function FlowPanel() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const cells = useStore(useShallow((s) => s.snapshot?.models.map((m) => m.cell) ?? []));
  const [pick, setPick] = useState(0);
  const [hasFlow, setHasFlow] = useState(false);
  const [summary, setSummary] = useState('');
  const matrixHost = useRef<HTMLDivElement>(null);
  const curveHost = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  const heatmap = useRef<Heatmap | null>(null);
  const curve = useRef<FlowCurve | null>(null);
  const series = useRef<CurveSeries[]>([]);
  const lastSummary = useRef(0);
  const ctx = useRef({ t, lang, pick });
  useEffect(() => {
    ctx.current = { t, lang, pick };
  });

  const showHover = useCallback((d: number | null) => {
    const { t: tr } = ctx.current;
    curve.current?.update({ series: series.current, highlight: d });
    if (!readout.current) return;
    readout.current.textContent = d === null ? tr('gradients.flow.hoverHint') : tr('gradients.flow.hoverDistance', {
      d, values: series.current.map((s) => `${s.name} ${shortNumber(s.values[d] ?? NaN)}`).join(' · '),
    });
  }, []);

  const draw = useCallback(([snapshot, hoverStep]: ReturnType<typeof select>) => {
    const snap = snapshot as AppState['snapshot'];
    const models = snap?.models ?? [];
    const { t: tr, lang: lg, pick: p } = ctx.current;
    const m = models[Math.min(p, models.length - 1)];
    setHasFlow(!!m?.flow);
    if (!m?.flow) return;
    const labels = Array.from({ length: m.T }, (_, i) => String(shown(i)));
    heatmap.current?.update({
      values: m.flow, rows: m.T, cols: m.T, mask: (r, c) => c > r, rowLabels: labels, colLabels: labels,
      highlight: { col: typeof hoverStep === 'number' && hoverStep < m.T ? hoverStep : null },
    });
    series.current = flowSeries(models, (c) => tr(`gradients.cell.${c}`));
    curve.current?.update({ series: series.current });
    const now = performance.now();
    if (now - lastSummary.current > SUMMARY_EVERY_MS) {
      lastSummary.current = now;
      const own = series.current.find((s) => s.id === m.cell)?.values ?? [];
      const ratio = decayPerStep(own);
      const fmt = (v: number) => formatNumber(lg, v, 3);
      setSummary(ratio === null || own.length < 2
        ? tr('gradients.flow.summaryFlat', { near: fmt(own[0] ?? 0) })
        : tr('gradients.flow.summary', { near: fmt(own[0]), far: fmt(own[own.length - 1]), d: own.length - 1, ratio: fmt(ratio) }));
    }
  }, []);
  const redraw = useCallback(() => {
    lastSummary.current = 0;
    draw(select(useStore.getState()));
  }, [draw]);

  useEffect(() => {
    if (!matrixHost.current || !curveHost.current) return;
    heatmap.current = createHeatmap(matrixHost.current, {
      scale: 'log', label: t('gradients.flow.matrixLabel'),
      legend: { title: t('gradients.flow.legend'), nonFiniteLabel: t('gradients.overflow') },
      describe: (c, v) => t('gradients.flow.describe', { t: shown(c.row), k: shown(c.col), value: shortNumber(v) }),
      onHover: (c) => setHover(c ? c.col : null),
      maxHeight: 240, minCellW: 2, minCellH: 2,
    });
    curve.current = createFlowCurve(curveHost.current, {
      label: t('gradients.flow.curveLabel'), xLabel: t('gradients.flow.xLabel'), yLabel: t('gradients.flow.yLabel'),
      onHover: showHover,
    });
    showHover(null);
    redraw();
    return () => {
      heatmap.current?.destroy();
      curve.current?.destroy();
      heatmap.current = null;
      curve.current = null;
    };
  }, [t, showHover, redraw]);
  useEffect(redraw, [pick, redraw]);
  useFrameSubscription(select, draw);

  return (
    <Panel testId="panel-gradients" title={t('gradients.flow.title')} explanation={t('gradients.flow.explain')}
      summary={hasFlow ? summary : t('gradients.flow.pending')} table={() => flowTable(useStore.getState(), t)}
      actions={<GradientModelSelect models={cells.map((cell) => ({ cell }))} value={pick} onChange={setPick} testId="flow-model" />}>
      <div className="grad-flow">
        <div className="grad-flow-matrix" ref={matrixHost} hidden={!hasFlow} />
        {hasFlow ? null : <p className="grad-pending">{t('gradients.flow.pending')}</p>}
        <figure className="grad-flow-curve" hidden={!hasFlow}>
          <figcaption>{t('gradients.flow.curveTitle')}</figcaption>
          <div ref={curveHost} data-testid="flow-curve" />
          {cells.length > 1 ? (
            <ul className="grad-series-legend">
              {cells.map((c) => <li key={c}><i style={{ background: cellColor(c) }} />{t(`gradients.cell.${c}`)}</li>)}
            </ul>
          ) : null}
          <p className="grad-readout" ref={readout} />
        </figure>
      </div>
    </Panel>
  );
}
