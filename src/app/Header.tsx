/** The page header: title, tagline, language select and the presentation-mode toggle. */
import { LANGS, setLang, togglePresent, useStore, type Lang } from '../store';
import { useT } from '../panels/hooks/useT';
import { LectureTools } from './LectureTools';

export function Header() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const present = useStore((s) => s.present);
  const hidden = useStore((s) => s.hidden);
  return (
    <header className="app-header">
      <div className="app-brand">
        <h1 data-testid="app-title" className="app-title">{t('app.title')}</h1>
        <p className="app-tagline">{t('app.tagline')}</p>
      </div>
      <div className="app-header-actions">
        {hidden.includes('lang') ? null : (
          <label className="lang-select">
            <span className="visually-hidden">{t('app.lang')}</span>
            <span aria-hidden="true" className="lang-icon">文A</span>
            <select data-testid="control-lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              {LANGS.map((l) => <option key={l} value={l} lang={l}>{t(`app.lang.${l}`)}</option>)}
            </select>
          </label>
        )}
        {hidden.includes('present') ? null : (
          <button type="button" className="button" data-testid="control-present" aria-pressed={present} aria-keyshortcuts="F" onClick={togglePresent}>
            {t('app.present')}
          </button>
        )}
        <LectureTools />
      </div>
    </header>
  );
}
