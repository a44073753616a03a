import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { select, setHover, useStore, type AppState } from '../store';
import { sweepSlowdown, toggleSlowMotion, useLectureStore } from '../store/lecture';
import { setSweepProgress, stepCursor } from '../store/sweep';
import { createUnrolled, type UnrolledRenderer } from '../viz/unrolled';
import type { Zoom } from '../viz/unrolledLayout';
import { inputSteps, lossSteps } from '../viz/unrolledLayout';
import { Panel } from './components/Panel';
import { ShownModelPick } from './components/ShownModelPick';
import { hoveredQuantity, setEquationHover } from './equationHover';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { shown } from './counting';
import { useTextScale } from './hooks/useTextScale';
import { pickTrace, prefersReducedMotion } from './modelTrace';
import { useStaged } from './components/staged';
import { chapterOf } from '../store/lessons';

const values = (s: AppState) => [s.snapshot, s.flowModel, s.config.truncate];
const marks = (s: AppState) => [s.hoverStep, s.selectedStep, s.hoverUnit, s.selectedUnit, hoveredQuantity(s), stepCursor()];

/** Steps the step-through has reached (the cursor's step and those before it); null = every step. */
function reachedSteps(): number | null {
  const cursor = stepCursor();
  return cursor === null ? null : cursor + 1;
}

/**
 * Panel 1: the network unrolled over the inspection sequence — inputs, cells (LSTM: the cell-state
 * highway), outputs, losses, the same shared weights at every step, gradient ribbons ‖dL/dh_t‖ and
 * each step's share of ∂L/∂W_hh, with forward and backward sweeps and the truncated-BPTT window.
 */
export function UnrolledPanel() {
  const t = useT();
  const textScale = useTextScale();
  const host = useRef<HTMLDivElement>(null);
  const renderer = useRef<UnrolledRenderer | null>(null);
  // a chapter about the whole sequence (its sum of shares) stages the diagram with every step in view
  const staged = useStaged();
  // (not with whole words when presenting: at the hall's text size a fitted column is too narrow for
  // any word, so the diagram reads whole words and scrolls, as elsewhere)
  const chapterFits = useStore((s) => chapterOf(s.lesson)?.view?.fitSteps === true && !(s.present && s.snapshot?.tokenKind === 'word'));
  const fitOnStage = staged && chapterFits;
  const [zoom, setZoom] = useState<Zoom>(fitOnStage ? 'fit' : 'read');
  const [staging, setStaging] = useState(fitOnStage);
  if (staging !== fitOnStage) {
    setStaging(fitOnStage);
    setZoom(fitOnStage ? 'fit' : 'read');
  }
  const slowMotion = useLectureStore((s) => s.slowMotion);
  const zoomRef = useRef(zoom);
  const shape = useStore(useShallow((s) => {
    const p = pickTrace(s);
    return p ? [p.trace.T, p.trace.layers, p.trace.cell, lossSteps(p.ctx.shape, p.trace.T, p.trace.targets).filter(Boolean).length,
      inputSteps(p.ctx.shape, p.trace.T).filter(Boolean).length, p.ctx.shape] : null;
  }));

  const draw = useCallback(() => {
    const s = useStore.getState();
    const p = pickTrace(s);
    if (p && renderer.current) renderer.current.update(p.trace, p.ctx, { zoom: zoomRef.current, truncate: s.config.truncate });
  }, []);
  const mark = useCallback(() => {
    const s = useStore.getState();
    renderer.current?.highlight({
      hover: s.hoverStep, selected: s.selectedStep, unit: s.hoverUnit ?? s.selectedUnit,
      part: hoveredQuantity(s), reached: reachedSteps(),
    });
  }, []);

  useEffect(() => {
    if (!host.current) return;
    renderer.current = createUnrolled(host.current, {
      labels: {
        loss: t('unrolled.row.loss'), y: t('unrolled.row.y'), h: t('unrolled.row.h'), c: t('unrolled.row.c'),
        x: t('unrolled.row.x'), layer: t('unrolled.row.layer'), contrib: t('unrolled.row.contrib'),
        sum: t('unrolled.sum'), window: t('unrolled.window'), more: t('unrolled.more'),
      },
      legend: { state: t('unrolled.legend.state'), grad: t('unrolled.legend.grad') },
      textScale,
      onHover: (step) => setHover(step, null),
      onSelect: (step) => {
        const s = useStore.getState();
        select(s.selectedStep === step ? null : step, s.selectedUnit);
      },
      onSweep: setSweepProgress,
    });
    draw();
    mark();
    return () => {
      renderer.current?.destroy();
      renderer.current = null;
    };
  }, [t, draw, mark, textScale]);

  useEffect(() => {
    zoomRef.current = zoom;
    draw();
    mark();
  }, [zoom, draw, mark]);

  useFrameSubscription(values, () => {
    draw();
    mark();
  });
  useFrameSubscription(marks, mark, { light: true });

  const onKey = (e: React.KeyboardEvent) => {
    const s = useStore.getState();
    const T = pickTrace(s)?.trace.T ?? 0;
    if (!T || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    const cur = s.selectedStep ?? (e.key === 'ArrowRight' ? -1 : T);
    select(Math.max(0, Math.min(T - 1, cur + (e.key === 'ArrowRight' ? 1 : -1))), s.selectedUnit);
  };

  const actions = (
    <>
      <ShownModelPick testId="unrolled-model" />
      <button type="button" className="button small" data-testid="unrolled-forward"
        onClick={() => renderer.current?.sweep('forward', prefersReducedMotion(), sweepSlowdown())}>{t('unrolled.forward')}</button>
      <button type="button" className="button small" data-testid="unrolled-backward"
        onClick={() => renderer.current?.sweep('backward', prefersReducedMotion(), sweepSlowdown())}>{t('unrolled.backward')}</button>
      <button type="button" className="button small" aria-pressed={slowMotion} data-testid="unrolled-slow"
        title={t('lecture.slow.label')} onClick={toggleSlowMotion}>{t('lecture.slow')}</button>
      <button type="button" className="button small" aria-pressed={zoom === 'fit'} data-testid="unrolled-fit"
        onClick={() => setZoom(zoom === 'fit' ? 'read' : 'fit')}>{t('unrolled.fit')}</button>
    </>
  );
  const summary = shape
    ? t('unrolled.summary', { T: shape[0]!, layers: shape[1]!, cell: t(`unrolled.cell.${shape[2]}`), losses: shape[3]! })
    : t('panels.waiting');
  return (
    <Panel testId="panel-unrolled" className="wide" title={t('unrolled.title')} explanation={t('unrolled.explain')}
      actions={actions} summary={summary}>
      {shape ? null : <p className="panel-waiting">{t('panels.waiting')}</p>}
      {shape ? <LinkedHint /> : null}
      {/* the diagram's counts as data: how many steps, how many read an input, how many carry a loss */}
      <div ref={host} className="unrolled" tabIndex={0} role="group" aria-label={summary} onKeyDown={onKey}
        data-shape={shape?.[5]} data-steps={shape?.[0]} data-inputs={shape?.[4]} data-losses={shape?.[3]}
        onPointerLeave={() => setEquationHover(null)} />
      <WhhShares />
      <p className="unrolled-note">{t('unrolled.note')}</p>
    </Panel>
  );
}

/** Four significant digits: enough to read that the sum and the whole agree, few enough to stay still. */
const fourDigits = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : '—');

