import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatNumber } from '../i18n';
import { setFlowModel, setHover, useStore, type AppState } from '../store';
import { cellColor, createFlowCurve, flowSeries, type CurveSeries, type FlowCurve } from '../viz/flowCurve';
import { decayPerStep, gradientReach, peakGrowth, REACH_FRACTION } from '../viz/flowCurveMath';
import { createHeatmap, type Heatmap } from '../viz/heatmap';
import { shortNumber } from '../viz/legend';
import { Panel } from './components/Panel';
import { useStaged } from './components/staged';
import { shown } from './counting';
import { flowTable } from './components/panelTables';
import { GradientModelSelect } from './GradientModelSelect';
import { chapterOf } from '../store/lessons';
import { useBeatGhost } from './hooks/useBeatGhost';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { useTextScale } from './hooks/useTextScale';
import { useChangedState } from './hooks/useChangedState';

const select = (s: AppState) => [s.snapshot, s.hoverStep, s.selectedStep];
const SUMMARY_EVERY_MS = 2000;

/**
 * Panel 2: the T × T gradient-flow matrix ‖∂L_t/∂h_k‖ (log colour scale) of one model, and the
 * curve of gradient norm versus distance t − k (all models overlaid in compare mode).
 */
/** The chart's settings besides its series: the open chapter's fixed range, the ghosts, the reach of the shown model. */
function curveExtras(series: CurveSeries[], own: string | null, ghosts: CurveSeries[] | null) {
  const shown = series.find((c) => c.id === own) ?? series[0];
  return {
    domain: chapterOf(useStore.getState().lesson)?.view?.flowDomain, ghosts: ghosts ?? [],
    reach: shown ? { steps: gradientReach(shown.values), fraction: REACH_FRACTION } : null,
  };
}

/** The shown model's series first (the reach marks the first series), the others after it. */
function orderOwnFirst(series: CurveSeries[], own: string | null): CurveSeries[] {
  const i = series.findIndex((c) => c.id === own);
  return i <= 0 ? series : [series[i]!, ...series.slice(0, i), ...series.slice(i + 1)];
}

