import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { gateCount, gateNames } from '../engine/cells';
import { formatNumber } from '../i18n';
import { rescaleRecurrent, useStore, type AppState, type ModelSnapshot } from '../store';
import { createFlowCurve, flowSeries, type FlowCurve } from '../viz/flowCurve';
import { createSpectrum, type SpectrumChart } from '../viz/spectrum';
import {
  BLOCK_ALL, SIGMA_MAX, SIGMA_MIN, SIGMA_SLIDER_TOP, blockIds, clampSigma, formatSigma, regimeOf, sigmaAt, sigmaMaxOf,
  sliderPosition, sliderTop, snapshotSpectra,
} from '../viz/spectrumMath';
import { Panel } from './components/Panel';
import { shown } from './counting';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { useTextScale } from './hooks/useTextScale';
import { useChangedState } from './hooks/useChangedState';

/** The model the lens shows: the only one, or in compare mode the one of the chosen cell. */
function lensModel(s: AppState): ModelSnapshot | undefined {
  const models = s.snapshot?.models ?? [];
  return models.find((m) => m.cell === s.config.cell) ?? models[0];
}
/** The lens model's index in the snapshot (0 outside compare mode). */
function lensIndex(s: AppState): number {
  const models = s.snapshot?.models ?? [];
  return Math.max(0, models.findIndex((m) => m.cell === s.config.cell));
}
const select = (s: AppState) => [lensModel(s), s.layer];
const now = () => performance.now();
const sameRegime = (a: { sigma: number; T: number } | null, b: { sigma: number; T: number } | null) =>
  a === b || (!!a && !!b && Object.is(a.sigma, b.sigma) && a.T === b.T);
/** After the user moves the slider, it stops following the live value for this long (ms). */
const HOLD_MS = 1500;

/**
 * Panel 3: the singular values of the selected layer's W_hh (and of each gate block for LSTM/GRU),
 * the threshold 1, a live read-out of the largest one, and a slider that rescales the matrix (or one
 * block) so its largest singular value becomes s, with the gradient-vs-distance curve beside it.
 * The slider runs on a log scale from SIGMA_MIN to a right end that always holds the live value, and
 * follows that value whenever the user is not moving it: slider, read-out and chart agree.
 */