/**
 * The bottom row in words: the steps' shares of ∂L/∂W_hh add up to its size, and which step gives the
 * most. data-sum, data-total and data-shares (JSON) carry the numbers.
 */
/** The read-out's figures, worked out once per trace (the store changes far more often: hover, selection). */
const sharesOfTrace = new WeakMap<object, readonly [string, string, number, number, string]>();

function WhhShares() {
  const t = useT();
  const view = useStore(useShallow((s) => {
    const p = pickTrace(s);
    if (!p) return null;
    const known = sharesOfTrace.get(p.trace);
    if (known) return known;
    const shares = Array.from(p.trace.dWhhShare, (v) => Number(v.toPrecision(4)));
    const sum = p.trace.dWhhShare.reduce((a, b) => a + b, 0);
    const total = p.trace.dWhhTotal;
    let top = 0;
    shares.forEach((v, k) => { if (v > shares[top]!) top = k; });
    const figures = [fourDigits(sum), fourDigits(total), top, total > 0 ? Math.round((100 * p.trace.dWhhShare[top]!) / total) : 0,
      JSON.stringify(shares)] as const;
    sharesOfTrace.set(p.trace, figures);
    return figures;
  }));
  if (!view) return null;
  const [sum, total, top, pct, shares] = view;
  return (
    <p className="unrolled-shares" data-testid="readout-whh-shares" data-sum={sum} data-total={total} data-shares={shares}>
      {t('unrolled.shares', { sum, total, step: shown(top), pct })}
      {/* a share above the whole means other steps pull the other way: say so, not just "101 %" */}
      {pct > 100 ? ` ${t('unrolled.shares.over')}` : null}
    </p>
  );
}

/**
 * A first-contact hint that pointing at a step links every panel; it leaves once the learner has
 * pointed at a step and moved away (or dismissed it) and does not come back during the visit.
 */
function LinkedHint() {
  const t = useT();
  const [gone, setGone] = useState(false);
  // it leaves once a step has been pointed at and the pointer has moved off again, so the diagram
  // does not shift under the pointer while the reader tries it
  useEffect(() => {
    let pointed = false;
    return useStore.subscribe((s) => {
      if (s.hoverStep !== null) pointed = true;
      else if (pointed) {
        pointed = false; // once: a setState repeated at every store change would pile up in React's queue
        setGone(true);
      }
    });
  }, []);
  if (gone) return null;
  return (
    <p className="linked-hint" role="note" data-testid="linked-hint">
      <span aria-hidden="true">☝</span> {t('unrolled.linkedHint')}{' '}
      <button type="button" className="button small" data-testid="linked-hint-dismiss" onClick={() => setGone(true)}>
        {t('unrolled.linkedHint.ok')}
      </button>
    </p>
  );
}
