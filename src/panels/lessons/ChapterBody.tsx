import { chapterOf, currentTry, leaveLesson, resumeLesson, tryThis, useLessonStore } from '../../store/lessons';
import { useT } from '../hooks/useT';
import { LessonText, Inline } from './LessonText';
import { scrollToPanels } from './usePanelFocus';

/** The open chapter: title, short text, the "try this" box, a link to its panels and "leave". */
export function ChapterBody({ lesson }: { lesson: string }) {
  const t = useT();
  const turn = useLessonStore((s) => s.turn);
  const chapter = chapterOf(lesson);
  if (!chapter) return null;
  const action = currentTry(chapter, turn);
  return (
    <article className="lesson-chapter-body" data-testid="lesson-body" aria-labelledby="lesson-chapter-title">
      <h3 id="lesson-chapter-title" className="lesson-heading" data-testid="lesson-title">{t(`lesson.${chapter.id}.title`)}</h3>
      <LessonText className="lesson-text" text={t(`lesson.${chapter.id}.text`)} />
      <div className="lesson-try" role="group" aria-label={t('lesson.tryThis')}>
        <span className="lesson-try-label" aria-hidden="true">{t('lesson.tryThis')}</span>
        <button type="button" className="button primary" data-testid="lesson-try" onClick={tryThis}>{t(action.label)}</button>
        <p className="lesson-watch"><Inline text={t(`lesson.${chapter.id}.watch`)} /></p>
      </div>
      <div className="lesson-actions">
        <button type="button" className="button small" data-testid="lesson-show" onClick={() => scrollToPanels(chapter.focus)}>
          {t('lesson.showPanels')}
        </button>
        <button type="button" className="button small" data-testid="lesson-leave" onClick={leaveLesson}>{t('lesson.leave')}</button>
      </div>
    </article>
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
