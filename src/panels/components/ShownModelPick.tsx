import { setFlowModel, useStore } from '../../store';
import { useT } from '../hooks/useT';

/**
 * In compare mode, which of the models the panel shows — the one every inside-the-network panel
 * shows (the store's `flowModel`), so choosing here switches them all. Nothing for a single model.
 */
export function ShownModelPick({ testId }: { testId: string }) {
  const t = useT();
  const cells = useStore((s) => (s.snapshot && s.snapshot.models.length > 1 ? s.snapshot.models.map((m) => m.cell).join(',') : ''));
  const shown = useStore((s) => s.flowModel);
  if (!cells) return null;
  const list = cells.split(',');
  const k = Math.min(shown, list.length - 1);
  return (
    <div className="states-model-pick shown-model-pick" role="group" aria-label={t('states.pick.model')} data-testid={testId}
      data-model={list[k]}>
      {list.map((c, i) => (
        <button key={c} type="button" aria-pressed={i === k} onClick={() => setFlowModel(i)}>{t(`states.cell.${c}`)}</button>
      ))}
    </div>
  );
}
