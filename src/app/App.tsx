/**
 * The page: header, lesson pane, the run bar (sticky, with the Settings toggle), the settings when
 * open, notices, then the open chapter's stage (the panels it talks about) and every other panel on
 * one scrolling page. With `embed=1` only a compact run bar and the panels (`show=` picks them); with
 * `console=1` the presenter console; while a console is connected, this window is its stage.
 */
import { ControlsPanel } from '../panels/ControlsPanel';
import { EmbedView } from '../panels/EmbedView';
import { ExportPanel } from '../panels/ExportPanel';
import { GradientPanels } from '../panels/GradientPanels';
import { LessonPane } from '../panels/LessonPane';
import { ModelFilePanel } from '../panels/ModelFilePanel';
import { ModelPanels } from '../panels/ModelPanels';
import { Stage } from '../panels/Stage';
import { StatusBar } from '../panels/StatusBar';
import { Notices } from '../panels/controls/Notices';
import { useT } from '../panels/hooks/useT';
import { useStore } from '../store';
import { chapterOf } from '../store/lessons';
import { PresenterConsole } from '../panels/PresenterConsole';
import { usePresenterStore } from '../store/presenter';
import { Header } from './Header';
import { openStage } from './presenter';
import './presenter.css';

function Panels({ staged }: { staged: boolean }) {
  const t = useT();
  const lesson = useStore((s) => s.lesson);
  const chapter = staged ? chapterOf(lesson) : undefined;
  const focus = chapter?.focus ?? [];
  return (
    <>
      {chapter ? <Stage focus={focus} layout={chapter.stage} /> : null}
      <section className="panels" aria-label={t('app.panels')}>
        <ModelPanels exclude={focus} />
        <GradientPanels exclude={focus} />
        <ModelFilePanel />
        <ExportPanel />
      </section>
    </>
  );
}

export function App() {
  const embed = useStore((s) => s.embed);
  const presenterConsole = useStore((s) => s.presenterConsole);
  const stageMode = usePresenterStore((s) => s.role === 'stage' && s.peer);
  if (presenterConsole) return <PresenterConsole openStage={() => openStage()} />;
  if (embed) {
    return <EmbedView all={<Panels staged={false} />} />;
  }
  return (
    <div className="app" data-stage-mode={stageMode || undefined}>
      <Header />
      <div className="app-layout">
        <LessonPane />
        <main className="app-main">
          <StatusBar />
          <ControlsPanel />
          <Notices />
          <Panels staged />
        </main>
      </div>
    </div>
  );
}
