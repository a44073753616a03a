import { useT } from './hooks/useT';
import { PanelById } from './PanelById';
import { PANEL_ENTRIES } from './registry';

/**
 * The panels about gradients through time, in a responsive grid: the gradient-flow matrix, the
 * spectral lens, clipping and the gradient check. Panels a chapter stages (`exclude`) are shown there.
 */
export function GradientPanels({ exclude = [] }: { exclude?: readonly string[] }) {
  const t = useT();
  return (
    <section className="gradient-panels" aria-label={t('gradients.section')}>
      {PANEL_ENTRIES.filter((p) => p.group === 'gradients' && !exclude.includes(p.id)).map((p) => <PanelById key={p.id} id={p.id} />)}
    </section>
  );
}
