import { useEffect, useId, useRef, useState } from 'react';
import { formatNumber } from '../../i18n';
import { WEIGHT_VALUE_MAX, setWeight, undoWeightEdit, useStore, type WeightEdit } from '../../store';
import type { WeightEntry } from '../../viz/weights';
import { useT } from '../hooks/useT';
import { entryLabel, entryValue } from './weightsModel';

/** Whether a key press is typing in a field (Ctrl+Z there undoes the text, not a weight). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** A number as the input shows it: up to 6 significant digits, no grouping. */
const draftOf = (v: number | null): string => (v === null ? '' : String(Number(v.toPrecision(6))));

/**
 * Setting the picked weight by hand (type a value, Enter), the mark of what was set by hand in this
 * run, and undo (the button, or Ctrl+Z anywhere but in a text field).
 */
export function WeightEditor({ model, picked }: { model: number; picked: WeightEntry | null }) {
  const t = useT();
  const id = useId();
  const lang = useStore((s) => s.lang);
  const run = useStore((s) => s.snapshot?.run ?? 0);
  const edits = useStore((s) => s.weightEdits).filter((e: WeightEdit) => e.run === run);
  const cols = useStore((s) => (picked ? s.weights?.tensors.find((x) => x.key === picked.id)?.cols ?? 1 : 1));
  const pickedKey = picked ? `${picked.id}:${picked.row}:${picked.col}` : '';
  // the live value until the reader types; what they typed belongs to the entry they typed it for
  const current = useStore((s) => (picked && s.weights ? entryValue(s.weights, s.weights.params, picked) : null));
  const [typed, setTyped] = useState<{ key: string; text: string } | null>(null);
  const [invalidKey, setInvalidKey] = useState<string | null>(null);
  const draft = typed && typed.key === pickedKey ? typed.text : draftOf(current);
  const invalid = invalidKey !== null && invalidKey === pickedKey;
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!picked) return;
    input.current?.focus();
    input.current?.select();
  }, [picked]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z' || typing(e.target)) return;
      if (undoWeightEdit()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const apply = () => {
    if (!picked) return;
    const text = draft.trim().replace(/[−–]/g, '-').replace(/，/g, '.');
    const v = text === '' ? NaN : Number(text);
    if (!Number.isFinite(v) || Math.abs(v) > WEIGHT_VALUE_MAX) {
      setInvalidKey(pickedKey);
      return;
    }
    setInvalidKey(null);
    setTyped(null);
    setWeight(picked.id, picked.row, picked.col, v, model);
  };

  const last = edits[edits.length - 1];
  const lastCols = last ? (useStore.getState().weights?.tensors.find((x) => x.key === last.key)?.cols ?? 1) : 1;
  const messageId = `${id}-msg`;
  return (
    <div className="weights-edit">
      {picked ? (
        <div className="weights-edit-row">
          <label htmlFor={id}>{t('weights.edit.label', { entry: entryLabel(picked, cols) })}</label>
          <input id={id} ref={input} type="text" inputMode="decimal" data-testid="weights-edit-input" value={draft}
            aria-invalid={invalid || undefined} aria-describedby={invalid ? messageId : undefined}
            onChange={(e) => setTyped({ key: pickedKey, text: e.target.value })}
            onKeyDown={(e) => { if (e.key === 'Enter') apply(); }} />
          <button type="button" className="button small" data-testid="weights-edit-apply" onClick={apply}>{t('weights.edit.apply')}</button>
        </div>
      ) : <p className="weights-note">{t('weights.edit.none')}</p>}
      {invalid ? (
        <p id={messageId} className="field-message" role="status" data-testid="weights-edit-message">
          {t('weights.edit.invalid', { max: WEIGHT_VALUE_MAX })}
        </p>
      ) : null}
      <div className="weights-edit-row">
        <button type="button" className="button small" data-testid="weights-undo" disabled={edits.length === 0}
          title={t('weights.edit.undoTitle')} onClick={() => undoWeightEdit()}>{t('weights.edit.undo')}</button>
        {last ? (
          <span className="weights-edited" data-testid="weights-edited" data-count={edits.length}>
            {t('weights.edited', {
              count: edits.length, entry: entryLabel({ id: last.key, row: last.row, col: last.col }, lastCols),
              before: formatNumber(lang, last.before, 4), value: formatNumber(lang, last.value, 4),
            })}
          </span>
        ) : null}
      </div>
    </div>
  );
}
