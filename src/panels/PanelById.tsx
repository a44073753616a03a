import { PanelScope } from './components/PanelScope';
import { PANEL_ENTRIES } from './registry';

/** One panel by id, in its own visibility scope (nothing for an unknown id). */
export function PanelById({ id }: { id: string }) {
  const entry = PANEL_ENTRIES.find((p) => p.id === id);
  if (!entry) return null;
  return <PanelScope><entry.Component /></PanelScope>;
}
