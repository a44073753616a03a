/** The notices (a link's fallbacks, rejected input): one dismissable list, shown as plain text. */
import { dismissNotice, useStore } from '../../store';
import { useT } from '../hooks/useT';

export function Notices() {
  const t = useT();
  const notices = useStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notice" data-testid="notice" role="status" aria-label={t('notice.label')}>
      <ul>
        {notices.map((n, i) => <li key={`${n.key}-${i}`}>{t(n.key, n.params)}</li>)}
      </ul>
      <button type="button" className="button small" data-testid="notice-dismiss" onClick={() => dismissNotice()}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
