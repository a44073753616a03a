import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../hooks/useT';

/** Minutes and seconds (h:mm:ss past an hour). */
function elapsedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h > 0 ? `${h}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}

/** The console's clock: the time of day, and how long the talk has run (restartable). */
export function ConsoleClock() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const [now, setNow] = useState(() => Date.now());
  const [start, setStart] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(now);
  return (
    <div className="console-clock" role="group" aria-label={t('presenter.clock')}>
      <p className="console-time"><span className="visually-hidden">{t('presenter.clock')}: </span>
        <time data-testid="console-clock">{time}</time>
      </p>
      <p className="console-elapsed">
        <span className="console-elapsed-label">{t('presenter.elapsed')}</span>{' '}
        <span data-testid="console-elapsed">{elapsedText(now - start)}</span>
      </p>
      <button type="button" className="button small" data-testid="console-restart-clock"
        onClick={() => { const n = Date.now(); setStart(n); setNow(n); }}>
        {t('presenter.elapsed.restart')}
      </button>
    </div>
  );
}
