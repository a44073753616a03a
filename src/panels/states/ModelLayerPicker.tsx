import { setLayer } from '../../store';
import { useT } from '../hooks/useT';

export interface ModelLayerPickerProps {
  /** Cell types of the models in the snapshot (three in compare mode). */
  cells: string[];
  model: number;
  onModel: (index: number) => void;
  layers: number;
  layer: number;
}

/** Picks which model (compare mode) and which layer (stacked models) a state panel shows. */
export function ModelLayerPicker({ cells, model, onModel, layers, layer }: ModelLayerPickerProps) {
  const t = useT();
  return (
    <>
      {cells.length > 1 ? (
        <div className="states-model-pick" role="group" aria-label={t('states.pick.model')}>
          {cells.map((c, k) => (
            <button key={c} type="button" aria-pressed={k === model} onClick={() => onModel(k)}>
              {t(`states.cell.${c}`)}
            </button>
          ))}
        </div>
      ) : null}
      {layers > 1 ? (
        <label className="states-layer-pick">
          {t('states.pick.layer')}{' '}
          <select value={Math.min(layer, layers - 1)} onChange={(e) => setLayer(Number(e.target.value))}>
            {Array.from({ length: layers }, (_, k) => (
              <option key={k} value={k}>{k + 1}</option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}