export function SpectrumPanel() {
  const t = useT();
  const textScale = useTextScale();
  const id = useId();
  const cell = useStore((s) => lensModel(s)?.cell ?? s.config.cell);
  const layer = useStore((s) => s.layer);
  const compare = useStore((s) => (s.snapshot?.models.length ?? 0) > 1);
  const lang = useStore((s) => s.lang);
  const [block, setBlock] = useState(BLOCK_ALL);
  const [s, setS] = useChangedState(1);
  const [top, setTop] = useChangedState(SIGMA_SLIDER_TOP);
  const [draft, setDraft] = useState<string | null>(null);
  const [regime, setRegime] = useChangedState<{ sigma: number; T: number } | null>(null, sameRegime);
  const chartHost = useRef<HTMLDivElement>(null);
  const curveHost = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLOutputElement>(null);
  const chart = useRef<SpectrumChart | null>(null);
  const curve = useRef<FlowCurve | null>(null);
  const touched = useRef(-Infinity);
  const sent = useRef<{ frame: number; value: number }>({ frame: 0, value: 1 });
  const blocks = blockIds(cell);
  const target = blocks.includes(block) ? block : BLOCK_ALL;
  const ctx = useRef({ t, target });
  useEffect(() => {
    ctx.current = { t, target };
  });

  const draw = useCallback(([model]: ReturnType<typeof select>) => {
    const m = model as ModelSnapshot | undefined;
    if (!m) return;
    const { t: tr, target: tg } = ctx.current;
    const spectra = snapshotSpectra(m.cell, m.sigma, m.blockSigma);
    const names = Object.fromEntries(spectra.map((x) => [x.id, x.id !== BLOCK_ALL ? x.id
      // a cell with one gate block (the rnn's a) has no other matrix: its block is the whole W_hh
      : tr(gateCount(m.cell) === 1 ? `gradients.spectrum.block.${gateNames(m.cell)[0]}` : 'gradients.spectrum.short.all')]));
    chart.current?.update({ spectra, names, target: tg });
    curve.current?.update({ series: flowSeries([m], (c) => tr(`gradients.cell.${c}`)) });
    const sigma = sigmaMaxOf(spectra, tg);
    if (readout.current) readout.current.textContent = formatSigma(sigma);
    const rounded = Math.round(sigma * 1000) / 1000;
    setRegime({ sigma: rounded, T: m.T });
    if (now() - touched.current > HOLD_MS && !Number.isNaN(sigma)) {
      setS(clampSigma(sigma));
      setTop(sliderTop(sigma));
    }
  }, [setRegime, setS, setTop]);
  const redraw = useCallback(() => draw(select(useStore.getState())), [draw]);

  useEffect(() => {
    if (!chartHost.current || !curveHost.current) return;
    chart.current = createSpectrum(chartHost.current, {
      label: t('gradients.spectrum.chartLabel', { layer: shown(layer) }), yLabel: t('gradients.spectrum.yLabel'), textScale,
    });
    curve.current = createFlowCurve(curveHost.current, {
      label: t('gradients.flow.curveLabel'), xLabel: t('gradients.flow.xLabel'), yLabel: t('gradients.flow.yLabel'), height: 150, textScale,
    });
    redraw();
    return () => {
      chart.current?.destroy();
      curve.current?.destroy();
      chart.current = null;
      curve.current = null;
    };
  }, [t, layer, redraw, textScale]);
  useEffect(redraw, [target, redraw]);
  useEffect(() => () => cancelAnimationFrame(sent.current.frame), []);
  useFrameSubscription(select, draw);

  /** Moves the slider to `v` and rescales (at most once per animation frame while dragging). */
  const choose = (v: number) => {
    const next = clampSigma(v);
    touched.current = now();
    setS(next);
    sent.current.value = next;
    if (sent.current.frame) return;
    sent.current.frame = requestAnimationFrame(() => {
      sent.current.frame = 0;
      rescaleRecurrent(layer, sent.current.value, target, lensIndex(useStore.getState()));
    });
  };
  const commitDraft = () => {
    if (draft !== null && draft.trim() !== '' && Number.isFinite(Number(draft))) {
      const v = Number(draft);
      // a typed value beyond the slider's end moves the end, so the slider shows it too
      if (clampSigma(v) > top) setTop(sliderTop(v));
      choose(v);
    }
    setDraft(null);
  };

  const blockName = t(`gradients.spectrum.block.${target}`);
  const sentence = !regime || !Number.isFinite(regime.sigma) ? null : t(`gradients.spectrum.${regimeOf(regime.sigma)}`, {
    sigma: regime.sigma.toFixed(3), T: regime.T, power: formatNumber(lang, regime.sigma ** regime.T, 3),
  });
  return (
    <Panel testId="panel-spectrum" title={t('gradients.spectrum.title')} explanation={t('gradients.spectrum.explain')}
      summary={sentence ?? undefined}>
      <div className="grad-spectrum">
        <p className="grad-readout-line">
          <span>{t('gradients.spectrum.readout', { block: blockName })}</span>{' '}
          <output className="grad-big-number" data-testid="readout-sigma-max" ref={readout} aria-live="off">—</output>
        </p>
        <div className="grad-controls">
          {blocks.length > 1 ? (
            <label>
              {t('gradients.spectrum.block')}{' '}
              <select data-testid="control-sigma-block" value={target} onChange={(e) => setBlock(e.target.value)}>
                {blocks.map((b) => <option key={b} value={b}>{t(`gradients.spectrum.block.${b}`)}</option>)}
              </select>
            </label>
          ) : null}
          <label htmlFor={`${id}-s`}>{t('gradients.spectrum.slider')}</label>
          <span className="grad-slider-row">
            <input id={`${id}-s`} type="range" data-testid="control-sigma" min={sliderPosition(SIGMA_MIN)} max={Math.log10(top)}
              step={0.005} value={sliderPosition(s)} aria-valuetext={s.toFixed(2)}
              onChange={(e) => choose(sigmaAt(Number(e.target.value)))} />
            <input type="number" data-testid="control-sigma-number" aria-label={t('gradients.spectrum.number')}
              min={SIGMA_MIN} max={SIGMA_MAX} step="any" value={draft ?? s.toFixed(2)}
              onChange={(e) => setDraft(e.target.value)} onBlur={commitDraft}
              onKeyDown={(e) => { if (e.key === 'Enter') commitDraft(); }} />
          </span>
        </div>
        <p className="grad-note">
          {t('gradients.spectrum.target', { block: blockName, layer: shown(layer) })}
          {compare ? ` ${t('gradients.spectrum.compare', { cell: t(`gradients.cell.${cell}`) })}` : null}
        </p>
        <div className="grad-spectrum-chart" ref={chartHost} />
        {sentence ? <p className="grad-note grad-regime">{sentence}</p> : null}
        {cell === 'lstm' ? <p className="grad-note">{t('gradients.spectrum.gated')}</p> : null}
        {cell === 'gru' ? <p className="grad-note">{t('gradients.spectrum.gatedGru')}</p> : null}
        <figure className="grad-flow-curve">
          <figcaption>{t('gradients.spectrum.curveTitle')}</figcaption>
          <div ref={curveHost} data-testid="spectrum-curve" />
        </figure>
      </div>
    </Panel>
  );
}
