import { useEffect, useId, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../hooks/useT';
import '../lecture/lecture.css';

/** A chart's data as a table: a caption, column headers and rows of already formatted cells (the first names the row). */
export interface PanelTable {
  caption: string;
  cols: string[];
  rows: string[][];
}

/** A table, or a function that builds it from the current state (null while there is no data). */
export type PanelTableSource = PanelTable | (() => PanelTable | null);

/** While the table is shown, it is rebuilt at most this often as the data changes. */
const REFRESH_MS = 1000;

function build(source: PanelTableSource): PanelTable | null {
  return typeof source === 'function' ? source() : source;
}

/**
 * The "show data table" toggle of a panel and, when on, the chart's data as an HTML table (the text
 * alternative on demand). A function source is rebuilt from the store while the table is open.
 */
export function DataTable({ source, testId }: { source: PanelTableSource; testId: string }) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [, setTick] = useState(0);
  const live = open && typeof source === 'function';

  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useStore.subscribe(() => {
      if (timer === undefined) timer = setTimeout(() => {
        timer = undefined;
        setTick((n) => n + 1);
      }, REFRESH_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [live]);
  const table = open ? build(source) : null;

  return (
    <>
      <button type="button" className="button small panel-table-toggle" data-testid={`${testId}-table-toggle`}
        aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? t('lecture.table.hide') : t('lecture.table.show')}
      </button>
      <div id={id} hidden={!open}>
        {open && table && table.rows.length > 0 ? (
          <div className="panel-table-wrap" tabIndex={0} role="region" aria-label={table.caption}>
            <table className="panel-table" data-testid={`${testId}-table`}>
              <caption>{table.caption}</caption>
              <thead><tr>{table.cols.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr></thead>
              <tbody>
                {table.rows.map((row, r) => (
                  <tr key={r}>{row.map((cell, c) => (c === 0 ? <th key={c} scope="row">{cell}</th> : <td key={c}>{cell}</td>))}</tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : open ? <p className="panel-explain" data-testid={`${testId}-table`}>{t('lecture.table.empty')}</p> : null}
      </div>
    </>
  );
}
