import { PanelById } from './PanelById';
import { PANEL_ENTRIES } from './registry';

/**
 * The panels that look inside the network, in teaching order: the unrolled diagram across the whole
 * width; the loss beside the predictions (is it learning, and what does it predict); the hidden
 * state beside the gates; the memory beside the equations with their live numbers. They are grid
 * items of the page's panel grid (the wrapper takes no box of its own), so it reflows them by width.
 * Panels a chapter stages beside the lesson (`exclude`) are shown there instead.
 */
export function ModelPanels({ exclude = [] }: { exclude?: readonly string[] }) {
  return (
    <div className="model-panels">
      {PANEL_ENTRIES.filter((p) => p.group === 'model' && !exclude.includes(p.id)).map((p) => <PanelById key={p.id} id={p.id} />)}
    </div>
  );
}
