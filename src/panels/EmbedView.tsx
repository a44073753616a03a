/**
 * The embed view (`embed=1`): a compact run bar (play / step / reset and the step count) above the
 * panels `show=` names, in its order. Ids the page has no panel for are left out; when none is left
 * (or `show=` is absent), every panel is shown.
 */
import { useRef, type ReactNode } from 'react';
import { formatNumber } from '../i18n';
import { restore, useStore } from '../store';
import { RunButtons } from './controls/RunButtons';
import { Notices } from './controls/Notices';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { PanelById } from './PanelById';
import { embedPanels } from './embed/embedPanels';
import './embed/embed.css';

/** The embed's run bar: play / step / reset, the step count and the loss, and why training stopped if it broke. */
function EmbedBar() {
  const t = useT();
  const stepRef = useRef<HTMLSpanElement>(null);
  const lossRef = useRef<HTMLSpanElement>(null);
  const diverged = useStore((s) => s.diverged);
  const error = useStore((s) => s.error);
  useFrameSubscription((s) => s.snapshot, (snapshot, s) => {
    const model = snapshot?.models[0];
    if (stepRef.current) stepRef.current.textContent = model ? String(model.step) : '0';
    if (lossRef.current) {
      lossRef.current.textContent = model && Number.isFinite(model.loss) && model.step > 0 ? formatNumber(s.lang, model.loss, 3) : '—';
    }
  }, { light: true });
  return (
    <div className="embed-bar" data-testid="embed-bar" role="group" aria-label={t('status.label')}>
      <RunButtons />
      <p className="embed-readout">
        <span className="embed-readout-label">{t('status.step')}</span>
        <span className="embed-readout-value" data-testid="readout-step" ref={stepRef}>0</span>
      </p>
      <p className="embed-readout">
        <span className="embed-readout-label">{t('status.loss')}</span>
        <span className="embed-readout-value" data-testid="embed-loss" ref={lossRef}>—</span>
      </p>
      {diverged ? (
        <p className="embed-alert" role="alert" data-testid="status-diverged">
          {t('diverged.title', { step: diverged.step })}{' '}
          <button type="button" className="button small" data-testid="control-restore" onClick={restore}>{t('controls.restore')}</button>
        </p>
      ) : null}
      {error ? <p className="embed-alert" role="alert" data-testid="status-error">{t('status.error', { message: t(error) })}</p> : null}
    </div>
  );
}

/** The whole embed page; `all` is what shows when `show=` names no known panel (every panel). */
export function EmbedView({ all }: { all: ReactNode }) {
  const t = useT();
  const show = useStore((s) => s.show);
  const ids = embedPanels(show);
  return (
    <main className="app app-embed" data-testid="embed">
      <EmbedBar />
      <Notices />
      {ids.length > 0 ? (
        <section className="panels embed-panels" data-count={ids.length} aria-label={t('app.panels')}>
          {ids.map((id) => <PanelById key={id} id={id} />)}
        </section>
      ) : all}
    </main>
  );
}
