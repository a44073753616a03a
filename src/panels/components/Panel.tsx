import { useContext, useRef, type ReactNode } from 'react';
import { ExportMenu } from '../export/ExportMenu';
import { PanelVisibilityContext, usePanelVisibility } from '../hooks/panelVisibility';
import { DataTable, type PanelTableSource } from './DataTable';
import { StagedContext } from './staged';

export interface PanelProps {
  /** The panel's data-testid (a contract with the tests). */
  testId: string;
  title: string;
  /** One plain-language sentence: what this panel shows. */
  explanation: string;
  /** Controls shown at the right of the title bar (toggles, selects). */
  actions?: ReactNode;
  /** A text alternative for the chart: one summary sentence of what it currently shows. */
  summary?: string;
  /** The chart's data as a table, shown on demand behind a "show data table" toggle. */
  table?: PanelTableSource;
  children: ReactNode;
  className?: string;
}

/** The common frame of every panel: a titled, labelled region with a one-line explanation and an Export menu. */
export function Panel({ testId, title, explanation, actions, summary, table, children, className }: PanelProps) {
  const titleId = `${testId}-title`;
  const ref = useRef<HTMLElement>(null);
  const visibility = usePanelVisibility(ref);
  const staged = useContext(StagedContext);
  return (
    <PanelVisibilityContext value={visibility}>
      <section ref={ref} className={`panel ${staged ? 'panel-staged' : ''} ${className ?? ''}`} data-testid={testId}
        aria-labelledby={titleId} data-lesson-focus={staged ? '' : undefined}>
        <header className="panel-header">
          <h2 id={titleId} className="panel-title">{title}</h2>
          <div className="panel-actions">{actions}<ExportMenu testId={testId} target={ref} /></div>
        </header>
        <p className="panel-explain" title={staged ? explanation : undefined}>{explanation}</p>
        <div className="panel-body">{children}</div>
        {table ? <DataTable source={table} testId={testId} /> : null}
        {summary ? <p className="visually-hidden" aria-live="polite">{summary}</p> : null}
      </section>
    </PanelVisibilityContext>
  );
}
