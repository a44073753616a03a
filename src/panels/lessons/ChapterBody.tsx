import { useId } from 'react';
import {
  chapterOf, fasterPace, leaveLesson, nextBeat, resumeLesson, tryThis, useLessonStore,
  type Chapter,
} from '../../store/lessons';
import { useT } from '../hooks/useT';
import { LessonText, Inline } from './LessonText';
import { Prediction } from './Prediction';
import { useNextBeatLabel } from './useNextBeatLabel';
import { scrollToStage } from './stageScroll';

/**
 * The open chapter: title and text (scrolling within the pane), then, pinned at the pane's foot so it
 * is always in view, the question to predict, the "try this" button with the beat it runs next, what
 * to watch, the pace, and the way out to free play.
 */
export function ChapterBody({ lesson }: { lesson: string }) {
  const t = useT();
  const chapter = chapterOf(lesson);
  if (!chapter) return null;
  return (
    <article className="lesson-chapter-body" data-testid="lesson-body" aria-labelledby="lesson-chapter-title">
      <div className="lesson-reading">
        <h3 id="lesson-chapter-title" className="lesson-heading" data-testid="lesson-title">{t(`lesson.${chapter.id}.title`)}</h3>
        <LessonText className="lesson-text" text={t(`lesson.${chapter.id}.text`)} />
      </div>
      <div className="lesson-act">
        {chapter.predict ? <Prediction chapter={chapter} /> : null}
        <TryThis chapter={chapter} />
        <div className="lesson-actions">
          <button type="button" className="button small" data-testid="lesson-show" onClick={() => scrollToStage(chapter.focus)}>
            {t('lesson.showPanels')}
          </button>
          <button type="button" className="button small" data-testid="lesson-leave" onClick={leaveLesson}>{t('lesson.leave')}</button>
        </div>
      </div>
    </article>
  );
}

/** The "try this" box: the button (next beat, or "again"), the beat count, what comes next, the pace. */
function TryThis({ chapter }: { chapter: Chapter }) {
  const t = useT();
  const watchId = useId();
  const turn = useLessonStore((s) => s.turn);
  const pace = useLessonStore((s) => s.pace);
  const beat = nextBeat(chapter, turn);
  const total = chapter.beats.length;
  const label = beat ? t(beat.label) : t('lesson.beat.again', { label: t(chapter.beats[0]!.label) });
  const nextLabel = useNextBeatLabel(chapter);
  return (
    <div className="lesson-try" role="group" aria-label={t('lesson.tryThis')}>
      <div className="lesson-try-head">
        <span className="lesson-try-label">{t('lesson.tryThis')}</span>
        <span className="lesson-beat-count" data-testid="lesson-beat-count">
          {t('lesson.beat.count', { n: Math.min(turn + 1, total), total })}
        </span>
      </div>
      <button type="button" className="button primary lesson-try-button" data-testid="lesson-try" aria-describedby={watchId}
        onClick={tryThis}>{label}</button>
      <p className="lesson-next-beat" data-testid="lesson-next-beat">{t('lesson.beat.next', { label: nextLabel })}</p>
      <p className="lesson-watch" id={watchId}><Inline text={t(`lesson.${chapter.id}.watch`)} /></p>
      <button type="button" className="button small lesson-faster" data-testid="lesson-faster" onClick={fasterPace}
        data-pace={pace}>
        {t('lesson.pace.label', { pace: t(`lesson.pace.${pace}`) })}
      </button>
    </div>
  );
}

/** Free play: a short invitation and the button that resumes the chapter left (or starts the tour). */
export function FreePlay() {
  const t = useT();
  const last = useLessonStore((s) => s.last);
  const left = chapterOf(last);
  return (
    <div className="lesson-free" data-testid="lesson-free">
      <p className="lesson-text">{t('lesson.free')}</p>
      {left ? <p className="lesson-text">{t('lesson.free.resume', { title: t(`lesson.${left.id}.title`) })}</p> : null}
      <button type="button" className="button primary" data-testid="lesson-resume" onClick={resumeLesson}>
        {left ? t('lesson.resume') : t('lesson.start')}
      </button>
    </div>
  );
}
