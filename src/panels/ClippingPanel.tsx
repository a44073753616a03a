import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { setConfig, useStore, type AppState } from '../store';
import { createClipping, type ClippingChart } from '../viz/clipping';
import { clipStats, formatPercent, type ClipMode } from '../viz/clippingMath';
import { Panel } from './components/Panel';
import { GradientModelSelect } from './GradientModelSelect';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { useTextScale } from './hooks/useTextScale';
import { useChangedState } from './hooks/useChangedState';

const select = (s: AppState) => [s.histories, s.config.clip, s.config.clipMode];
const sameFraction = (a: { pct: string; n: number } | null, b: { pct: string; n: number } | null) =>
  a === b || (!!a && !!b && a.pct === b.pct && a.n === b.n);

/**
 * Panel 4: the gradient norm per training step before and after clipping, the threshold as a
 * draggable line (and a number input), clip events, the share of steps clipped, and a toggle between
 * norm and value clipping with why norm clipping keeps the direction.
 */
export function ClippingPanel() {
  const t = useT();
  const textScale = useTextScale();
  const id = useId();
  const clip = useStore((s) => s.config.clip);
  const mode = useStore((s) => s.config.clipMode);
  const cells = useStore(useShallow((s) => s.snapshot?.models.map((m) => m.cell) ?? []));
  const [pick, setPick] = useState(0);
  const [draft, setDraft] = useState<string | null>(null);
  const [fraction, setFraction] = useChangedState<{ pct: string; n: number } | null>(null, sameFraction);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ClippingChart | null>(null);
  const preview = useRef<number | null>(null);
  const ctx = useRef({ pick });
  useEffect(() => {
    ctx.current = { pick };
  });

  const draw = useCallback(([histories, threshold, clipMode]: ReturnType<typeof select>) => {
    const all = histories as AppState['histories'];
    const h = all[Math.min(ctx.current.pick, all.length - 1)];
    const c = preview.current ?? (threshold as number);
    if (!h || h.step.length === 0) {
      setFraction(null);
      return;
    }
    const stats = clipStats(h.gradNorm, h.clippedNorm, c, clipMode as ClipMode);
    chart.current?.update({ ...h, clipped: stats.clipped, threshold: c, mode: clipMode as ClipMode });
    const pct = formatPercent(stats.fraction);
    setFraction({ pct, n: stats.n });
  }, [setFraction]);
  const redraw = useCallback(() => draw(select(useStore.getState())), [draw]);

  useEffect(() => {
    if (!host.current) return;
    chart.current = createClipping(host.current, {
      label: t('gradients.clipping.chartLabel'), lineLabel: t('gradients.clipping.lineLabel'),
      xLabel: t('gradients.clipping.xLabel'), yLabel: t('gradients.clipping.yLabel'), textScale,
      onDrag: (v) => {
        preview.current = v;
        redraw();
      },
      onThreshold: (v) => {
        preview.current = null;
        setConfig({ clip: v });
        redraw();
      },
    });
    redraw();
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [t, redraw, textScale]);
  useEffect(redraw, [pick, redraw]);
  useFrameSubscription(select, draw);

  const commit = () => {
    const v = draft === null ? NaN : Number(draft);
    if (draft !== null && draft.trim() !== '' && Number.isFinite(v) && v >= 0) setConfig({ clip: v });
    setDraft(null);
  };
  const status = clip <= 0 ? t('gradients.clipping.off')
    : fraction ? t(`gradients.clipping.fraction.${mode}`, { pct: fraction.pct, n: fraction.n }) : t('gradients.clipping.empty');
  return (
    <Panel testId="panel-clipping" title={t('gradients.clipping.title')} explanation={t('gradients.clipping.explain')}
      summary={status}
      actions={<GradientModelSelect models={cells.map((cell) => ({ cell }))} value={pick} onChange={setPick} testId="clipping-model" />}>
      <div className="grad-clipping">
        <div className="grad-controls">
          <label htmlFor={`${id}-c`}>{t('gradients.clipping.threshold')}</label>
          <input id={`${id}-c`} type="number" data-testid="clipping-threshold" min={0} step="any"
            value={draft ?? String(clip)} onChange={(e) => setDraft(e.target.value)} onBlur={commit}
            onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />
          <fieldset className="grad-toggle">
            <legend>{t('gradients.clipping.mode')}</legend>
            {(['norm', 'value'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} data-testid={`clipping-mode-${m}`}
                  onChange={() => setConfig({ clipMode: m })} />
                {t(`gradients.clipping.mode.${m}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <p className="grad-readout-line" data-testid="readout-clip-fraction">{status}</p>
        <div className="grad-clipping-chart" ref={host} hidden={!fraction} />
        <ul className="grad-series-legend">
          <li><i className="swatch-before" />{t('gradients.clipping.before')}</li>
          <li><i className="swatch-after" />{t('gradients.clipping.after')}</li>
          <li><i className="swatch-event" />{t('gradients.clipping.event')}</li>
        </ul>
        <p className="grad-note">{t(`gradients.clipping.why.${mode}`)}</p>
      </div>
    </Panel>
  );
}
