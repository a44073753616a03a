/**
 * Small native form controls bound to the store's config: a number input checked against the
 * parameter table, a select, a checkbox. Each carries `data-testid="control-<name>"`, a label, and
 * disappears when a classroom link hides it (`hide=<name>`).
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { checkNumber, rangeOf, setConfig, useStore, type ControlName, type Notice, type TrainConfig } from '../../store';
import { useT } from '../hooks/useT';
import { useHidden } from './useHidden';

/** A labelled row; renders nothing when hidden. */
export function Field({ name, label, htmlFor, children, message }: {
  name: ControlName; label: string; htmlFor: string; children: ReactNode; message?: ReactNode;
}) {
  if (useHidden(name)) return null;
  return (
    <div className={`field field-${name}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {message}
    </div>
  );
}

type NumericField = { [K in keyof TrainConfig]: TrainConfig[K] extends number ? K : never }[keyof TrainConfig];

/** How long typing pauses before a number is applied (Enter and leaving the field apply at once). */
const COMMIT_DELAY_MS = 900;

/**
 * A number input for one config field. Typed values are checked against the table: out of range →
 * clamped with a message; not a number → a message and nothing is sent.
 */
export function NumberField({ name, field, step = 'any' }: { name: ControlName; field: NumericField; step?: string }) {
  const t = useT();
  const id = useId();
  const value = useStore((s) => s.config[field]);
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<Notice | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { min, max } = rangeOf(field);

  const commit = (text: string) => {
    clearTimeout(timer.current);
    const checked = text.trim() === '' ? null : checkNumber(field, Number(text));
    if (!checked) {
      setMessage({ key: 'controls.invalid', params: { min, max } });
      return;
    }
    setMessage(checked.clamped ? { key: 'controls.clamped', params: { min, max, value: checked.value } } : null);
    setDraft(null);
    setConfig({ [field]: checked.value });
  };

  const messageId = `${id}-msg`;
  return (
    <Field name={name} label={t(`controls.${name}`)} htmlFor={id}
      message={message ? <p id={messageId} className="field-message" role="status">{t(message.key, message.params)}</p> : null}>
      <input
        id={id} type="number" inputMode="decimal" data-testid={`control-${name}`}
        min={min} max={max} step={step}
        value={draft ?? String(value)}
        aria-invalid={message?.key === 'controls.invalid' ? true : undefined}
        aria-describedby={message ? messageId : undefined}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(text), COMMIT_DELAY_MS);
        }}
        onBlur={(e) => { if (draft !== null) commit(e.target.value); }}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget.value); }}
      />
    </Field>
  );
}

/** A select whose options are `values`, labelled `controls.<name>.<value>`. */
export function SelectField<V extends string>({ name, values, value, onChange, labelOf }: {
  name: ControlName; values: readonly V[]; value: V; onChange: (v: V) => void; labelOf?: (v: V) => string;
}) {
  const t = useT();
  const id = useId();
  return (
    <Field name={name} label={t(`controls.${name}`)} htmlFor={id}>
      <select id={id} data-testid={`control-${name}`} value={value}
        onChange={(e) => { const v = values.find((x) => x === e.target.value); if (v !== undefined) onChange(v); }}>
        {values.map((v) => <option key={v} value={v}>{labelOf ? labelOf(v) : t(`controls.${name}.${v}`)}</option>)}
      </select>
    </Field>
  );
}

/** A select bound to an enum config field. */
export function ConfigSelect<K extends 'task' | 'cell' | 'optimizer' | 'nonlinearity' | 'clipMode' | 'corpus'>({ name, field, values }: {
  name: ControlName; field: K; values: readonly TrainConfig[K][];
}) {
  const value = useStore((s) => s.config[field]);
  return <SelectField name={name} values={values} value={value} onChange={(v) => setConfig({ [field]: v })} />;
}

/** A checkbox bound to a boolean config field. */
export function ConfigCheckbox({ name, field }: { name: ControlName; field: 'compare' }) {
  const t = useT();
  const id = useId();
  const value = useStore((s) => s.config[field]);
  if (useHidden(name)) return null;
  return (
    <div className={`field field-check field-${name}`}>
      <input id={id} type="checkbox" data-testid={`control-${name}`} checked={value}
        onChange={(e) => setConfig({ [field]: e.target.checked })} />
      <label htmlFor={id}>{t(`controls.${name}`)}</label>
    </div>
  );
}
