import { useEffect, useRef } from 'react';
import { formatNumber } from '../i18n';
import { toggleLogScale, useStore, type AppState } from '../store';
import { SERIES_COLORS } from '../viz/color';
import { createLineChart, type LineChart, type LineSeries } from '../viz/lineChart';
import { smoothBySteps } from '../viz/lineMath';
import { Panel } from './components/Panel';
import { lossTable } from './components/panelTables';
import { chanceLevel } from './chance';
import { useBeatGhost } from './hooks/useBeatGhost';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { useTextScale } from './hooks/useTextScale';
import { useSummary } from './states/useSummary';
import './states.css';

const CELL_COLOR: Record<string, string> = { rnn: SERIES_COLORS[0], lstm: SERIES_COLORS[1], gru: SERIES_COLORS[2] };
const frameOf = (s: AppState) => [s.histories, s.snapshot, s.logScale, s.lang];
/** The colour of the "before" curve: the text colour, faint (legible on both themes). */
const GHOST_COLOR = 'currentColor';
/** The smoothed line's decay per optimizer step: an average over about the last 20 steps (the panel's explanation says so). */
const LOSS_SMOOTHING = 0.95;

/**
 * Panel 6: training loss over optimizer steps, raw (faint) and smoothed, with chance level ln V as a
 * dashed line, a log-scale toggle and a hover read-out; in compare mode one line per cell type.
 */
export function LossPanel() {
  const t = useT();
  const textScale = useTextScale();
  const lang = useStore((s) => s.lang);
  const logScale = useStore((s) => s.logScale);
  const host = useRef<HTMLDivElement>(null);
  const stats = useRef<HTMLParagraphElement>(null);
  const chart = useRef<LineChart | null>(null);
  const [summary, report] = useSummary();
  const drawRef = useRef<() => void>(() => {});
  // The smoothed curves as they were when the chapter's last beat ran ("before"), drawn faint and dashed.
  const ghost = useRef<{ x: number[]; y: ArrayLike<number> }[] | null>(null);
  useBeatGhost<{ x: number[]; y: ArrayLike<number> }[]>(() => {
    const { histories } = useStore.getState();
    const curves = histories.filter((h) => h.step.length > 1).map((h) => ({ x: h.step.slice(), y: smoothBySteps(h.step, h.loss, LOSS_SMOOTHING) }));
    return curves.length ? curves : null;
  }, (curves) => {
    ghost.current = curves;
    drawRef.current();
  });

  const draw = () => {
    const s = useStore.getState();
    const c = chart.current;
    if (!c) return;
    const models = s.snapshot?.models ?? [];
    const series: LineSeries[] = (ghost.current ?? []).map((g, k) => ({
      id: `ghost-${k}`, label: t('states.loss.ghost'), color: GHOST_COLOR, x: g.x, y: g.y, width: 2, opacity: 0.55, dash: '5 4', readout: false,
    }));
    s.histories.forEach((h, k) => {
      const cell = models[k]?.cell ?? s.config.cell;
      const name = t(`states.cell.${cell}`);
      const color = models.length > 1 ? CELL_COLOR[cell] ?? SERIES_COLORS[k] : SERIES_COLORS[0];
      series.push({ id: `raw-${k}`, label: t('states.loss.raw', { name }), color, x: h.step, y: h.loss, width: 1, opacity: 0.3, readout: false });
      series.push({ id: `smooth-${k}`, label: name, color, x: h.step, y: smoothBySteps(h.step, h.loss, LOSS_SMOOTHING), width: 2 });
    });
    const V = models[0]?.vocabSize ?? 0;
    const chance = s.snapshot ? chanceLevel(s.snapshot) : null;
    c.update({
      series, log: s.logScale,
      refLines: chance && chance.answers > 1 ? [{
        y: chance.value,
        label: t(chance.ofAnswers ? 'states.loss.chanceAnswers' : 'states.loss.chance', { value: formatNumber(s.lang, chance.value, 3), n: chance.answers }),
      }] : [],
    });
    if (stats.current) {
      stats.current.replaceChildren(...models.filter((m) => Number.isFinite(m.loss)).map((m, k) => {
        const item = document.createElement('span');
        const swatch = document.createElement('i');
        swatch.style.background = models.length > 1 ? CELL_COLOR[m.cell] ?? SERIES_COLORS[k] : SERIES_COLORS[0];
        const parts = [t('states.loss.now', { name: t(`states.cell.${m.cell}`), step: m.step, loss: formatNumber(s.lang, m.loss, 3) })];
        // accuracy over the recent training batches: steady, unlike one example's 0 or 100 %
        const acc = m.trainAccuracy;
        if (acc) {
          parts.push(t('states.loss.accuracy', { value: Math.round(acc.value * 100), n: acc.batches }));
          item.dataset.testid = `readout-accuracy-${m.cell}`;
          item.dataset.value = String(acc.value);
        }
        item.append(swatch, document.createTextNode(parts.join(' · ')));
        return item;
      }));
    }
    const m0 = models[0];
    if (m0 && Number.isFinite(m0.loss)) report('states.loss.summary', { step: m0.step, loss: formatNumber(s.lang, m0.loss, 3), chance: formatNumber(s.lang, chance?.value ?? Math.log(V || 1), 3) });
  };
  useEffect(() => {
    drawRef.current = draw;
  });

  useEffect(() => {
    if (!host.current) return;
    const c = createLineChart(host.current, {
      label: t('states.loss.chart'), height: 200,
      formatX: (x) => t('states.loss.stepN', { step: Math.round(x) }), formatY: (v) => formatNumber(lang, v, 3), integerX: true, textScale,
    });
    chart.current = c;
    drawRef.current();
    return () => {
      c.destroy();
      chart.current = null;
    };
  }, [t, lang, textScale]);

  useFrameSubscription(frameOf, () => drawRef.current());

  return (
    <Panel testId="panel-loss" title={t('states.loss.title')} explanation={t('states.loss.explain')} summary={summary}
      table={() => lossTable(useStore.getState(), t)}
      actions={
        <button type="button" className="states-toggle" aria-pressed={logScale} onClick={() => toggleLogScale()}>
          {t('states.loss.log')}
        </button>
      }>
      <div ref={host} className="states-loss-chart" />
      <p ref={stats} className="states-loss-stats" />
    </Panel>
  );
}
