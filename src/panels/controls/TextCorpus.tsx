/**
 * The user's own training text for the character model: a textarea applied with a button, capped at
 * TEXT_CAP characters with a visible message; empty means the built-in corpus. Always plain text.
 */
import { useId, useState } from 'react';
import { charTextUsable } from '../../engine/tasks/charlm';
import { setConfig, TEXT_CAP, useStore } from '../../store';
import { useT } from '../hooks/useT';
import { useHidden } from './useHidden';

export function TextCorpus() {
  const t = useT();
  const id = useId();
  const text = useStore((s) => s.config.text);
  const [draft, setDraft] = useState(text);
  const [seen, setSeen] = useState(text);
  if (seen !== text) {
    // the text was changed elsewhere (a link, a lesson): show it
    setSeen(text);
    setDraft(text);
  }
  if (useHidden('text')) return null;
  const over = draft.length > TEXT_CAP;
  const messageId = `${id}-msg`;
  let message = t('controls.text.count', { count: draft.length });
  if (over) message = t('controls.text.capped', { max: TEXT_CAP });
  else if (draft.trim() === '') message = t('controls.text.empty');
  else if (draft === text && !charTextUsable(text)) message = `${message} · ${t('controls.text.tooShort')}`;
  else if (draft === text) message = `${message} · ${t('controls.text.inUse')}`;
  return (
    <div className="field field-text">
      <label htmlFor={id}>{t('controls.text')}</label>
      <textarea
        id={id} data-testid="control-text" rows={3} spellCheck={false}
        placeholder={t('controls.text.placeholder')} value={draft}
        aria-describedby={messageId}
        onChange={(e) => setDraft(e.target.value)}
      />
      <div className="field-row">
        <p id={messageId} className={`field-message${over ? ' warn' : ''}`} data-testid="control-text-message">{message}</p>
        <button type="button" className="button" data-testid="control-text-apply" disabled={draft === text}
          onClick={() => setConfig({ text: draft.trim() === '' ? '' : draft })}>
          {t('controls.text.apply')}
        </button>
      </div>
    </div>
  );
}
