/**
 * Every panel of the page by its data-testid, in teaching order and in two groups (inside the
 * network; gradients through time), so the page, a chapter's stage and an embed can each show any
 * subset in any order.
 */
import type { ComponentType } from 'react';
import './panels.css';
import './gradients.css';
import { ClippingPanel } from './ClippingPanel';
import { EquationsPanel } from './EquationsPanel';
import { FlowPanel } from './FlowPanel';
import { GatesPanel } from './GatesPanel';
import { GradCheckPanel } from './GradCheckPanel';
import { HiddenPanel } from './HiddenPanel';
import { LossPanel } from './LossPanel';
import { MemoryPanel } from './MemoryPanel';
import { PredictionsPanel } from './PredictionsPanel';
import { SpectrumPanel } from './SpectrumPanel';
import { UnrolledPanel } from './UnrolledPanel';
import { deferredPanel } from './deferredPanel';

/** Panels below the default view load their code when needed (see deferredPanel). */
const WeightsPanel = deferredPanel('panel-weights', 'weights.title',
  () => import('./WeightsPanel').then((m) => ({ default: m.WeightsPanel })));
const NeuronsPanel = deferredPanel('panel-neurons', 'neurons.title',
  () => import('./NeuronsPanel').then((m) => ({ default: m.NeuronsPanel })));
const TrajectoryPanel = deferredPanel('panel-trajectory', 'trajectory.title',
  () => import('./TrajectoryPanel').then((m) => ({ default: m.TrajectoryPanel })));

export interface PanelEntry {
  id: string;
  group: 'model' | 'gradients';
  Component: ComponentType;
}

/** The panels that look inside the network, then those about gradients through time. */
export const PANEL_ENTRIES: readonly PanelEntry[] = [
  { id: 'panel-unrolled', group: 'model', Component: UnrolledPanel },
  { id: 'panel-loss', group: 'model', Component: LossPanel },
  { id: 'panel-predictions', group: 'model', Component: PredictionsPanel },
  { id: 'panel-hidden', group: 'model', Component: HiddenPanel },
  { id: 'panel-gates', group: 'model', Component: GatesPanel },
  { id: 'panel-cell-state', group: 'model', Component: MemoryPanel },
  { id: 'panel-equations', group: 'model', Component: EquationsPanel },
  { id: 'panel-weights', group: 'model', Component: WeightsPanel },
  { id: 'panel-neurons', group: 'model', Component: NeuronsPanel },
  { id: 'panel-trajectory', group: 'model', Component: TrajectoryPanel },
  { id: 'panel-gradients', group: 'gradients', Component: FlowPanel },
  { id: 'panel-spectrum', group: 'gradients', Component: SpectrumPanel },
  { id: 'panel-clipping', group: 'gradients', Component: ClippingPanel },
  { id: 'panel-gradcheck', group: 'gradients', Component: GradCheckPanel },
];

/** The ids of every panel in the registry. */
export const PANEL_IDS: readonly string[] = PANEL_ENTRIES.map((p) => p.id);
