import { useContext, useEffect, useRef, useState } from 'react';
import { formatNumber } from '../i18n';
import { requestWeights, setHover, useStore, type AppState, type WeightsView } from '../store';
import { createLegend, type Legend } from '../viz/legend';
import { createWeightsView, type WeightEntry, type WeightsRenderer } from '../viz/weights';
import { Panel } from './components/Panel';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { PanelVisibilityContext } from './hooks/panelVisibility';
import { useT } from './hooks/useT';
import { useChangedState } from './hooks/useChangedState';
import { ModelLayerPicker } from './states/ModelLayerPicker';
import { useStateModel } from './states/useStateModel';
import { WeightEditor } from './weights/WeightEditor';
import {
  WEIGHTS_MODES, describeEntry, magnitudeQuantile, entryLabel, entryValue, gatesOf, layerBlocks, sourceOf, symmetricDomain, type WeightsMode,
} from './weights/weightsModel';
import './weights/weights.css';

/** The colour scale reaches the magnitude of this share of the entries; the few larger ones take its end colours. */
const SCALE_SHARE = 0.99;
/** Fewest milliseconds between two requests for the weights while training. */
const REQUEST_MS = 250;
/** A request not answered within this long (no worker yet) no longer blocks the next one. */
const STALE_MS = 2000;

/**
 * The weight matrices of one layer as heatmaps (W_ih, W_hh by gate, biases, W_fc), showing the
 * weights, the gradient of the last step or its update, on one symmetric colour scale. Pointing at
 * an entry names it and highlights its unit in the other panels; clicking it opens it for editing.
 */
type WeightsStatus = { layer: number; step: number; scale: string } | null;
const sameStatus = (a: WeightsStatus, b: WeightsStatus) => a === b || (!!a && !!b && a.layer === b.layer && a.step === b.step && a.scale === b.scale);

export function WeightsPanel() {
  const t = useT();
  const view = useStateModel();
  const [mode, setMode] = useState<WeightsMode>('params');
  const [summary, setSummary] = useChangedState('');
  const modes = (
    <div className="weights-modes" role="group" aria-label={t('weights.mode')} data-testid="weights-mode">
      {WEIGHTS_MODES.map((m) => (
        <button key={m} type="button" aria-pressed={m === mode} data-testid={`weights-mode-${m}`} onClick={() => setMode(m)}>
          {t(`weights.mode.${m}`)}
        </button>
      ))}
    </div>
  );
  return (
    <Panel testId="panel-weights" title={t('weights.title')} explanation={t('weights.explain')} summary={summary}
      actions={<>{modes}<ModelLayerPicker cells={view.models.map((m) => m.cell)} model={view.model} onModel={view.setModel}
        layers={view.current?.layers ?? 1} layer={view.layer} /></>}>
      <WeightsBody model={view.model} layer={view.layer} mode={mode} onSummary={setSummary} />
    </Panel>
  );
}

/** Asks the worker for the weights while the panel is in view and the run moves (at most every REQUEST_MS, one at a time). */
function useWeightsFeed(model: number): void {
  const visibility = useContext(PanelVisibilityContext);
  useEffect(() => {
    let pending = -Infinity; // when the unanswered request went out
    let last = -Infinity;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const want = () => {
      if (visibility && !visibility.visible) return;
      const now = performance.now();
      if (now - pending < STALE_MS) { again = true; return; } // one at a time: asked again when it arrives
      const wait = last + REQUEST_MS - now;
      if (wait > 0) {
        timer ??= setTimeout(() => { timer = undefined; want(); }, wait);
        return;
      }
      pending = last = now;
      requestWeights(model);
    };
    const unsubscribe = useStore.subscribe((s, p) => {
      if (s.weights !== p.weights) {
        pending = -Infinity;
        if (again) { again = false; want(); }
      }
      if (s.snapshot !== p.snapshot) want();
    });
    const unlisten = visibility?.listen(want);
    want();
    return () => {
      unsubscribe();
      unlisten?.();
      clearTimeout(timer);
    };
  }, [model, visibility]);
}

/** The view of the model shown, if it is the current run's. */
function viewOf(s: AppState, model: number): WeightsView | null {
  const w = s.weights;
  if (!w || w.model !== Math.min(model, (s.snapshot?.models.length ?? 1) - 1)) return null;
  return s.snapshot && w.run !== s.snapshot.run ? null : w;
}

