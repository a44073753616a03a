import { useId } from 'react';
import type { ModelSnapshot } from '../store';
import { useT } from './hooks/useT';

/**
 * In compare mode (three models), a small select of which model a gradient panel shows (or, with
 * another `label`, which model an action uses); renders nothing for a single model. `value` is the
 * index into snapshot.models.
 */
export function GradientModelSelect({ models, value, onChange, testId, label }: {
  models: readonly Pick<ModelSnapshot, 'cell'>[];
  value: number;
  onChange: (index: number) => void;
  testId: string;
  label?: string;
}) {
  const t = useT();
  const id = useId();
  if (models.length < 2) return null;
  return (
    <span className="grad-model-select">
      <label htmlFor={id}>{label ?? t('gradients.model')}</label>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {models.map((m, i) => <option key={m.cell} value={i}>{t(`gradients.cell.${m.cell}`)}</option>)}
      </select>
    </span>
  );
}

