import { useCallback, useEffect, useRef } from 'react';
import { requestSample, select, setHover, useStore, type AppState } from '../store';
import { createPredictions, type PredictionsRenderer } from '../viz/predictions';
import { focusStep, lossSteps } from '../viz/unrolledLayout';
import { Panel } from './components/Panel';
import { ShownModelPick } from './components/ShownModelPick';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { useTextScale } from './hooks/useTextScale';
import { pickTrace } from './modelTrace';

const watched = (s: AppState) => [s.snapshot, s.flowModel, s.hoverStep, s.selectedStep];

/**
 * Panel 5: what the network predicts — a strip of the steps (coloured by their loss), the top-k
 * next-token probabilities at the focused step with the target highlighted and −log p(target), and
 * a generated sample.
 */
export function PredictionsPanel() {
  const t = useT();
  const textScale = useTextScale();
  const host = useRef<HTMLDivElement>(null);
  const renderer = useRef<PredictionsRenderer | null>(null);
  const labels = useRef({ lossLine: '', noLoss: '', target: '' });
  const sample = useStore((s) => s.sample);
  const hasTrace = useStore((s) => pickTrace(s) !== null);

  const draw = useCallback(() => {
    const s = useStore.getState();
    const p = pickTrace(s);
    if (!p || !renderer.current) return;
    const step = focusStep(s.hoverStep, s.selectedStep, lossSteps(p.ctx.shape, p.trace.T, p.trace.targets));
    renderer.current.update(p.trace, p.ctx, labels.current, { step, hover: s.hoverStep, selected: s.selectedStep });
    host.current?.setAttribute('data-focus-step', String(step));
  }, []);

  useEffect(() => {
    labels.current = { lossLine: t('predictions.lossLine'), noLoss: t('predictions.noLoss'), target: t('predictions.target') };
    draw();
  }, [t, draw]);

  useEffect(() => {
    if (!host.current) return;
    renderer.current = createPredictions(host.current, {
      k: 5,
      textScale,
      onHover: (step) => setHover(step, null),
      onSelect: (step) => {
        const s = useStore.getState();
        select(s.selectedStep === step ? null : step, s.selectedUnit);
      },
    });
    draw();
    return () => {
      renderer.current?.destroy();
      renderer.current = null;
    };
  }, [draw, textScale]);

  useFrameSubscription(watched, draw);

  return (
    <Panel testId="panel-predictions" title={t('predictions.title')} explanation={t('predictions.explain')}
      actions={<ShownModelPick testId="predictions-model" />} summary={hasTrace ? t('predictions.summary') : t('panels.waiting')}>
      {hasTrace ? null : <p className="panel-waiting">{t('panels.waiting')}</p>}
      <div ref={host} className="predictions" />
      <div className="sample">
        <div className="sample-header">
          <h3 className="sample-title">{t('predictions.sample.title')}</h3>
          <button type="button" className="button small" data-testid="sample-button"
            onClick={() => requestSample({ length: 200, temperature: 1 })}>{t('predictions.sample.button')}</button>
        </div>
        <pre className="sample-text" data-testid="sample-text" aria-live="polite">{sample || t('predictions.sample.empty')}</pre>
      </div>
    </Panel>
  );
}
