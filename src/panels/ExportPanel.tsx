/**
 * The data exports: the run (settings with the seed, loss and gradient-norm history) as JSON, and
 * the activations and gradients of the sequence the panels show as tidy CSV or nested JSON.
 * Files are named `unrolled-<kind>-<cell>-<task>-step<N>.<ext>`.
 */
import { useRef } from 'react';
import { translate } from '../i18n';
import { useStore } from '../store';
import { activationsToCsv, activationsToJson, csvRowCount, exportFileBase, runToJson } from '../store/exportData';
import { downloadBlob, safeFileName } from './export/download';
import './export/export.css';
import { useFrameSubscription } from './hooks/useFrameSubscription';
import { useT } from './hooks/useT';

function save(kind: 'run' | 'activations-csv' | 'activations-json'): void {
  const s = useStore.getState();
  const base = (k: string) => safeFileName(exportFileBase(k, s));
  if (kind === 'run') {
    downloadBlob(new Blob([JSON.stringify(runToJson(s), null, 1)], { type: 'application/json' }), `${base('run')}.json`);
    return;
  }
  if (!s.snapshot) return;
  if (kind === 'activations-csv') {
    downloadBlob(new Blob([activationsToCsv(s.snapshot)], { type: 'text/csv;charset=utf-8' }), `${base('activations')}.csv`);
  } else {
    downloadBlob(new Blob([JSON.stringify(activationsToJson(s.snapshot))], { type: 'application/json' }), `${base('activations')}.json`);
  }
}

export function ExportPanel() {
  const t = useT();
  const ready = useStore((s) => s.snapshot !== null);
  const note = useRef<HTMLParagraphElement>(null);
  // the step changes with every snapshot: written straight into the note, without a React render
  useFrameSubscription((s) => [s.snapshot, s.lang], (_, s) => {
    if (!note.current) return;
    const text = s.snapshot
      ? translate(s.lang, 'export.summary', { step: s.snapshot.models[0]?.step ?? 0, rows: csvRowCount(s.snapshot) })
      : translate(s.lang, 'export.waiting');
    if (note.current.textContent !== text) note.current.textContent = text;
  }, { light: true });
  return (
    <section className="panel export-panel" data-testid="panel-export" aria-labelledby="panel-export-title">
      <header className="panel-header">
        <h2 id="panel-export-title" className="panel-title">{t('export.title')}</h2>
      </header>
      <p className="panel-explain">{t('export.explain')}</p>
      <div className="panel-body export-buttons">
        <button type="button" className="button small" data-testid="export-run" title={t('export.run.label')}
          onClick={() => save('run')}>{t('export.run')}</button>
        <button type="button" className="button small" data-testid="export-activations-csv" disabled={!ready}
          title={t('export.activations.csv.label')} onClick={() => save('activations-csv')}>{t('export.activations.csv')}</button>
        <button type="button" className="button small" data-testid="export-activations-json" disabled={!ready}
          title={t('export.activations.json.label')} onClick={() => save('activations-json')}>{t('export.activations.json')}</button>
      </div>
      <p ref={note} className="export-note" aria-live="polite" />
    </section>
  );
}
