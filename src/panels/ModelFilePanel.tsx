import { useId, useState, type DragEvent } from 'react';
import { useStore } from '../store';
import {
  cancelModelFile, downloadModel, loadPretrained, pretrainedAvailable, readModelFile, useModelFile,
} from '../store/modelFile';
import type { ModelSnapshot } from '../store';
import { Panel } from './components/Panel';
import { GradientModelSelect } from './GradientModelSelect';
import { useT } from './hooks/useT';
import './modelFile.css';

/** Hands a picked or dropped file to the store, which reads it off the page's thread. */
function readFile(file: File): void {
  readModelFile(file, file.name);
}

/** Saves text as a file through a temporary object URL. */
function saveFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Model files: pick or drop a PyTorch model (JSON), download the current weights, or load the
 * shipped trained network of the current task and cell. Says what was loaded or why not.
 */
export function ModelFilePanel() {
  const t = useT();
  const id = useId();
  const status = useModelFile();
  const canPretrain = useStore((s) => pretrainedAvailable(s.config));
  // compare mode: which of the models the download saves (a joined string keeps the selector stable)
  const cells = useStore((s) => s.snapshot?.models.map((m) => m.cell).join(',') ?? '');
  const models = cells ? cells.split(',').map((cell) => ({ cell: cell as ModelSnapshot['cell'] })) : [];
  const [chosen, setChosen] = useState(0);
  const which = Math.min(chosen, Math.max(0, models.length - 1));
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) readFile(file);
  };
  const message = status.kind === 'idle' ? '' : t(status.key, { ...status.params, name: status.name });
  return (
    <Panel testId="panel-model-file" title={t('files.title')} explanation={t('files.explain')}>
      <div className="model-file">
        <div className={`model-file-drop${over ? ' is-over' : ''}`} data-testid="model-file-drop" aria-label={t('files.dropLabel')}
          onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
          <label htmlFor={`${id}-file`} className="model-file-pick">{t('files.pick')}</label>
          <input id={`${id}-file`} type="file" accept=".json,application/json" data-testid="model-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) readFile(file);
              e.target.value = '';
            }} />
          <span className="model-file-hint">{t('files.drop')}</span>
        </div>
        <div className="model-file-actions">
          <GradientModelSelect models={models} value={which} onChange={setChosen} testId="control-download-which" label={t('files.whichModel')} />
          <button type="button" data-testid="control-download-model"
            onClick={() => void downloadModel(models.length > 1 ? which : undefined).then((d) => saveFile(d.fileName, d.json))}>
            {t('files.download')}
          </button>
          <button type="button" data-testid="control-pretrained" disabled={!canPretrain}
            title={canPretrain ? undefined : t('files.pretrainedNone')} onClick={() => void loadPretrained()}>
            {t('files.pretrained')}
          </button>
        </div>
        {message ? (
          <div className={`model-file-status is-${status.kind}`} data-testid="model-file-status" data-kind={status.kind}
            data-code={status.key} role="status" aria-live="polite">
            <p>{message}</p>
            {status.kind === 'pending' && status.key === 'files.reading' ? (
              <button type="button" className="button small" data-testid="control-cancel-model-file" onClick={cancelModelFile}>
                {t('files.cancel')}
              </button>
            ) : null}
            {status.kind === 'rejected' ? (
              <p>{status.name ? t('files.rejected', { name: status.name }) : t('files.rejectedNoName')}</p>
            ) : null}
            {status.kind === 'accepted' && status.notes.length > 0 ? (
              <>
                <p>{t('files.notes')}</p>
                <ul>{status.notes.map((n) => <li key={n}>{t(n)}</li>)}</ul>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </Panel>
  );
}