function WeightsBody({ model, layer, mode, onSummary }: {
  model: number; layer: number; mode: WeightsMode; onSummary: (s: string) => void;
}) {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const host = useRef<HTMLDivElement>(null);
  const legendHost = useRef<HTMLDivElement>(null);
  const renderer = useRef<WeightsRenderer | null>(null);
  const legend = useRef<Legend | null>(null);
  const lastDomain = useRef<[number, number] | null>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  const [picked, setPicked] = useState<WeightEntry | null>(null);
  const [noTrail, setNoTrail] = useChangedState(false);
  const [status, setStatus] = useChangedState<{ layer: number; step: number; scale: string } | null>(null, sameStatus);
  const hover = useRef<WeightEntry | null>(null);
  const ctx = useRef({ t, lang, mode, layer, model, picked, onSummary });
  useEffect(() => { ctx.current = { t, lang, mode, layer, model, picked, onSummary }; });
  useWeightsFeed(model);

  const num = (v: number | null) => (v === null ? ctx.current.t('weights.none') : formatNumber(ctx.current.lang, v, 4));

  const showReadout = (e: WeightEntry | null) => {
    const s = useStore.getState();
    const v = viewOf(s, ctx.current.model);
    if (!readout.current) return;
    if (!e || !v) { readout.current.textContent = ctx.current.t('weights.hint'); return; }
    const cols = v.tensors.find((x) => x.key === e.id)?.cols ?? 1;
    const { words } = describeEntry(ctx.current.t, v, e, s.snapshot?.vocab ?? []);
    readout.current.textContent = ctx.current.t('weights.readout', {
      entry: entryLabel(e, cols), name: words, value: num(entryValue(v, v.params, e)),
      grad: num(entryValue(v, v.grad, e)), delta: num(entryValue(v, v.delta, e)),
    });
  };

  const marks = (s: AppState) => {
    const edited = s.weightEdits.filter((x) => x.model === ctx.current.model).map((x) => ({ id: x.key, row: x.row, col: x.col }));
    renderer.current?.mark({ hover: hover.current, picked: ctx.current.picked, edited });
  };

  const draw = (w: WeightsView | null, s: AppState) => {
    const { t: tr, mode: m, layer: l, lang: lg } = ctx.current;
    if (!w) return;
    const source = sourceOf(w, m);
    setNoTrail(source === null);
    const blocks = layerBlocks(w, l, source ?? w.params);
    const domain = symmetricDomain(magnitudeQuantile([...blocks.recurrent, ...blocks.readout].map((b) => b.values), SCALE_SHARE));
    renderer.current?.update({ recurrent: blocks.recurrent, readout: blocks.readout, groupNames: gatesOf(w.cell), domain });
    lastDomain.current = domain;
    legend.current?.update({ domain });
    marks(s);
    showReadout(hover.current);
    const shownLayer = Math.min(w.layers - 1, l) + 1;
    const scale = formatNumber(lg, domain[1], 2);
    setStatus({ layer: shownLayer, step: w.step, scale });
    ctx.current.onSummary(tr('weights.summary', {
      layer: shownLayer, cell: tr(`states.cell.${w.cell}`), count: blocks.count, max: formatNumber(lg, blocks.maxAbs, 3),
    }));
  };

  useEffect(() => {
    if (!host.current) return;
    renderer.current = createWeightsView(host.current, {
      label: t('weights.canvas', { layer: layer + 1, mode: t(`weights.mode.${mode}`) }),
      onHover: (e) => {
        hover.current = e;
        showReadout(e);
        const s = useStore.getState();
        const v = viewOf(s, ctx.current.model);
        const named = e && v ? describeEntry(ctx.current.t, v, e, []) : null;
        const unit = named?.unit ?? -1;
        const from = named?.from ?? -1;
        // a recurrent weight links two units: the one it feeds and the one it comes from
        setHover(null, unit >= 0 ? unit : null, undefined, from >= 0 && from !== unit ? from : null);
        marks(s);
      },
      onPick: (e) => setPicked(e),
    });
    const s = useStore.getState();
    draw(viewOf(s, model), s);
    return () => {
      renderer.current?.destroy();
      renderer.current = null;
      if (hover.current) setHover(null, null);
    };
    // the renderer is rebuilt for a new language, mode, layer or model; draw reads the rest from ctx
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, mode, layer, model]);
  // the legend names what the colours show: the weights too when there is no gradient or update yet
  const shownMode = noTrail ? 'params' : mode;
  useEffect(() => {
    if (!legendHost.current) return;
    const l = createLegend(legendHost.current, { scale: 'diverging', title: t(`weights.mode.${shownMode}`) });
    legend.current = l;
    if (lastDomain.current) l.update({ domain: lastDomain.current });
    return () => {
      l.destroy();
      if (legend.current === l) legend.current = null;
    };
  }, [t, shownMode]);
  useEffect(() => marks(useStore.getState()));
  useFrameSubscription((s) => viewOf(s, model), draw);
  useFrameSubscription((s) => s.weightEdits, (_e, s) => marks(s), { light: true });

  const waiting = status === null;
  return (
    <div className="weights-panel">
      <div className="weights-head">
        <div ref={legendHost} data-testid="weights-legend" className="weights-legend" />
        {status ? <span className="weights-status">{t('weights.layer', status)} {t('weights.scale', status)}</span> : null}
      </div>
      {waiting ? <p className="panel-waiting">{t('weights.waiting')}</p> : null}
      {noTrail && mode !== 'params' ? <p className="weights-note" data-testid="weights-no-trail">{t('weights.noTrail')}</p> : null}
      <div ref={host} className="weights-canvas-host" />
      <p ref={readout} className="weights-readout" data-testid="weights-readout" aria-live="off">{t('weights.hint')}</p>
      <WeightEditor model={model} picked={picked} />
    </div>
  );
}
