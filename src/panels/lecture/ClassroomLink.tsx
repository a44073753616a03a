import { useRef, useState } from 'react';
import { useCopyField } from './useCopyField';
import { CONTROL_NAMES, useStore, type ControlName } from '../../store';
import { useT } from '../hooks/useT';
import { EmbedSnippet } from './EmbedSnippet';
import { useModalDialog } from './useModalDialog';
import './lecture.css';

/** The label key of a control name (the header's controls have their own keys). */
function controlLabelKey(name: ControlName): string {
  if (name === 'lang') return 'app.lang';
  if (name === 'present') return 'app.present';
  return `controls.${name}`;
}

/**
 * The "classroom link" button and its dialog: tick the controls to hide, then copy a link that
 * opens the page in its current state with those controls hidden. `linkFor(hide)` builds the link
 * (the app knows the page's address); the copy uses the clipboard when the browser allows it, else
 * selects the link in a read-only field for the user to copy.
 */
export function ClassroomLink({ linkFor, embedFor }: {
  linkFor: (hide: readonly string[]) => string;
  /** The address of an embed of these panels (with it, the dialog also builds an `<iframe>` snippet). */
  embedFor?: (show: readonly string[]) => string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [hide, setHide] = useState<string[]>([]);
  const { field, status, setStatus, copy: copyText } = useCopyField<HTMLInputElement>();
  const dialog = useRef<HTMLDialogElement>(null);
  useModalDialog(dialog, open, () => setOpen(false));
  const link = open ? linkFor(hide) : '';
  const text = useStore((s) => s.config.text);
  const textLeftOut = open && text !== '' && !/[?&]text=/.test(link);

  const start = () => {
    setHide([...useStore.getState().hidden]);
    setStatus('');
    setOpen(true);
  };
  const toggle = (name: string) => {
    setStatus('');
    setHide((h) => (h.includes(name) ? h.filter((x) => x !== name) : CONTROL_NAMES.filter((n) => n === name || h.includes(n))));
  };
  const copy = () => copyText(link);

  return (
    <>
      <button type="button" className="button" data-testid="control-classroom-link" aria-haspopup="dialog" onClick={start}>
        {t('lecture.classroom.button')}
      </button>
      <dialog ref={dialog} className="lecture-dialog" data-testid="classroom-dialog" aria-labelledby="classroom-title">
        {open ? (
          <>
            <h2 id="classroom-title" className="lecture-dialog-title">{t('lecture.classroom.title')}</h2>
            <p className="lecture-dialog-intro">{t('lecture.classroom.intro')}</p>
            <fieldset className="classroom-hide">
              <legend>{t('lecture.classroom.hide')}</legend>
              <div className="classroom-hide-grid">
                {CONTROL_NAMES.map((name) => (
                  <label key={name} className="classroom-check">
                    <input type="checkbox" data-testid={`classroom-hide-${name}`} checked={hide.includes(name)}
                      onChange={() => toggle(name)} />
                    <span>{t(controlLabelKey(name))}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="classroom-url">
              <span>{t('lecture.classroom.url')}</span>
              <input ref={field} type="text" readOnly value={link} data-testid="classroom-url" onFocus={(e) => e.currentTarget.select()} />
            </label>
            {textLeftOut ? <p className="classroom-note" data-testid="classroom-text-left-out">{t('lecture.classroom.textLeftOut')}</p> : null}
            <p className="classroom-status" role="status" data-testid="classroom-status">
              {status ? t(`lecture.classroom.${status}`) : ''}
            </p>
            {embedFor ? <EmbedSnippet embedFor={embedFor} /> : null}
            <div className="lecture-dialog-actions">
              <button type="button" className="button primary" data-testid="classroom-copy" onClick={() => void copy()}>
                {t('lecture.classroom.copy')}
              </button>
              <button type="button" className="button" data-testid="classroom-close" onClick={() => setOpen(false)}>
                {t('lecture.classroom.close')}
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </>
  );
}
