import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickLang } from '../i18n';
import { connectWorker, handleWorkerEvent, languageReady, useStore } from '../store';
import { afterNextFrame, startTrainingWorker } from '../worker/client';
import { createWatchedClient } from '../worker/watchdog';
import { App } from './App';
import { registerServiceWorker } from './serviceWorker';
import { startDocumentSync } from './documentSync';
import { startUrlSync } from './urlSync';
import { startConsole, startStage } from './presenter';
import './app.css';

// Composition: the link's state goes into the store first, then the worker starts from it.
const browserLang = pickLang(null, navigator.languages ?? [navigator.language]);
startUrlSync(browserLang);
startDocumentSync();
if (useStore.getState().presenterConsole) {
  // a presenter console drives the stage window and trains nothing itself
  startConsole();
} else {
  // each snapshot is acknowledged once a frame has drawn it: no more snapshots than the page can show;
  // a worker that dies or stops answering is noticed and restarted from the last weights received
  connectWorker(createWatchedClient(handleWorkerEvent, startTrainingWorker, afterNextFrame));
  startStage();
}
registerServiceWorker(() => useStore.setState((s) => ({ notices: [...s.notices, { key: 'notice.update.installed' }] })));

// a page in Chinese draws once its strings are here (their own small file), never half in English
const rootElement = document.getElementById('root');
void languageReady().finally(() => {
  if (rootElement) createRoot(rootElement).render(<StrictMode><App /></StrictMode>);
});
