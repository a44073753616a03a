import { useCallback, useEffect, useRef } from 'react';
import { formatNumber } from '../i18n';
import { select, useStore, type AppState } from '../store';
import { equationRows, readouts, type Quantity } from '../viz/equationTerms';
import { focusStep, lossSteps } from '../viz/unrolledLayout';
import { Panel } from './components/Panel';
import { placeWords, shown } from './counting';
import { hoveredQuantity, setEquationHover } from './equationHover';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';
import { pickTrace } from './modelTrace';
import { Tex } from './Tex';

const watched = (s: AppState) => [s.snapshot, s.flowModel, s.hoverStep, s.selectedStep, s.hoverUnit, s.selectedUnit, s.layer, s.lang];
const marks = (s: AppState) => hoveredQuantity(s);

/**
 * Panel 7: the current cell's equations typeset with KaTeX. Hovering a term highlights the matching
 * part of the unrolled diagram; below, the numbers of the focused step and unit plugged in.
 */
export function EquationsPanel() {
  const t = useT();
  const cell = useStore((s) => pickTrace(s)?.trace.cell ?? s.config.cell);
  const nonlinearity = useStore((s) => s.config.nonlinearity);
  const hidden = useStore((s) => pickTrace(s)?.trace.hidden ?? s.config.hidden);
  // the unit the numbers below are for: the hovered one while the pointer is on a unit, else the selected one
  const unit = useStore((s) => s.hoverUnit ?? s.selectedUnit ?? 0);
  const rows = equationRows(cell, nonlinearity);
  const eqBox = useRef<HTMLDivElement>(null);
  const numbers = useRef<HTMLDivElement>(null);
  const where = useRef<HTMLParagraphElement>(null);
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  });

  const draw = useCallback(() => {
    const s = useStore.getState();
    const p = pickTrace(s);
    const box = numbers.current;
    if (!p || !box || !where.current) return;
    const { trace, ctx } = p;
    const step = focusStep(s.hoverStep, s.selectedStep, lossSteps(ctx.shape, trace.T, trace.targets));
    const j = Math.min(trace.hidden - 1, Math.max(0, s.hoverUnit ?? s.selectedUnit ?? 0));
    const l = Math.min(trace.layers - 1, Math.max(0, s.layer));
    where.current.textContent = tRef.current('equations.where', { where: placeWords(tRef.current, step, j), layer: shown(l) });
    const list = readouts(trace, l, step, j, (v) => formatNumber(s.lang, v, 3), s.config.nonlinearity);
    while (box.children.length > list.length) box.lastElementChild!.remove();
    while (box.children.length < list.length) {
      const row = document.createElement('div');
      row.className = 'eq-readout';
      const sym = document.createElement('span');
      sym.className = 'eq-symbol';
      row.append(sym, document.createElement('span'));
      row.addEventListener('pointerenter', () => setEquationHover((row.dataset.part as Quantity) ?? null));
      row.addEventListener('pointerleave', () => setEquationHover(null));
      box.append(row);
    }
    list.forEach((r, i) => {
      const row = box.children[i] as HTMLDivElement;
      row.dataset.part = r.part;
      row.dataset.value = String(r.value);
      const [sym, text] = row.children as unknown as [HTMLSpanElement, HTMLSpanElement];
      if (sym.textContent !== r.label) sym.textContent = r.label;
      const value = ` ${r.text}`;
      if (text.textContent !== value) text.textContent = value;
    });
  }, []);

  const mark = useCallback(() => {
    const q = hoveredQuantity(useStore.getState());
    for (const root of [eqBox.current, numbers.current]) {
      root?.querySelectorAll<HTMLElement>('[data-part]').forEach((el) => el.classList.toggle('is-part', el.dataset.part === q));
    }
    eqBox.current?.querySelectorAll<HTMLElement>('[data-defines]').forEach((el) => el.classList.toggle('is-active', el.dataset.defines === q));
  }, []);

  useEffect(() => {
    draw();
    mark();
  }, [rows.length, cell, t, draw, mark]);
  useFrameSubscription(watched, draw);
  useFrameSubscription(marks, mark, { light: true });

  const unitPicker = (
    <label className="eq-unit">
      {t('equations.unit')}
      <input type="number" min={1} max={hidden} value={shown(Math.min(unit, hidden - 1))} data-testid="equations-unit"
        onChange={(e) => {
          const v = Math.round(Number(e.target.value)) - 1;
          if (Number.isFinite(v)) select(useStore.getState().selectedStep, Math.max(0, Math.min(hidden - 1, v)));
        }} />
    </label>
  );
  return (
    <Panel testId="panel-equations" title={t('equations.title')} explanation={t('equations.explain')}
      actions={unitPicker} summary={t(cell === 'rnn' && nonlinearity === 'relu' ? 'equations.summary.rnn.relu' : `equations.summary.${cell}`)}>
      <div ref={eqBox} className="equations" onPointerLeave={() => setEquationHover(null)}>
        {rows.map((row) => (
          <div key={`${cell}-${row.defines}`} className="eq-row" data-defines={row.defines}>
            {row.terms.map((term, i) => term.part ? (
              <span key={i} className="eq-term" data-part={term.part} tabIndex={0} role="group" aria-label={t(`equations.part.${term.part}`)}
                title={t(`equations.part.${term.part}`)}
                onPointerEnter={() => setEquationHover(term.part)} onFocus={() => setEquationHover(term.part)}
                onBlur={() => setEquationHover(null)}>
                <Tex tex={term.tex} />
              </span>
            ) : <Tex key={i} tex={term.tex} className="eq-op" />)}
          </div>
        ))}
      </div>
      <p ref={where} className="eq-where" />
      <div ref={numbers} className="eq-readouts" data-testid="equations-readouts" />
    </Panel>
  );
}
