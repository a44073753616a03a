import { useEffect, useId, useRef, useState } from 'react';
import { requestGradCheck, useStore } from '../store';
import { createGradCheckGauge, type GradCheckGauge } from '../viz/gradcheck';
import {
  clampIndex, formatGrad, formatRelError, paramChoices, verdictOf,
} from '../viz/gradcheckMath';
import { Panel } from './components/Panel';
import { useT } from './hooks/useT';
import { useTextScale } from './hooks/useTextScale';

const DEFAULT_KEY = 'rnn.weight_hh_l0';

/**
 * Panel 5: pick one weight entry (state-dict key, row, column), run a finite-difference check in the
 * worker, and show the BPTT gradient beside the numeric estimate with their relative error.
 */
export function GradCheckPanel() {
  const t = useT();
  const textScale = useTextScale();
  const id = useId();
  // in compare mode: the model of the chosen cell (the same one the spectral lens shows)
  const modelIndex = useStore((s) => Math.max(0, (s.snapshot?.models ?? []).findIndex((m) => m.cell === s.config.cell)));
  const shape = useStore((s) => {
    const m = s.snapshot?.models[modelIndex];
    return m ? `${m.cell}/${m.layers}/${m.hidden}/${m.vocabSize}` : '';
  });
  const compare = useStore((s) => (s.snapshot?.models.length ?? 0) > 1);
  const result = useStore((s) => s.gradCheck);
  const error = useStore((s) => s.error);
  const [key, setKey] = useState(DEFAULT_KEY);
  const [row, setRow] = useState(0);
  const [col, setCol] = useState(0);
  const [asked, setAsked] = useState<{ key: string; row: number; col: number } | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const gauge = useRef<GradCheckGauge | null>(null);

  const [cell, layers, hidden, vocab] = shape.split('/');
  const choices = shape ? paramChoices(cell as 'rnn' | 'lstm' | 'gru', Number(layers), Number(hidden), Number(vocab)) : [];
  const choice = choices.find((c) => c.key === key) ?? choices.find((c) => c.key === DEFAULT_KEY) ?? choices[0];
  const r = choice ? clampIndex(row, choice.rows) : 0;
  const c = choice ? clampIndex(col, choice.cols) : 0;
  const shown = result && asked && result.key === asked.key && result.row === asked.row && result.col === asked.col ? result : null;
  const pending = !!asked && !shown && !error;

  useEffect(() => {
    if (!host.current) return;
    gauge.current = createGradCheckGauge(host.current, {
      label: t('gradients.gradcheck.gaugeLabel'), passLabel: t('gradients.gradcheck.passLabel'), textScale,
    });
    return () => {
      gauge.current?.destroy();
      gauge.current = null;
    };
  }, [t, textScale]);
  useEffect(() => {
    gauge.current?.update(shown ? shown.relError : null);
  }, [shown, t, textScale]);

  const run = () => {
    if (!choice) return;
    setAsked({ key: choice.key, row: r, col: c });
    requestGradCheck(choice.key, r, c, compare ? modelIndex : undefined);
  };
  const verdict = shown ? verdictOf(shown.relError) : null;
  return (
    <Panel testId="panel-gradcheck" title={t('gradients.gradcheck.title')} explanation={t('gradients.gradcheck.explain')}
      summary={verdict ? t(`gradients.gradcheck.${verdict}`) : undefined}>
      <div className="grad-gradcheck">
        {choice ? (
          <div className="grad-controls">
            <label htmlFor={`${id}-k`}>{t('gradients.gradcheck.param')}</label>
            <select id={`${id}-k`} data-testid="gradcheck-key" value={choice.key} onChange={(e) => setKey(e.target.value)}>
              {choices.map((p) => <option key={p.key} value={p.key}>{p.key}</option>)}
            </select>
            <span className="grad-muted">{t('gradients.gradcheck.shape', { rows: choice.rows, cols: choice.cols })}</span>
            <label htmlFor={`${id}-r`}>{t('gradients.gradcheck.row')}</label>
            <input id={`${id}-r`} type="number" data-testid="gradcheck-row" min={0} max={choice.rows - 1} step={1}
              value={r} onChange={(e) => setRow(Number(e.target.value))} />
            {choice.cols > 1 ? (
              <>
                <label htmlFor={`${id}-c`}>{t('gradients.gradcheck.col')}</label>
                <input id={`${id}-c`} type="number" data-testid="gradcheck-col" min={0} max={choice.cols - 1} step={1}
                  value={c} onChange={(e) => setCol(Number(e.target.value))} />
              </>
            ) : null}
            <button type="button" className="button" data-testid="gradcheck-run" onClick={run} disabled={pending}>
              {pending ? t('gradients.gradcheck.running') : t('gradients.gradcheck.run')}
            </button>
          </div>
        ) : <p className="grad-pending">{t('gradients.waiting')}</p>}
        <table className="grad-table">
          <caption>
            {shown ? t('gradients.gradcheck.entry', { key: shown.key, row: shown.row, col: shown.col }) : t('gradients.gradcheck.none')}
            {shown && compare ? ` · ${t(`gradients.cell.${cell}`)}` : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('gradients.gradcheck.analytic')}</th>
              <th scope="col">{t('gradients.gradcheck.numeric')}</th>
              <th scope="col">{t('gradients.gradcheck.relError')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td data-testid="readout-grad-analytic">{shown ? formatGrad(shown.analytic) : '—'}</td>
              <td data-testid="readout-grad-numeric">{shown ? formatGrad(shown.numeric) : '—'}</td>
              <td data-testid="readout-grad-relerror" data-value={shown ? String(shown.relError) : ''}
                className={verdict ? `verdict-${verdict}` : undefined}>{shown ? formatRelError(shown.relError) : '—'}</td>
            </tr>
          </tbody>
        </table>
        <div className="grad-gauge" ref={host} />
        <p className="grad-muted">{t('gradients.gradcheck.formula')}</p>
        {verdict ? <p className="grad-note" role="status">{t(`gradients.gradcheck.${verdict}`)}</p> : null}
      </div>
    </Panel>
  );
}
