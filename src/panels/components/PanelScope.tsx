import { useState, type ReactNode } from 'react';
import { createPanelVisibility, PanelVisibilityContext } from '../hooks/panelVisibility';

/**
 * Wraps one panel component, so that the component itself (not only what its Panel frame contains)
 * knows whether the panel is near the viewport: per-frame drawing pauses while it is far out of view.
 */
export function PanelScope({ children }: { children: ReactNode }) {
  const [visibility] = useState(createPanelVisibility);
  return <PanelVisibilityContext value={visibility}>{children}</PanelVisibilityContext>;
}
