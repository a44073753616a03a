import { useState } from 'react';
import { useStore, type AppState } from '../../store';

/** The shape of what the state panels show, as a string: "cell:layers:hidden:T" per model. */
export function shapeKey(s: AppState): string {
  return s.snapshot ? s.snapshot.models.map((m) => `${m.cell}:${m.layers}:${m.hidden}:${m.T}`).join('|') : '';
}

/** Which model and layer a state panel shows, and their shapes; re-renders only on a shape change. */
export function useStateModel() {
  const key = useStore(shapeKey);
  const layer = useStore((s) => s.layer);
  // in compare mode the model shown follows the store's (a chapter's beat: "show the LSTM's flow")
  // until the reader picks another here
  const flowModel = useStore((s) => s.flowModel);
  const [picked, setModel] = useState(flowModel);
  const [followed, setFollowed] = useState(flowModel);
  if (followed !== flowModel) {
    setFollowed(flowModel);
    setModel(flowModel);
  }
  const models = key ? key.split('|').map((part) => {
    const [cell, layers, hidden, T] = part.split(':');
    return { cell, layers: Number(layers), hidden: Number(hidden), T: Number(T) };
  }) : [];
  const model = Math.min(picked, Math.max(0, models.length - 1));
  const current = models[model];
  return {
    key, models, model, setModel, current,
    layer: current ? Math.min(layer, current.layers - 1) : 0,
  };
}

/** The model snapshot at `index` (clamped), or null before the first snapshot. */
export function modelAt(s: AppState, index: number) {
  const models = s.snapshot?.models;
  if (!models || models.length === 0) return null;
  return models[Math.min(index, models.length - 1)];
}
