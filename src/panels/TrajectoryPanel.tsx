import { useContext, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatNumber } from '../i18n';
import { useStore } from '../store';
import { stepsReached, useSweepStore } from '../store/sweep';
import {
  effectivePoints, setTrajectoryColor, setTrajectoryModel, setTrajectoryPoints, setTrajectoryVisible, trajectoryModel,
  useTrajectoryStore, watchTrajectory, type TrajectoryResult,
} from '../store/trajectory';
import { createTrajectory, type TrajectoryChart } from '../viz/trajectory';
import { classLegend } from '../viz/trajectoryMath';
import { Panel } from './components/Panel';
import { PanelVisibilityContext } from './hooks/panelVisibility';
import { useT } from './hooks/useT';
import { useTextScale } from './hooks/useTextScale';
import './trajectory/trajectory.css';

type Hit = { kind: 'point' | 'path'; index: number } | null;

/** A percentage for read-outs: one decimal under 10 %, else whole. */
const pct = (f: number): string => (f * 100).toFixed(f < 0.1 ? 1 : 0);
/** A token as text that shows (space, line break, tab). */
const visible = (s: string | undefined): string => (s === undefined ? '?' : s === ' ' ? '␣' : s === '\n' ? '↵' : s === '\t' ? '⇥' : s);

/** How many steps of the shown path the forward pass has reached (sweep animation, else step-through cursor). */
function pathShown(r: TrajectoryResult): number {
  return stepsReached(r.path.x.length, useSweepStore.getState().cursor, useSweepStore.getState().progress);
}

/**
 * The hidden-state space: the top layer's h_t over many sequences of the task, on its first two
 * principal components, coloured by input token or by the target ahead; the shown sequence as a path
 * that grows with the forward pass.
 */
