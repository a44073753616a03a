/**
 * The presenter console (`console=1`), for the lecturer's own screen: whether the stage is there,
 * the chapter on the stage and its notes, the beat PageDown runs next, what the stage is doing, a
 * clock, and the controls. Every press goes to the stage through `pressPresenter` (the app carries it
 * over); the console itself never trains.
 */
import { useEffect, useState } from 'react';
import { addStrings, formatNumber } from '../i18n';
import { CHAPTERS, chapterIndex, chapterOf } from '../store/lessons';
import { pressPresenter, usePresenterStore, type PresenterCommand, type StageReport } from '../store/presenter';
import { useT } from './hooks/useT';
import { LessonText } from './lessons/LessonText';
import { ConsoleClock } from './presenter/ConsoleClock';
import './presenter/console.css';

/** What the stage's PageDown does next: the chapter's next beat, or after its last the next chapter. */
function useNextLabel(report: StageReport | null): string {
  const t = useT();
  const chapter = chapterOf(report?.lesson);
  const beat = chapter?.beats[report?.turn ?? 0] ?? (report?.repeating ? chapter?.beats.at(-1) : undefined);
  if (chapter && beat) return t(beat.label);
  const next = CHAPTERS[chapter ? chapterIndex(chapter.id) + 1 : 0];
  return next ? t('lesson.beat.nextChapter', { n: chapterIndex(next.id) + 1, title: t(`lesson.${next.id}.title`) }) : t('lesson.beat.end');
}

function Control({ command, testId, label, primary, pressed }: {
  command: PresenterCommand; testId: string; label: string; primary?: boolean; pressed?: boolean;
}) {
  return (
    <button type="button" className={`button${primary ? ' primary' : ''}`} data-testid={testId} aria-pressed={pressed}
      onClick={() => pressPresenter(command)}>
      {label}
    </button>
  );
}

/** The notes load with the console (the stage page does not carry them); true once they are in the tables. */
function useNotes(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void import('../i18n/notes').then(({ notes }) => {
      addStrings(notes);
      if (live) setReady(true);
    });
    return () => { live = false; };
  }, []);
  return ready;
}

export function PresenterConsole({ openStage }: { openStage: () => void }) {
  const t = useT();
  const notesReady = useNotes();
  const peer = usePresenterStore((s) => s.peer);
  const report = usePresenterStore((s) => s.report);
  const chapter = chapterOf(report?.lesson);
  const next = useNextLabel(report);
  const total = chapter?.beats.length ?? 0;
  const turn = Math.min(report?.turn ?? 0, total);
  const lang = report?.lang ?? 'en';
  const running = report?.running ?? false;
  const loss = report?.loss === null || report?.loss === undefined ? '—' : formatNumber(lang, report.loss, 3);
  return (
    <main className="console" data-testid="console" data-connected={peer} aria-labelledby="console-title">
      <header className="console-header">
        <h1 id="console-title" className="console-title">{t('presenter.title')}</h1>
        <p className="console-status" role="status" data-testid="console-status">
          {peer ? t('presenter.connected') : t('presenter.disconnected')}
        </p>
        {peer ? null : (
          <button type="button" className="button" data-testid="console-open-stage" onClick={openStage}>{t('presenter.openStage')}</button>
        )}
        <ConsoleClock />
      </header>

      <section className="console-now" aria-labelledby="console-chapter">
        <p className="console-kicker">
          {chapter ? t('presenter.chapter', { n: chapterIndex(chapter.id) + 1, total: CHAPTERS.length }) : t('presenter.free')}
        </p>
        <h2 id="console-chapter" className="console-chapter" data-testid="console-chapter">
          {chapter ? t(`lesson.${chapter.id}.title`) : t('presenter.free')}
        </h2>
        {chapter ? (
          <p className="console-beat" data-testid="console-beat" data-turn={turn}>
            {turn === 0 ? t('presenter.beat.none') : turn >= total ? t('presenter.beat.done', { total }) : t('presenter.beat', { n: turn, total })}
          </p>
        ) : null}
        <p className="console-next" data-testid="console-next">{t('presenter.next', { label: next })}</p>
        {peer ? (
          <p className="console-run" data-testid="console-run" data-running={running} data-step={report?.step ?? 0}>
            <span className="console-run-label">{t('presenter.run')}: </span>
            {t('presenter.run.state', {
              state: running ? t('presenter.running') : t('presenter.paused'), step: report?.step ?? 0, loss,
            })}
          </p>
        ) : null}
      </section>

      <nav className="console-controls" aria-label={t('presenter.controls')}>
        <Control command="prevLesson" testId="console-prev-chapter" label={t('presenter.prevChapter')} />
        <Control command="backBeat" testId="console-back-beat" label={t('presenter.backBeat')} />
        <Control command="togglePlay" testId="console-play" label={running ? t('controls.pause') : t('controls.play')} pressed={running} />
        <Control command="step" testId="console-step" label={t('controls.step')} />
        <Control command="reset" testId="console-reset" label={t('controls.reset')} />
        <Control command="forwardBeat" testId="console-next-beat" label={t('presenter.nextBeat')} primary />
        <Control command="nextLesson" testId="console-next-chapter" label={t('presenter.nextChapter')} />
      </nav>

      <section className="console-notes" data-testid="console-notes" aria-labelledby="console-notes-title">
        <h2 id="console-notes-title" className="console-notes-title">{t('presenter.notes')}</h2>
        <LessonText className="console-notes-text" text={!notesReady ? '' : chapter ? t(`lesson.${chapter.id}.notes`) : t('presenter.free.notes')} />
      </section>
      <p className="console-keys">{t('presenter.keys')}</p>
    </main>
  );
}