export function FlowPanel() {
  const t = useT();
  const textScale = useTextScale();
  const lang = useStore((s) => s.lang);
  const cells = useStore(useShallow((s) => s.snapshot?.models.map((m) => m.cell) ?? []));
  const staged = useStaged();
  const curveOnStage = useStore((s) => chapterOf(s.lesson)?.view?.curveOnStage === true) && staged;
  const pick = useStore((s) => s.flowModel);
  const [hasFlow, setHasFlow] = useChangedState(false);
  // with one loss step (the memory tasks) the matrix is a single row: the curve says it all
  const [oneLossRow, setOneLossRow] = useChangedState(false);
  const [summary, setSummary] = useChangedState('');
  const matrixHost = useRef<HTMLDivElement>(null);
  const curveHost = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  const reachOut = useRef<HTMLOutputElement>(null);
  const growthOut = useRef<HTMLSpanElement>(null);
  const heatmap = useRef<Heatmap | null>(null);
  const curve = useRef<FlowCurve | null>(null);
  const series = useRef<CurveSeries[]>([]);
  const lastSummary = useRef(0);
  const ctx = useRef({ t, lang, pick });
  useEffect(() => {
    ctx.current = { t, lang, pick };
  });

  const drawRef = useRef<() => void>(() => {});
  const ownCell = useRef<string | null>(null);
  // The curves as they were when the chapter's last beat ran, drawn faint behind the live ones.
  const [hasGhost, setHasGhost] = useState(false);
  const ghosts = useRef<CurveSeries[] | null>(null);
  useBeatGhost<CurveSeries[]>(
    () => (series.current.length ? series.current.map((c) => ({ ...c, id: `before-${c.id}` })) : null),
    (ghost) => {
      ghosts.current = ghost;
      setHasGhost(ghost !== null);
      drawRef.current();
    },
  );

  const showHover = useCallback((d: number | null) => {
    const { t: tr } = ctx.current;
    curve.current?.update({ series: orderOwnFirst(series.current, ownCell.current), highlight: d, ...curveExtras(series.current, ownCell.current, ghosts.current) });
    if (!readout.current) return;
    readout.current.textContent = d === null ? tr('gradients.flow.hoverHint') : tr('gradients.flow.hoverDistance', {
      d, values: series.current.map((s) => `${s.name} ${shortNumber(s.values[d] ?? NaN)}`).join(' · '),
    });
  }, []);

  const draw = useCallback(([snapshot, hoverStep, selectedStep]: ReturnType<typeof select>) => {
    const snap = snapshot as AppState['snapshot'];
    const models = snap?.models ?? [];
    const { t: tr, lang: lg, pick: p } = ctx.current;
    const m = models[Math.min(p, models.length - 1)];
    setHasFlow(!!m?.flow);
    if (!m?.flow) return;
    // a row whose step carries no loss has no gradient to send back: shown as such, not as "tiny"
    const noLoss = (r: number) => !((m.targets[r] ?? -1) >= 0);
    setOneLossRow(m.targets.filter((y) => y >= 0).length <= 1);
    const labels = Array.from({ length: m.T }, (_, i) => String(shown(i)));
    const rowLabels = labels.map((l, r) => (noLoss(r) ? '–' : l));
    const within = (v: unknown) => (typeof v === 'number' && v < m.T ? v : null);
    const highlight = { row: within(selectedStep), col: within(hoverStep) };
    heatmap.current?.update({
      values: m.flow, rows: m.T, cols: m.T, mask: (r, c) => c > r || noLoss(r), rowLabels, colLabels: labels, highlight,
    });
    // the highlighted row (the selected loss step, 0-based) as data, for what the canvas shows
    if (matrixHost.current) matrixHost.current.dataset.highlightRow = highlight.row === null ? '' : String(highlight.row);
    series.current = flowSeries(models, (c) => tr(`gradients.cell.${c}`));
    ownCell.current = m.cell;
    const own = series.current.find((c) => c.id === m.cell);
    curve.current?.update({ series: orderOwnFirst(series.current, m.cell), ...curveExtras(series.current, m.cell, ghosts.current) });
    if (own && reachOut.current) {
      const reach = gradientReach(own.values);
      reachOut.current.textContent = tr('gradients.flow.reachValue', { steps: reach });
      reachOut.current.dataset.value = String(reach);
    }
    if (own && growthOut.current) {
      const growth = peakGrowth(own.values);
      growthOut.current.textContent = growth > 1 ? tr('gradients.flow.growth', { ratio: formatNumber(lg, growth, 3) }) : '';
      growthOut.current.dataset.value = String(growth);
    }
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
  }, [setHasFlow, setOneLossRow, setSummary]);
  const redraw = useCallback(() => {
    lastSummary.current = 0;
    draw(select(useStore.getState()));
  }, [draw]);
  useEffect(() => {
    drawRef.current = redraw;
  });

  useEffect(() => {
    if (!matrixHost.current || !curveHost.current) return;
    heatmap.current = createHeatmap(matrixHost.current, {
      scale: 'log', label: t('gradients.flow.matrixLabel'),
      legend: { title: t('gradients.flow.legend'), nonFiniteLabel: t('gradients.overflow') },
      describe: (c, v) => t('gradients.flow.describe', { t: shown(c.row), k: shown(c.col), value: shortNumber(v) }),
      onHover: (c) => setHover(c ? c.col : null),
      maxHeight: staged ? 170 : 240, minCellW: 2, minCellH: 2, textScale,
    });
    curve.current = createFlowCurve(curveHost.current, {
      label: t('gradients.flow.curveLabel'), xLabel: t('gradients.flow.xLabel'), yLabel: t('gradients.flow.yLabel'),
      onHover: showHover, textScale,
    });
    showHover(null);
    redraw();
    return () => {
      heatmap.current?.destroy();
      curve.current?.destroy();
      heatmap.current = null;
      curve.current = null;
    };
  }, [t, showHover, redraw, staged, textScale]);
  useEffect(redraw, [pick, redraw]);
  useFrameSubscription(select, draw);

  return (
    <Panel testId="panel-gradients" title={t('gradients.flow.title')} explanation={t('gradients.flow.explain')}
      summary={hasFlow ? summary : t('gradients.flow.pending')} table={() => flowTable(useStore.getState(), t)}
      actions={<GradientModelSelect models={cells.map((cell) => ({ cell }))} value={pick} onChange={setFlowModel} testId="flow-model" />}>
      <div className="grad-flow" data-curve-on-stage={curveOnStage || undefined}>
        <div className="grad-flow-matrix" data-testid="flow-matrix" ref={matrixHost} hidden={!hasFlow || oneLossRow} />
        {hasFlow && oneLossRow ? <p className="grad-note" data-testid="flow-one-loss">{t('gradients.flow.oneLoss')}</p> : null}
        {hasFlow ? null : <p className="grad-pending">{t('gradients.flow.pending')}</p>}
        <figure className="grad-flow-curve" hidden={!hasFlow}>
          <figcaption>{t('gradients.flow.curveTitle')}</figcaption>
          <p className="grad-reach">
            <span>{t('gradients.flow.reach', { percent: REACH_FRACTION * 100 })}</span>{' '}
            <output className="grad-big-number" data-testid="readout-gradient-reach" ref={reachOut}>—</output>{' '}
            <span className="grad-growth" data-testid="readout-gradient-growth" ref={growthOut} />
          </p>
          <div ref={curveHost} data-testid="flow-curve" />
          {cells.length > 1 || hasGhost ? (
            <ul className="grad-series-legend">
              {cells.length > 1 ? cells.map((c) => <li key={c}><i style={{ background: cellColor(c) }} />{t(`gradients.cell.${c}`)}</li>) : null}
              {hasGhost ? <li data-testid="flow-ghost-key"><i className="grad-ghost-key" />{t('gradients.flow.ghost')}</li> : null}
            </ul>
          ) : null}
          <p className="grad-readout" ref={readout} />
        </figure>
      </div>
    </Panel>
  );
}
