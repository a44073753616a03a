import './gradients.css';
import { ClippingPanel } from './ClippingPanel';
import { FlowPanel } from './FlowPanel';
import { GradCheckPanel } from './GradCheckPanel';
import { SpectrumPanel } from './SpectrumPanel';
import { useT } from './hooks/useT';

/**
 * The panels about gradients through time, in a responsive grid: the gradient-flow matrix, the
 * spectral lens, clipping and the gradient check.
 */
export function GradientPanels() {
  const t = useT();
  return (
    <section className="gradient-panels" aria-label={t('gradients.section')}>
      <FlowPanel />
      <SpectrumPanel />
      <ClippingPanel />
      <GradCheckPanel />
    </section>
  );
}
