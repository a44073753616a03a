import { useEffect, useState } from 'react';
import { PanelScope } from './components/PanelScope';
import { queueDraw } from './hooks/frameQueue';
import { PANEL_ENTRIES } from './registry';

/**
 * One panel by id, in its own visibility scope (nothing for an unknown id). It mounts on its turn
 * in the page's draw queue, one panel a frame in page order: the page's dozen panels (each making
 * its chart, canvas or diagram) would otherwise mount in one task of 100 ms or more.
 */
export function PanelById({ id }: { id: string }) {
  const entry = PANEL_ENTRIES.find((p) => p.id === id);
  const [turn, setTurn] = useState(false);
  useEffect(() => queueDraw(() => setTurn(true)), []);
  if (!entry) return null;
  // nothing in its place meanwhile (the panel grid skips an element that is not a panel)
  if (!turn) return <div data-panel-mounting={id} />;
  return <PanelScope><entry.Component /></PanelScope>;
}
