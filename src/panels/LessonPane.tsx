import { useEffect, useId, useRef } from 'react';
import { useStore } from '../store';
import {
  CHAPTERS, chapterIndex, focusPanels, nextLesson, prevLesson, setLessonCollapsed, startLessonFromLink, useLessonStore,
} from '../store/lessons';
import { useT } from './hooks/useT';
import { ChapterBody, FreePlay } from './lessons/ChapterBody';
import { ChapterList } from './lessons/ChapterList';
import { useStageScroll } from './lessons/stageScroll';
import './lessons.css';

/**
 * The lesson pane, on every view: a header (title, progress, collapse), previous / next and the
 * chapter list, always shown; unless collapsed, the open chapter below them, or the free-play note
 * (with "start the tour") above the list.
 * Beside an open chapter the list is a compact strip of numbers; collapsed or in free play it shows titles.
 * On first mount it opens the chapter a link names (`lesson=<id>`), keeping the link's own settings.
 */
export function LessonPane() {
  const t = useT();
  const bodyId = useId();
  const headingId = useId();
  const pane = useRef<HTMLElement>(null);
  const lesson = useStore((s) => s.lesson);
  const collapsed = useLessonStore((s) => s.collapsed);
  const last = useLessonStore((s) => s.last);
  const index = chapterIndex(lesson);
  const anchor = index >= 0 ? index : chapterIndex(last);

  useEffect(() => {
    startLessonFromLink();
  }, []);
  const opened = useLessonStore((s) => s.opened);
  useStageScroll(index >= 0 ? lesson : null, focusPanels(lesson), opened);

  return (
    <aside ref={pane} className="lesson lesson-pane" data-testid="lesson" data-collapsed={collapsed || undefined}
      aria-labelledby={headingId}>
      <header className="lesson-header">
        <h2 id={headingId} className="lesson-title">{t('lesson.pane.title')}</h2>
        <button type="button" className="button small lesson-toggle" data-testid="lesson-toggle"
          aria-expanded={!collapsed} aria-controls={bodyId} onClick={() => setLessonCollapsed(!collapsed)}>
          {collapsed ? t('lesson.pane.expand') : t('lesson.pane.collapse')}
        </button>
      </header>
      <div className="lesson-stepper">
        <button type="button" className="button small" data-testid="lesson-prev" aria-label={t('lesson.prev.label')}
          disabled={anchor === 0} onClick={prevLesson}>
          <span aria-hidden="true">←</span> {t('lesson.prev')}
        </button>
        <p className="lesson-progress" data-testid="lesson-progress">
          {index >= 0 ? t('lesson.pane.progress', { n: index + 1, total: CHAPTERS.length }) : null}
        </p>
        <button type="button" className="button small" data-testid="lesson-next" aria-label={t('lesson.next.label')}
          disabled={index === CHAPTERS.length - 1} onClick={nextLesson}>
          {t('lesson.next')} <span aria-hidden="true">→</span>
        </button>
      </div>
      {/* in free play the invitation and its "start the tour" come first, in view on a first visit; an open
          chapter's text follows the list */}
      {index >= 0 ? null : <div id={bodyId} className="lesson-main lesson-main-first" hidden={collapsed}><FreePlay /></div>}
      <ChapterList current={index >= 0 ? lesson : null} compact={!collapsed && index >= 0} />
      {index >= 0 && lesson ? <div id={bodyId} className="lesson-main" hidden={collapsed}><ChapterBody lesson={lesson} /></div> : null}
    </aside>
  );
}
