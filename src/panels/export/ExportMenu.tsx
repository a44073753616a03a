/**
 * The "Export" menu of a panel's title bar: PNG and SVG of the panel it sits in.
 * Buttons: `export-<testId>-png`, `export-<testId>-svg`.
 */
import { useRef, useState, type RefObject } from 'react';
import { addNotice, useStore } from '../../store';
import { exportFileBase } from '../../store/exportData';
import { useT } from '../hooks/useT';
import { downloadBlob, safeFileName } from './download';
import { exportPanelPng, exportPanelSvg } from './panelImage';
import './export.css';

export interface ExportMenuProps {
  /** The panel's data-testid (names the buttons and the files). */
  testId: string;
  /** The panel's `<section>`. */
  target: RefObject<HTMLElement | null>;
}

export function ExportMenu({ testId, target }: ExportMenuProps) {
  const t = useT();
  const details = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState(false);

  const run = async (kind: 'png' | 'svg') => {
    const section = target.current;
    if (!section || busy) return;
    setBusy(true);
    try {
      const blob = kind === 'svg' ? await exportPanelSvg(section) : await exportPanelPng(section, 2);
      const name = safeFileName(exportFileBase(testId.replace(/^panel-/, ''), useStore.getState()));
      downloadBlob(blob, `${name}.${kind}`);
    } catch (e) {
      addNotice({ key: 'export.failed', params: { reason: e instanceof Error ? e.message : String(e) } });
    } finally {
      setBusy(false);
      if (details.current) details.current.open = false;
    }
  };

  return (
    <details ref={details} className="panel-export">
      <summary className="button small" title={t('export.menu.label')} data-testid={`export-${testId}`}>
        {t('export.menu')}
      </summary>
      <div className="panel-export-menu">
        <button type="button" className="button small" disabled={busy} data-testid={`export-${testId}-png`}
          title={t('export.png.label')} onClick={() => void run('png')}>{t('export.png')}</button>
        <button type="button" className="button small" disabled={busy} data-testid={`export-${testId}-svg`}
          title={t('export.svg.label')} onClick={() => void run('svg')}>{t('export.svg')}</button>
      </div>
    </details>
  );
}
