/**
 * The header's lecture tools: the shortcut-sheet button, the classroom-link button, the shortcut
 * sheet itself, and the page's keyboard shortcuts (started on mount). The classroom link is built
 * here because only the app knows the page's address.
 */
import { useEffect } from 'react';
import { LINK_MAX } from '../engine/limits';
import { formatUrl, toUrlState, useStore } from '../store';
import { setSheetOpen } from '../store/lecture';
import { ClassroomLink } from '../panels/lecture/ClassroomLink';
import { ShortcutSheet } from '../panels/lecture/ShortcutSheet';
import { useT } from '../panels/hooks/useT';
import { usePresenterStore } from '../store/presenter';
import { openConsole } from './presenter';
import { startShortcuts } from './shortcuts';
import './screens.css';

/**
 * The link for a class: the page's address with the current state, the language always named
 * (students' browsers may prefer another), presentation mode off, and `hide` as given. It never
 * exceeds LINK_MAX characters (beyond about 8 KB servers refuse a first visit): a text that does
 * not fit is left out, and the dialog says so.
 */
function classroomLink(hide: readonly string[], loc: Location = window.location): string {
  const s = useStore.getState();
  const base = `${loc.origin}${loc.pathname}`;
  const query = formatUrl({ ...toUrlState(s), lang: s.lang, present: false, hide: [...hide] }, LINK_MAX - base.length - 1);
  return `${base}${query ? `?${query}` : ''}`;
}

/**
 * The address of an embed for a course page: the current settings and chapter, only the panels
 * `show` names, with the page's language named.
 */
function embedLink(show: readonly string[], loc: Location = window.location): string {
  const s = useStore.getState();
  const query = formatUrl({ ...toUrlState(s), lang: s.lang, present: false, hide: [], embed: true, show: [...show] });
  return `${loc.origin}${loc.pathname}?${query}`;
}

export function LectureTools() {
  const t = useT();
  useEffect(() => startShortcuts(window), []);
  const connected = usePresenterStore((s) => s.peer);
  return (
    <div className="lecture-tools" role="group" aria-label={t('lecture.tools')}>
      <button type="button" className="button" data-testid="control-shortcuts" aria-haspopup="dialog"
        aria-label={t('lecture.shortcuts.label')} onClick={() => setSheetOpen(true)}>
        <span aria-hidden="true">⌨</span> {t('lecture.shortcuts.button')}
      </button>
      <button type="button" className="button" data-testid="control-presenter" data-connected={connected}
        title={connected ? t('presenter.stageOn') : t('presenter.open.label')} onClick={() => openConsole()}>
        <span aria-hidden="true">▣</span> {t('presenter.open')}
        {connected ? <span className="visually-hidden"> — {t('presenter.stageOn')}</span> : null}
      </button>
      <ClassroomLink linkFor={(hide) => classroomLink(hide)} embedFor={(show) => embedLink(show)} />
      <ShortcutSheet />
    </div>
  );
}
