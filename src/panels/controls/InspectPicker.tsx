/** Which sequence the panels show: one of the task's examples, or the user's own sentence. */
import { useId, useState } from 'react';
import { SENTENCE_MAX, setInspect, useStore } from '../../store';
import { useT } from '../hooks/useT';
import { useHidden } from './useHidden';

/** How many examples to offer when the worker has not reported their labels. */
const FALLBACK_EXAMPLES = 4;

export function InspectPicker() {
  const t = useT();
  const id = useId();
  const inputId = useId();
  const inspect = useStore((s) => s.inspect);
  const labels = useStore((s) => s.exampleLabels);
  const inspectError = useStore((s) => s.inspectError);
  const [mode, setMode] = useState<'example' | 'text' | null>(null);
  const [sentence, setSentence] = useState(inspect.kind === 'text' ? inspect.text : '');
  if (useHidden('inspect')) return null;
  const current = mode ?? inspect.kind;
  const count = Math.max(labels.length || FALLBACK_EXAMPLES, inspect.kind === 'example' ? inspect.index + 1 : 0);
  const value = current === 'text' ? 'text' : String(inspect.kind === 'example' ? inspect.index : 0);
  const apply = () => setInspect({ kind: 'text', text: sentence });
  return (
    <div className="field field-inspect">
      <label htmlFor={id}>{t('controls.inspect')}</label>
      <select id={id} data-testid="control-inspect" value={value}
        onChange={(e) => {
          if (e.target.value === 'text') {
            setMode('text');
            if (sentence.trim() !== '') setInspect({ kind: 'text', text: sentence });
          } else {
            setMode(null);
            setInspect({ kind: 'example', index: Number(e.target.value) });
          }
        }}>
        {Array.from({ length: count }, (_, i) => (
          <option key={i} value={String(i)}>{labels[i] ?? t('controls.inspect.example', { n: i + 1 })}</option>
        ))}
        <option value="text">{t('controls.inspect.text')}</option>
      </select>
      {current === 'text' ? (
        <div className="field-row">
          <label htmlFor={inputId} className="visually-hidden">{t('controls.sentence')}</label>
          <input id={inputId} type="text" data-testid="control-sentence" maxLength={SENTENCE_MAX} value={sentence}
            placeholder={t('controls.sentence')}
            onChange={(e) => setSentence(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') apply(); }} />
          <button type="button" className="button" data-testid="control-sentence-apply" onClick={apply}>
            {t('controls.sentence.apply')}
          </button>
        </div>
      ) : null}
      {inspectError && inspect.kind === 'text' ? <p className="field-message" role="status">{t(inspectError)}</p> : null}
    </div>
  );
}
