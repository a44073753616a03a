import { Fragment, useRef } from 'react';
import { setSheetOpen, useLectureStore } from '../../store/lecture';
import { useT } from '../hooks/useT';
import { useModalDialog } from './useModalDialog';
import './lecture.css';

/** The rows of the sheet: the keys shown (a string in `lecture.key.*` or a literal key cap) and the action. */
const ROWS: { keys: string[]; action: string }[] = [
  { keys: ['lecture.key.space'], action: 'lecture.action.play' },
  { keys: ['→'], action: 'lecture.action.step' },
  { keys: ['↓', '↑'], action: 'lecture.action.time' },
  { keys: ['R'], action: 'lecture.action.reset' },
  { keys: ['PgDn'], action: 'lecture.action.beatNext' },
  { keys: ['PgUp'], action: 'lecture.action.beatBack' },
  { keys: ['N'], action: 'lecture.action.next' },
  { keys: ['P'], action: 'lecture.action.prev' },
  { keys: ['F'], action: 'lecture.action.present' },
  { keys: ['?'], action: 'lecture.action.sheet' },
  { keys: ['Esc'], action: 'lecture.action.close' },
];

/** The keyboard shortcut sheet: a modal dialog (Escape closes it; focus stays inside, then returns). */
export function ShortcutSheet() {
  const t = useT();
  const open = useLectureStore((s) => s.sheetOpen);
  const ref = useRef<HTMLDialogElement>(null);
  const close = () => setSheetOpen(false);
  useModalDialog(ref, open, close);
  return (
    <dialog ref={ref} className="lecture-dialog" data-testid="shortcut-sheet" aria-labelledby="shortcut-sheet-title">
      {open ? (
        <>
          <h2 id="shortcut-sheet-title" className="lecture-dialog-title">{t('lecture.sheet.title')}</h2>
          <p className="lecture-dialog-intro">{t('lecture.sheet.intro')}</p>
          <table className="shortcut-table">
            <thead><tr><th scope="col">{t('lecture.sheet.keys')}</th><th scope="col">{t('lecture.sheet.action')}</th></tr></thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row.action}>
                  <td>
                    {row.keys.map((k, i) => (
                      <Fragment key={k}>
                        {i > 0 ? <span className="shortcut-or"> {t('lecture.key.or')} </span> : null}
                        <kbd>{k.startsWith('lecture.') ? t(k) : k}</kbd>
                      </Fragment>
                    ))}
                  </td>
                  <td>{t(row.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="lecture-dialog-actions">
            <button type="button" className="button" data-testid="shortcut-sheet-close" onClick={close}>{t('lecture.sheet.close')}</button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
