/**
 * The run bar: play / step / reset, readouts (step, smoothed loss with chance level, steps per
 * second), the divergence message with its Restore button, stop and error messages. The readouts change every frame, so
 * they are written straight into the DOM from a store subscription, not through React renders.
 */
import { useRef } from 'react';
import { estimateStepMs, runCost, type CostInput } from '../engine/limits';
import { formatNumber } from '../i18n';
import { restore, toggleSettings, useStore } from '../store';
import { SETTINGS_ID } from './ControlsPanel';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { useUncoverOnGrow } from './hooks/useUncoverOnGrow';
import { RunButtons } from './controls/RunButtons';
import { chanceLevel } from './chance';
import { placeWords } from './counting';

export function StatusBar() {
  const t = useT();
  const running = useStore((s) => s.running);
  const diverged = useStore((s) => s.diverged);
  const stopped = useStore((s) => s.stopped);
  const error = useStore((s) => s.error);
  const errorParams = useStore((s) => s.errorParams);
  const settingsOpen = useStore((s) => s.settingsOpen);
  const stepRef = useRef<HTMLSpanElement>(null);
  const lossRef = useRef<HTMLSpanElement>(null);
  const chanceRef = useRef<HTMLSpanElement>(null);
  const speedRef = useRef<HTMLSpanElement>(null);
  const stepTimeRef = useRef<HTMLSpanElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  useUncoverOnGrow(barRef);
  const selection = useStore((s) => placeWords(t, s.selectedStep, s.selectedUnit));
  // in compare mode the bar's figures are the first model's: say whose
  const firstOfMany = useStore((s) => ((s.snapshot?.models.length ?? 0) > 1 ? s.snapshot!.models[0]!.cell : null));

  useFrameSubscription((s) => [s.snapshot, s.stepsPerSecond, s.lang, s.config, s.running], (_, s) => {
    const model = s.snapshot?.models[0];
    if (stepRef.current) stepRef.current.textContent = model ? String(model.step) : '0';
    if (lossRef.current) {
      const known = model && (model.step > 0 || Number.isFinite(model.loss));
      lossRef.current.textContent = known ? plainNumber(model.loss) : '—';
      lossRef.current.dataset.value = known ? String(model.loss) : '';
    }
    if (chanceRef.current) {
      const chance = s.snapshot ? chanceLevel(s.snapshot) : null;
      const params = chance ? { value: formatNumber(s.lang, chance.value, 3), n: chance.answers } : null;
      chanceRef.current.textContent = model && params ? t('status.chanceShort', params) : '';
      chanceRef.current.title = model && chance && params ? t(chance.ofAnswers ? 'status.chanceAnswers' : 'status.chance', params) : '';
      chanceRef.current.dataset.value = chance ? String(chance.value) : '';
    }
    if (speedRef.current) speedRef.current.textContent = speedText(s.lang, s.stepsPerSecond);
    if (stepTimeRef.current) {
      const ms = stepMs(s.config, s.running, s.stepsPerSecond);
      const seconds = ms === null ? '' : formatNumber(s.lang, Math.round(ms / 100) / 10);
      stepTimeRef.current.textContent = ms === null ? '' : t('status.stepTimeShort', { seconds });
      stepTimeRef.current.title = ms === null ? '' : t('status.stepTime', { seconds });
      stepTimeRef.current.dataset.value = ms === null ? '' : String(ms);
    }
  }, { light: true });

  return (
    <div className="status" data-testid="status" ref={barRef} aria-label={t('status.label')} role="group">
      <div className="readouts">
        <RunButtons />
        <p className="readout">
          <span className="readout-label">{t('status.step')}</span>
          <span className="readout-value" data-testid="readout-step" ref={stepRef}>0</span>
        </p>
        <p className="readout">
          <span className="readout-label">{firstOfMany ? t('status.lossOf', { name: t(`states.cell.${firstOfMany}`) }) : t('status.loss')}</span>
          <span className="readout-value" data-testid="readout-loss" ref={lossRef} title={t('status.lossUnit')}>—</span>
          <span className="readout-note" data-testid="readout-chance" ref={chanceRef} />
        </p>
        <p className="readout">
          <span className="readout-value" data-testid="readout-speed" ref={speedRef}>0</span>
          <span className="readout-label">{t('status.speed')}</span>
          <span className="readout-note" data-testid="readout-step-time" ref={stepTimeRef} />
        </p>
        <p className="readout readout-note readout-selection" title={selection || undefined}>
          <span className="readout-selection-label">{t('status.selection')} </span><strong data-testid="readout-selection">{selection || t('selection.none')}</strong>
        </p>
        {/* the Play button shows the state; this line says it to screen readers */}
        <p className="readout readout-state visually-hidden" aria-live="polite">{running ? t('status.running') : t('status.paused')}</p>
        <span className="readouts-spacer" />
        <button type="button" className="button settings-toggle" data-testid="control-settings" aria-expanded={settingsOpen}
          aria-controls={SETTINGS_ID} onClick={() => toggleSettings()}>
          <span aria-hidden="true" className="button-icon">⚙</span><span className="button-label">{t('controls.settings')}</span>
        </button>
      </div>
      {diverged ? (
        // compact (the button beside the text): the status bar stays on top of the panels, so it must not hide them
        <div className="alert alert-danger alert-diverged" role="alert" data-testid="status-diverged">
          <div>
            <p><strong className="alert-title">{t('diverged.title', { step: diverged.step })}</strong>{' '}
              <span data-testid="status-diverged-restored">{t('diverged.restored', { step: diverged.restoredStep })}</span></p>
            <p className="alert-detail">{t(`diverged.cause.${diverged.cause}`)} {t('diverged.fix')}</p>
          </div>
          <button type="button" className="button primary" data-testid="control-restore" onClick={restore}>
            {t('controls.restore')}
          </button>
        </div>
      ) : null}
      {stopped ? <p className="alert" role="status" data-testid="status-stopped">{t(`stopped.${stopped}`)}</p> : null}
      {error ? <p className="alert alert-danger" role="alert" data-testid="status-error">{t('status.error', { message: t(error, errorParams) })}</p> : null}
    </div>
  );
}

/** Steps per second as read: one decimal below 10 (a slow run shows 0.3, not 0), whole above. */
function speedText(lang: Parameters<typeof formatNumber>[0], sps: number): string {
  if (!(sps > 0)) return '0';
  return sps < 10 ? formatNumber(lang, Math.round(sps * 10) / 10) : formatNumber(lang, Math.round(sps));
}

/** Steps taking at least this long (ms) have their time shown. */
const SLOW_STEP_MS = 400;

/**
 * How long one step takes at these sizes (ms): measured while training, estimated from the cost
 * budget's table before the first measurement; null when steps are quick.
 */
function stepMs(config: CostInput, running: boolean, sps: number): number | null {
  const ms = running && sps > 0 ? 1000 / sps : estimateStepMs(runCost(config));
  return ms >= SLOW_STEP_MS ? ms : null;
}

/**
 * A number anyone can parse back (parseFloat, Number): 4 significant digits, ASCII, no grouping
 * separators in any language; NaN and ±Infinity spelled as JavaScript does.
 */
function plainNumber(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}