export function TrajectoryPanel() {
  const t = useT();
  const textScale = useTextScale();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<TrajectoryChart | null>(null);
  const result = useTrajectoryStore((s) => s.result);
  const color = useTrajectoryStore((s) => s.color);
  const error = useTrajectoryStore((s) => s.error);
  const chosenPoints = useTrajectoryStore((s) => s.points);
  const chosen = useTrajectoryStore((s) => s.model);
  const cells = useStore(useShallow((s) => s.snapshot?.models.map((m) => m.cell) ?? []));
  const model = useStore((s) => trajectoryModel(s, chosen));
  const points = useStore((s) => effectivePoints(s, chosenPoints));
  const [hover, setHover] = useState<Hit>(null);
  const visibility = useContext(PanelVisibilityContext);

  useEffect(() => watchTrajectory(), []);
  useEffect(() => {
    if (!visibility) return undefined;
    setTrajectoryVisible(visibility.visible);
    const off = visibility.listen(() => setTrajectoryVisible(visibility.visible));
    return () => {
      off();
      setTrajectoryVisible(true);
    };
  }, [visibility]);

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    chart.current = createTrajectory(el, { label: t('trajectory.aria'), textScale, onHover: setHover });
    let legendOf: { r: TrajectoryResult; color: string; legend: ReturnType<typeof classLegend> } | null = null;
    const draw = () => {
      const s = useTrajectoryStore.getState();
      const r = s.result;
      if (!r || !chart.current) return;
      // the colours are worked out once per answer and colouring (a sweep redraws only the path)
      if (!legendOf || legendOf.r !== r || legendOf.color !== s.color) {
        legendOf = { r, color: s.color, legend: classLegend(s.color === 'token' ? r.token : r.target) };
      }
      const { legend } = legendOf;
      const shown = pathShown(r);
      chart.current.update({
        x: r.x, y: r.y, colour: legend.colour,
        legend: legend.classes.map((c) => visible(r.vocab[c])),
        grey: legend.other ? t('trajectory.legend.other') : legend.none ? t('trajectory.legend.none') : null,
        legendTitle: t(s.color === 'token' ? 'trajectory.legend.token' : 'trajectory.legend.target'),
        path: r.path, shown, fitPath: r.points === 'all',
        xLabel: t('trajectory.axis.x', { pct: pct(r.explained[0]) }),
        yLabel: t('trajectory.axis.y', { pct: pct(r.explained[1]) }),
      });
      el.dataset.pathLength = String(shown);
      el.dataset.separation = r.separation[s.color].toFixed(4);
    };
    draw();
    const offT = useTrajectoryStore.subscribe((s, p) => { if (s.result !== p.result || s.color !== p.color) draw(); });
    const offSweep = useSweepStore.subscribe(draw);
    return () => {
      offT();
      offSweep();
      chart.current?.destroy();
      chart.current = null;
    };
  }, [t, textScale]);

  const r = result;
  let readout = t('trajectory.readout.idle');
  const hit = r && hover && hover.index < (hover.kind === 'point' ? r.x.length : r.path.x.length) ? hover : null;
  if (r && hit) {
    const i = hit.index;
    const src = hit.kind === 'point' ? { token: r.token, target: r.target, step: r.position[i]! } : { ...r.path, step: i };
    const tg = src.target[i]!;
    readout = t(hit.kind === 'point' ? 'trajectory.readout.point' : 'trajectory.readout.path', {
      token: visible(r.vocab[src.token[i]!]), target: tg >= 0 ? visible(r.vocab[tg]) : t('trajectory.legend.none'), step: String(src.step + 1),
    });
  }
  const by = t(color === 'token' ? 'trajectory.color.token' : 'trajectory.color.target');
  const summary = r
    ? t('trajectory.summary', { points: r.x.length, a: pct(r.explained[0]), b: pct(r.explained[1]), by, sep: pct(r.separation[color]) })
    : t('trajectory.waiting');

  const lang = useStore((s) => s.lang);
  /** The data table: the shown sequence's steps with their tokens, targets and coordinates. */
  const table = () => {
    const res = useTrajectoryStore.getState().result;
    if (!res) return null;
    const none = t('trajectory.legend.none');
    return {
      caption: t('trajectory.table.caption'),
      cols: [t('trajectory.table.step'), t('trajectory.table.token'), t('trajectory.table.target'), t('trajectory.table.pc', { k: '1' }), t('trajectory.table.pc', { k: '2' })],
      rows: Array.from(res.path.x, (x, i) => [
        String(i + 1), visible(res.vocab[res.path.token[i]!]), res.path.target[i]! >= 0 ? visible(res.vocab[res.path.target[i]!]) : none,
        formatNumber(lang, x, 3), formatNumber(lang, res.path.y[i]!, 3),
      ]),
    };
  };

  const controls = (
    <div className="tj-controls">
      {cells.length > 1 ? (
        <label>{t('states.pick.model')}{' '}
          <select data-testid="control-trajectory-model" value={model} onChange={(e) => setTrajectoryModel(Number(e.target.value))}>
            {cells.map((c, k) => <option key={c} value={k}>{t(`states.cell.${c}`)}</option>)}
          </select>
        </label>
      ) : null}
      <label>{t('trajectory.color')}{' '}
        <select data-testid="control-trajectory-color" value={color} onChange={(e) => setTrajectoryColor(e.target.value)}>
          <option value="target">{t('trajectory.color.target')}</option>
          <option value="token">{t('trajectory.color.token')}</option>
        </select>
      </label>
      <label>{t('trajectory.points')}{' '}
        <select data-testid="control-trajectory-points" value={points} onChange={(e) => setTrajectoryPoints(e.target.value)}>
          <option value="all">{t('trajectory.points.all')}</option>
          <option value="answer">{t('trajectory.points.answer')}</option>
        </select>
      </label>
    </div>
  );

  return (
    <Panel testId="panel-trajectory" className="wide" title={t('trajectory.title')} explanation={t('trajectory.explain')} summary={summary}
      table={table}>
      {controls}
      {error ? <p className="tj-error" role="alert" data-testid="trajectory-error">{t(error.code, error.params)}</p> : null}
      {r ? null : <p className="panel-waiting" data-testid="trajectory-waiting">{t('trajectory.waiting')}</p>}
      <div ref={host} className="tj-host" data-testid="trajectory-plot" hidden={!r}
        data-points={r?.x.length ?? 0} data-explained={r ? `${r.explained[0].toFixed(4)},${r.explained[1].toFixed(4)}` : ''}
        data-color={color} data-mode={r?.points ?? points} data-step={r?.step ?? 0} data-cell={r?.cell ?? ''} />
      {r ? (
        <div className="tj-readouts">
          <p data-testid="trajectory-explained">
            {t('trajectory.explained', { a: pct(r.explained[0]), b: pct(r.explained[1]), sum: pct(r.explained[0] + r.explained[1]) })}
            {' '}{t('trajectory.separation', { by, pct: pct(r.separation[color]) })}
          </p>
          <p className="tj-note" data-testid="trajectory-source">
            {t('trajectory.source', { points: r.x.length, sequences: r.sequences, layer: r.layers, layers: r.layers, step: r.step })}
          </p>
          <p className="tj-readout" data-testid="trajectory-readout" aria-live="polite">{readout}</p>
        </div>
      ) : null}
    </Panel>
  );
}
