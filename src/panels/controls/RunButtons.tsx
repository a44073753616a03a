/** Play/pause (a toggle button), one training step, reset. */
import { reset, stepOnce, togglePlay, useStore } from '../../store';
import { useT } from '../hooks/useT';
import { useHidden } from './useHidden';

export function RunButtons() {
  const t = useT();
  const running = useStore((s) => s.running);
  const hidePlay = useHidden('play');
  const hideStep = useHidden('step');
  const hideReset = useHidden('reset');
  return (
    <div className="run-buttons">
      {hidePlay ? null : (
        <button type="button" className="button primary" data-testid="control-play" aria-pressed={running} onClick={togglePlay}>
          <span aria-hidden="true" className="button-icon">{running ? '❚❚' : '▶'}</span>
          <span className="button-label">{running ? t('controls.pause') : t('controls.play')}</span>
        </button>
      )}
      {hideStep ? null : (
        <button type="button" className="button" data-testid="control-step" onClick={() => stepOnce()}>
          <span aria-hidden="true" className="button-icon">+1</span><span className="button-label">{t('controls.step')}</span>
        </button>
      )}
      {hideReset ? null : (
        <button type="button" className="button" data-testid="control-reset" onClick={reset}>
          <span aria-hidden="true" className="button-icon">↺</span><span className="button-label">{t('controls.reset')}</span>
        </button>
      )}
    </div>
  );
}
