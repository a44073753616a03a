/**
 * The page: header, lesson pane, the run bar (sticky), notices, settings, then every panel on one
 * scrolling page.
 * With `embed=1` only the panels are shown.
 */
import { ControlsPanel } from '../panels/ControlsPanel';
import { ExportPanel } from '../panels/ExportPanel';
import { GradientPanels } from '../panels/GradientPanels';
import { LessonPane } from '../panels/LessonPane';
import { ModelFilePanel } from '../panels/ModelFilePanel';
import { ModelPanels } from '../panels/ModelPanels';
import { StatusBar } from '../panels/StatusBar';
import { Notices } from '../panels/controls/Notices';
import { useT } from '../panels/hooks/useT';
import { useStore } from '../store';
import { Header } from './Header';

function Panels() {
  const t = useT();
  return (
    <section className="panels" aria-label={t('app.panels')}>
      <ModelPanels />
      <GradientPanels />
      <ModelFilePanel />
      <ExportPanel />
    </section>
  );
}

export function App() {
  const embed = useStore((s) => s.embed);
  if (embed) {
    return <main className="app app-embed"><Panels /></main>;
  }
  return (
    <div className="app">
      <Header />
      <div className="app-layout">
        <LessonPane />
        <main className="app-main">
          <StatusBar />
          <Notices />
          <ControlsPanel />
          <Panels />
        </main>
      </div>
    </div>
  );
}
