import { CHAPTERS, openLesson } from '../../store/lessons';
import { useT } from '../hooks/useT';

/**
 * The chapter list; the open one is marked `aria-current="step"`. Full, it shows numbers and titles
 * (a table of contents); compact, beside an open chapter, a strip of numbered buttons named by title.
 */
export function ChapterList({ current, compact }: { current: string | null; compact: boolean }) {
  const t = useT();
  return (
    <nav className="lesson-nav" aria-label={t('lesson.pane.chapters')}>
      <ol className={compact ? 'lesson-chapters lesson-chapters-compact' : 'lesson-chapters'}>
        {CHAPTERS.map((c, i) => {
          const title = t(`lesson.${c.id}.title`);
          return (
            <li key={c.id}>
              <button type="button" className="lesson-chapter" data-testid={`lesson-chapter-${c.id}`}
                aria-current={c.id === current ? 'step' : undefined} onClick={() => openLesson(c.id)}
                aria-label={compact ? `${i + 1}. ${title}` : undefined} title={compact ? title : undefined}>
                <span className="lesson-chapter-num" aria-hidden={compact ? undefined : true}>{i + 1}</span>
                {compact ? null : <span className="lesson-chapter-name">{title}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
