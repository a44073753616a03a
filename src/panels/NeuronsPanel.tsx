import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { setHover, useStore } from '../store';
import {
  applyNeuronText, modelIndex, setNeuronFind, setNeuronLayer, setNeuronMarked, setNeuronModel, setNeuronQuantity, setNeuronUnit,
  useNeuronStore, watchNeurons, type NeuronResult,
} from '../store/neurons';
import { createNeuronText, type NeuronTextRenderer } from '../viz/neuronText';
import { Panel } from './components/Panel';
import { useT } from './hooks/useT';
import { unitColumn } from './neurons/column';
import { NeuronFeatures, UnitFeatureNote } from './neurons/NeuronFeatures';
import { NeuronMatches } from './neurons/NeuronMatches';
import { NeuronRanking } from './neurons/NeuronRanking';
import './neurons/neurons.css';

/** Three significant digits for read-outs. */
const short = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v));

/**
 * The neuron explorer: a passage (by default the sequence the panels show) coloured by one unit's
 * value after each token; marks by pattern or drag, and the units ranked by how they separate them.
 */
export function NeuronsPanel() {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const renderer = useRef<NeuronTextRenderer | null>(null);
  const result = useNeuronStore((s) => s.result);
  const unit = useNeuronStore((s) => s.unit);
  const quantity = useNeuronStore((s) => s.quantity);
  const find = useNeuronStore((s) => s.find);
  const error = useNeuronStore((s) => s.error);
  const custom = useNeuronStore((s) => s.text !== null);
  const chosen = useNeuronStore((s) => s.model);
  const cells = useStore(useShallow((s) => s.snapshot?.models.map((m) => m.cell) ?? []));
  const model = useStore((s) => modelIndex(s, chosen));
  const [draft, setDraft] = useState('');
  const [hover, setHoverK] = useState<number | null>(null);
  const hoverRef = useRef<number | null>(null);

  useEffect(() => watchNeurons(), []);

  const legendTitle = (r: NeuronResult | null, u: number) =>
    t('neurons.legend', { q: r ? t(`neurons.q.${r.quantity}`) : 'h', unit: u + 1 });

  useEffect(() => {
    if (!host.current) return;
    renderer.current = createNeuronText(host.current, {
      label: t('neurons.text.aria'),
      legendTitle: legendTitle(useNeuronStore.getState().result, useNeuronStore.getState().unit),
      nonFiniteLabel: t('states.legend.nonFinite'),
      onHover: (k) => {
        hoverRef.current = k;
        setHoverK(k);
        const n = useNeuronStore.getState();
        if (n.result?.inspected) setHover(k, k === null ? null : n.unit);
      },
      onMark: (a, b) => setNeuronMarked(Array.from({ length: b - a + 1 }, (_, i) => a + i)),
    });
    const draw = () => {
      const n = useNeuronStore.getState();
      const r = n.result;
      if (!r || !renderer.current) return;
      const u = Math.min(n.unit, r.hidden - 1);
      renderer.current.update({ tokens: r.tokens, sep: r.sep, values: unitColumn(r, u), marked: r.marked });
      renderer.current.setLegendTitle(legendTitle(r, u));
      renderer.current.highlight(hoverRef.current ?? (r.inspected ? useStore.getState().hoverStep : null));
    };
    draw();
    const offNeurons = useNeuronStore.subscribe((s, prev) => {
      if (s.result !== prev.result || s.unit !== prev.unit) draw();
    });
    // a step pointed at in another panel lights up its token when the passage is the panels' sequence
    const offStore = useStore.subscribe((s, prev) => {
      if (s.hoverStep === prev.hoverStep || hoverRef.current !== null) return;
      if (useNeuronStore.getState().result?.inspected) renderer.current?.highlight(s.hoverStep);
    });
    return () => {
      offNeurons();
      offStore();
      renderer.current?.destroy();
      renderer.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- legendTitle only depends on t
  }, [t]);

  const H = result?.hidden ?? 1;
  const u = Math.min(unit, H - 1);
  const T = result?.tokens.length ?? 0;
  let summary = t('neurons.waiting');
  let readout = t('neurons.readout.idle');
  if (result) {
    const col = unitColumn(result, u);
    const q = t(`neurons.q.${result.quantity}`);
    summary = t('neurons.summary', { unit: u + 1, q, layer: result.layer + 1, count: T, min: short(Math.min(...col)), max: short(Math.max(...col)) });
    if (hover !== null && hover < T) {
      readout = t('neurons.readout', { token: result.tokens[hover]!, pos: hover + 1, q, unit: u + 1, value: short(col[hover]!) });
    }
  }

  const controls = (
    <div className="nt-controls">
      {cells.length > 1 ? (
        <label>{t('states.pick.model')}{' '}
          <select data-testid="control-neuron-model" value={model} onChange={(e) => setNeuronModel(Number(e.target.value))}>
            {cells.map((c, k) => <option key={c} value={k}>{t(`states.cell.${c}`)}</option>)}
          </select>
        </label>
      ) : null}
      <label>{t('neurons.unit')}{' '}
        <input type="number" data-testid="control-neuron-unit" min={1} max={H} step={1} value={u + 1}
          onChange={(e) => { const v = Number(e.target.value); if (Number.isFinite(v) && e.target.value !== '') setNeuronUnit(v - 1); }} />
      </label>
      <label>{t('neurons.layer')}{' '}
        <select data-testid="control-neuron-layer" value={result?.layer ?? 0} onChange={(e) => setNeuronLayer(Number(e.target.value))}>
          {Array.from({ length: result?.layers ?? 1 }, (_, k) => <option key={k} value={k}>{k + 1}</option>)}
        </select>
      </label>
      <label>{t('neurons.quantity')}{' '}
        <select data-testid="control-neuron-quantity" value={result?.quantity ?? quantity} onChange={(e) => setNeuronQuantity(e.target.value)}>
          {(result?.quantities ?? ['h']).map((q) => <option key={q} value={q}>{t(`neurons.q.${q}`)}</option>)}
        </select>
      </label>
    </div>
  );

  return (
    <Panel testId="panel-neurons" className="wide" title={t('neurons.title')} explanation={t('neurons.explain')} summary={summary}>
      {controls}
      <div className="nt-passage">
        <label className="nt-passage-label">{t('neurons.text.label')}
          <textarea data-testid="control-neuron-text" rows={2} maxLength={4000} value={draft}
            placeholder={t('neurons.text.placeholder')} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <div className="nt-passage-actions">
          <button type="button" className="button small" data-testid="control-neuron-apply" onClick={() => applyNeuronText(draft)}>
            {t('neurons.apply')}
          </button>
          {custom ? (
            <button type="button" className="button small" data-testid="control-neuron-reset" onClick={() => applyNeuronText(null)}>
              {t('neurons.reset')}
            </button>
          ) : null}
        </div>
      </div>
      {error ? <p className="nt-error" role="alert" data-testid="neuron-error">{t(error.code, error.params)}</p> : null}
      <div className="nt-find">
        <label>{t('neurons.find')}{' '}
          <input type="text" data-testid="control-neuron-find" value={find} spellCheck={false}
            placeholder={t('neurons.find.placeholder')} onChange={(e) => setNeuronFind(e.target.value)} />
        </label>
        <button type="button" className="button small" data-testid="control-neuron-clear" onClick={() => setNeuronMarked([])}>
          {t('neurons.clear')}
        </button>
        {result ? <span className="nt-note" data-testid="neuron-marked" data-count={result.marked.length}>
          {t('neurons.marked', { count: result.marked.length, total: T })}</span> : null}
      </div>
      {result?.findError ? <p className="nt-error" role="alert" data-testid="neuron-find-error">{t(result.findError)}</p> : null}
      {result ? null : <p className="panel-waiting">{t('neurons.waiting')}</p>}
      {result ? (
        <p className="nt-note" data-testid="neuron-source" data-inspected={String(result.inspected)}>
          {t(result.inspected ? 'neurons.source.inspected' : 'neurons.source.custom', { count: T })}
        </p>
      ) : null}
      <UnitFeatureNote unit={u} />
      <div ref={host} className="nt-host" data-unit={u + 1} data-quantity={result?.quantity} data-layer={(result?.layer ?? 0) + 1} />
      <p className="nt-readout" data-testid="neuron-readout" aria-live="polite">{readout}</p>
      {result ? <NeuronRanking result={result} unit={u} /> : null}
      {result ? <NeuronMatches /> : null}
      {result ? <NeuronFeatures /> : null}
    </Panel>
  );
}
