import './gradients.css';
import { ClippingPanel } from './ClippingPanel';
import { FlowPanel } from './FlowPanel';
import { GradCheckPanel } from './GradCheckPanel';
import { SpectrumPanel } from './SpectrumPanel';
import { useT } from './hooks/useT';
import { PanelScope } from './components/PanelScope';

/**
 * The panels about gradients through time, in a responsive grid: the gradient-flow matrix, the
 * spectral lens, clipping and the gradient check.
 */
export function GradientPanels() {
  const t = useT();
  return (
    <section className="gradient-panels" aria-label={t('gradients.section')}>
      <PanelScope><FlowPanel /></PanelScope>
      <PanelScope><SpectrumPanel /></PanelScope>
      <PanelScope><ClippingPanel /></PanelScope>
      <PanelScope><GradCheckPanel /></PanelScope>
    </section>
  );
}
