import { CHAPTERS, chapterIndex, useLessonStore, type Chapter } from '../../store/lessons';
import { useT } from '../hooks/useT';

/**
 * What comes after the beat the button runs now: the chapter's following beat, or after its last
 * beat the next chapter (what a presenter's PageDown leads to).
 */
export function useAfterBeatLabel(chapter: Chapter): string {
  const t = useT();
  const turn = useLessonStore((s) => s.turn);
  const following = chapter.beats[turn + 1];
  if (turn < chapter.beats.length && following) return t(following.label);
  const next = CHAPTERS[chapterIndex(chapter.id) + 1];
  return next ? t('lesson.beat.nextChapter', { n: chapterIndex(next.id) + 1, title: t(`lesson.${next.id}.title`) }) : t('lesson.beat.end');
}
