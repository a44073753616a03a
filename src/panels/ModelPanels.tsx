import { EquationsPanel } from './EquationsPanel';
import { GatesPanel } from './GatesPanel';
import { HiddenPanel } from './HiddenPanel';
import { LossPanel } from './LossPanel';
import { MemoryPanel } from './MemoryPanel';
import { PredictionsPanel } from './PredictionsPanel';
import { UnrolledPanel } from './UnrolledPanel';
import './panels.css';
import { PanelScope } from './components/PanelScope';

/**
 * The panels that look inside the network, in teaching order: the unrolled diagram across the whole
 * width; the loss beside the predictions (is it learning, and what does it predict); the hidden
 * state beside the gates; the memory beside the equations with their live numbers. They are grid
 * items of the page's panel grid (the wrapper takes no box of its own), so it reflows them by width.
 */
export function ModelPanels() {
  return (
    <div className="model-panels">
      <PanelScope><UnrolledPanel /></PanelScope>
      <PanelScope><LossPanel /></PanelScope>
      <PanelScope><PredictionsPanel /></PanelScope>
      <PanelScope><HiddenPanel /></PanelScope>
      <PanelScope><GatesPanel /></PanelScope>
      <PanelScope><MemoryPanel /></PanelScope>
      <PanelScope><EquationsPanel /></PanelScope>
    </div>
  );
}
