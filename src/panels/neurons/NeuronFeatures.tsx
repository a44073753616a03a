import { shown } from '../counting';
import { requestNeuronFeatures, setNeuronLayer, setNeuronQuantity, setNeuronUnit, useNeuronStore } from '../../store/neurons';
import { useT } from '../hooks/useT';

/**
 * What the shown unit follows, when the last feature search (same layer and quantity) found it for a
 * feature: "unit 40 (f) follows “after a space” (r = −0.91) and “start of a word” (r = −0.83)". Nothing otherwise.
 */
export function UnitFeatureNote({ unit }: { unit: number }) {
  const t = useT();
  const features = useNeuronStore((s) => s.features);
  const layer = useNeuronStore((s) => s.result?.layer ?? s.layer);
  const quantity = useNeuronStore((s) => s.result?.quantity ?? s.quantity);
  if (!features?.ok || features.layer !== layer || features.quantity !== quantity) return null;
  const found = features.matches.filter((m) => m.unit === unit);
  if (found.length === 0) return null;
  // every feature this unit was found for, best first ("after a space" and "start of a word" often share one)
  const named = found.map((m) => t('neurons.unitFeature.one', { feature: t(`neurons.feature.${m.feature}`), r: Number(m.r.toFixed(2)) }));
  return (
    <p className="nt-unit-feature" data-testid="neuron-unit-feature" data-features={found.map((m) => m.feature).join(',')}>
      {t('neurons.unitFeature', { unit: shown(unit), q: t(`neurons.q.${quantity}`), features: named.join(t('neurons.unitFeature.and')) })}
    </p>
  );
}

/**
 * What do the units track? On demand, each simple feature of the training text with the unit whose
 * values correlate best with it; choosing one shows that unit (with the layer and quantity searched).
 */
export function NeuronFeatures() {
  const t = useT();
  const features = useNeuronStore((s) => s.features);
  const pending = useNeuronStore((s) => s.featuresPending);
  const choose = (layer: number, quantity: string, unit: number) => {
    const n = useNeuronStore.getState();
    if (n.layer !== layer) setNeuronLayer(layer);
    if (n.quantity !== quantity) setNeuronQuantity(quantity);
    setNeuronUnit(unit);
  };
  return (
    <div className="nt-features">
      <h3 className="nt-ranking-title">{t('neurons.features.title')}</h3>
      <button type="button" className="button small" data-testid="control-neuron-features" disabled={pending}
        onClick={requestNeuronFeatures}>{t(pending ? 'neurons.features.busy' : 'neurons.features.run')}</button>
      {features && !features.ok ? <p className="nt-error" role="alert" data-testid="neuron-features-error">{t(features.code)}</p> : null}
      {features?.ok ? (
        <>
          <p className="nt-note">{t('neurons.features.explain', { chars: features.chars, layer: features.layer + 1, q: t(`neurons.q.${features.quantity}`) })}</p>
          <ol data-testid="neuron-features" data-count={features.matches.length}>
            {features.matches.map((m) => (
              <li key={m.feature} data-feature={m.feature} data-unit={shown(m.unit)} data-r={m.r}>
                <button type="button" className="nt-rank" onClick={() => choose(features.layer, features.quantity, m.unit)}>
                  <span className="nt-feature-name">{t(`neurons.feature.${m.feature}`)}</span>
                  <span className="nt-rank-label">{t('neurons.features.entry', { unit: shown(m.unit), r: Number(m.r.toFixed(2)) })}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
