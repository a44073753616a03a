import { useEffect, useRef } from 'react';
import {
  CHAPTERS, chapterIndex, chapterOf, fasterPace, leaveLesson, nextBeat, resumeLesson, tryThis, useLessonStore,
  type Chapter,
} from '../../store/lessons';
import { useT } from '../hooks/useT';
import { LessonText, Inline } from './LessonText';
import { Prediction } from './Prediction';
import { useAfterBeatLabel } from './useAfterBeatLabel';
import { scrollToStage } from './stageScroll';
import { useSweepStore } from '../../store/sweep';

/**
 * The open chapter: title, text and what to watch (scrolling within the pane), then, pinned at the
 * pane's foot so it is always in view, the question to predict, the "try this" button with the beat
 * it runs next and the one after, the pace, and the way out to free play.
 */
export function ChapterBody({ lesson }: { lesson: string }) {
  const t = useT();
  const chapter = chapterOf(lesson);
  const watchRef = useRef<HTMLParagraphElement>(null);
  const turn = useLessonStore((s) => s.turn);
  // once the first beat has run, what to watch is what matters: the pane scrolls it into view, just
  // above the pinned question and "try this" (the text above it stays a scroll away)
  useEffect(() => {
    const watch = watchRef.current;
    const pane = watch?.closest<HTMLElement>('.lesson-pane');
    if (turn !== 1 || !watch || !pane) return;
    const act = pane.querySelector<HTMLElement>('.lesson-act');
    const paneBox = pane.getBoundingClientRect();
    const visibleBottom = (act ? act.getBoundingClientRect().top : paneBox.bottom) - 8;
    const box = watch.getBoundingClientRect();
    if (box.bottom > visibleBottom) pane.scrollTop += Math.min(box.bottom - visibleBottom, box.top - paneBox.top);
  }, [turn, lesson]);
  if (!chapter) return null;
  return (
    <article className="lesson-chapter-body" data-testid="lesson-body" aria-labelledby="lesson-chapter-title">
      <div className="lesson-reading">
        <p className="lesson-kicker">{t('lesson.pane.progress', { n: chapterIndex(chapter.id) + 1, total: CHAPTERS.length })}</p>
        <h3 id="lesson-chapter-title" className="lesson-heading" data-testid="lesson-title">{t(`lesson.${chapter.id}.title`)}</h3>
        <LessonText className="lesson-text" text={t(`lesson.${chapter.id}.text`)} />
        <p className="lesson-watch" ref={watchRef} data-testid="lesson-watch">
          <span className="lesson-watch-label">{t('lesson.watch')}</span> <Inline text={t(`lesson.${chapter.id}.watch`)} />
        </p>
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

/** The "try this" box: the button (the next beat, or "again"), which beat it is, and what comes after it. */
function TryThis({ chapter }: { chapter: Chapter }) {
  const t = useT();
  const turn = useLessonStore((s) => s.turn);
  const beat = nextBeat(chapter, turn);
  const total = chapter.beats.length;
  // a repeating last beat goes on (one more time step), so it is not "again" from the start
  // (re-rendered as a step-through moves on: its last press names what it does)
  useSweepStore((s) => s.cursor);
  const repeatLabel = !beat ? chapter.repeatLastBeat?.label?.() ?? null : null;
  const label = beat ? t(beat.label)
    : repeatLabel ? t(repeatLabel)
    : chapter.repeatLastBeat ? t(chapter.beats[total - 1]!.label)
      : t('lesson.beat.again', { label: t(chapter.beats[0]!.label) });
  const after = useAfterBeatLabel(chapter);
  return (
    <div className="lesson-try" role="group" aria-label={t('lesson.tryThis')}>
      <div className="lesson-try-head">
        <span className="lesson-try-label">{t('lesson.tryThis')}</span>
        <PaceButton />
      </div>
      <button type="button" className="button primary lesson-try-button" data-testid="lesson-try" onClick={tryThis}>{label}</button>
      <p className="lesson-then">
        {total > 1 ? (
          <span data-testid="lesson-beat-count">{t('lesson.beat.count', { n: Math.min(turn + 1, total), total })} · </span>
        ) : null}
        <span data-testid="lesson-then">{t('lesson.beat.then', { label: after })}</span>
      </p>
    </div>
  );
}

/** The pace of the open chapter: its own speed, 4× faster, or as fast as the machine goes. */
function PaceButton() {
  const t = useT();
  const pace = useLessonStore((s) => s.pace);
  return (
    <button type="button" className="button small lesson-faster" data-testid="lesson-faster" data-pace={pace} onClick={fasterPace}
      title={t('lesson.pace.hint')}>
      {t('lesson.pace.label', { pace: t(`lesson.pace.${pace}`) })}
    </button>
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
