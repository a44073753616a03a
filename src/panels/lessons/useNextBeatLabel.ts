import { CHAPTERS, chapterIndex, nextBeat, useLessonStore, type Chapter } from '../../store/lessons';
import { useT } from '../hooks/useT';

/** The label of what PageDown does next: the chapter's next beat, or after its last beat the next chapter. */
export function useNextBeatLabel(chapter: Chapter): string {
  const t = useT();
  const turn = useLessonStore((s) => s.turn);
  const beat = nextBeat(chapter, turn);
  if (beat) return t(beat.label);
  const next = CHAPTERS[chapterIndex(chapter.id) + 1];
  return next ? t('lesson.beat.nextChapter', { n: chapterIndex(next.id) + 1, title: t(`lesson.${next.id}.title`) }) : t('lesson.beat.end');
}
