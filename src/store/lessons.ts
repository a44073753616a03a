/**
 * The guided lessons: the chapter table (lessonChapters.ts) and the actions that move through it.
 * Which chapter is open is `state.lesson` in the main store (it is in the URL); this file keeps the
 * pane's own state in a small store of its own: the chapter to resume after free play, whether the
 * pane is collapsed and which turn of "try this" comes next.
 *
 * Links: `lesson=<id>` opens that chapter at start. The link's own settings win field by field: a
 * setting the link leaves at its default takes the chapter's preset, one it sets keeps its value
 * (`lesson=vanishing&seed=3` opens the vanishing chapter with seed 3). Links the page writes carry
 * only non-default values, so a link copied during a lesson reopens it exactly as it was, except for a
 * setting changed back to its default, which returns to the chapter's value.
 */
import { create } from 'zustand';
import type { TrainConfig } from '../worker/protocol';
import { addNotice, pause, select, setConfig, setInspect, setLesson } from './actions';
import { builtInTextFor, DEFAULT_CONFIG } from './defaults';
import { CHAPTERS, LESSON_BASE, type Chapter } from './lessonChapters';
import { useStore } from './store';
import type { Lang } from './types';

export { CHAPTERS, LESSON_BASE, SPECTRAL_TURNS, chapterKeys, type Chapter, type TryTurn } from './lessonChapters';

/** Ids of the chapters, in order. */
export const CHAPTER_IDS: readonly string[] = CHAPTERS.map((c) => c.id);

export interface LessonPaneState {
  /** The chapter free play was left from (what "resume" reopens); null before any chapter. */
  last: string | null;
  /** The pane shows only its header and the chapter list. */
  collapsed: boolean;
  /** The next turn of the open chapter's "try this" button. */
  turn: number;
}

const initialLessonState: LessonPaneState = { last: null, collapsed: false, turn: 0 };

/** The lesson pane's own state (not in the URL). */
export const useLessonStore = create<LessonPaneState>()(() => initialLessonState);

let linkHandled = false;

/** Back to the initial lesson state (tests). */
export function resetLessons(): void {
  useLessonStore.setState(initialLessonState, true);
  linkHandled = false;
}

/** The chapter with this id, or undefined. */
export function chapterOf(id: string | null | undefined): Chapter | undefined {
  return id ? CHAPTERS.find((c) => c.id === id) : undefined;
}

/** 0-based position of a chapter, −1 when unknown. */
export function chapterIndex(id: string | null | undefined): number {
  return id ? CHAPTER_IDS.indexOf(id) : -1;
}

/** The panels (data-testids) the open chapter points at; none in free play. */
export function focusPanels(lesson: string | null): string[] {
  return chapterOf(lesson)?.focus ?? [];
}

/**
 * The complete settings of a chapter: LESSON_BASE, then the chapter's own, with the built-in text in
 * the page's language (for the word and character tasks). The user's text and speed are kept.
 */
export function presetConfig(chapter: Chapter, lang: Lang): Partial<TrainConfig> {
  return { ...LESSON_BASE, corpus: builtInTextFor(lang), ...chapter.config };
}

/** The try turn the button shows now for the open chapter. */
export function currentTry(chapter: Chapter, turn: number) {
  return chapter.tries[turn % chapter.tries.length]!;
}

function showExample(): void {
  const { inspect } = useStore.getState();
  if (inspect.kind !== 'example' || inspect.index !== 0) setInspect({ kind: 'example', index: 0 });
}

/**
 * Opens a chapter: pauses, applies its preset (the worker rebuilds the run), shows the first example,
 * selects the chapter's step. Unknown ids are ignored.
 */
export function openLesson(id: string): void {
  const chapter = chapterOf(id);
  if (!chapter) return;
  pause();
  setConfig(presetConfig(chapter, useStore.getState().lang));
  showExample();
  select(chapter.select?.step ?? null, chapter.select?.unit ?? null);
  setLesson(chapter.id);
  useLessonStore.setState({ last: chapter.id, turn: 0 });
}

/** The chapter that navigation counts from: the open one, else the one free play was left from. */
function anchor(): number {
  return chapterIndex(useStore.getState().lesson ?? useLessonStore.getState().last);
}

/** The next chapter (from free play with no chapter seen yet: the first). No-op after the last. */
export function nextLesson(): void {
  const i = anchor();
  const next = CHAPTERS[i < 0 ? 0 : i + 1];
  if (next) openLesson(next.id);
}

/** The previous chapter. No-op on the first. */
export function prevLesson(): void {
  const i = anchor();
  const prev = i < 0 ? CHAPTERS[0] : CHAPTERS[i - 1];
  if (prev) openLesson(prev.id);
}

/** Free play: closes the chapter and keeps every current setting. */
export function leaveLesson(): void {
  const { lesson } = useStore.getState();
  if (lesson !== null && chapterOf(lesson)) useLessonStore.setState({ last: lesson });
  setLesson(null);
}

/** Back from free play to the chapter left (its preset applied again); the first chapter if none. */
export function resumeLesson(): void {
  openLesson(useLessonStore.getState().last ?? CHAPTERS[0]!.id);
}

/** Performs the open chapter's current "try this" turn and moves to the next turn. */
export function tryThis(): void {
  const chapter = chapterOf(useStore.getState().lesson);
  if (!chapter) return;
  const { turn } = useLessonStore.getState();
  currentTry(chapter, turn).run();
  useLessonStore.setState({ turn: (turn + 1) % chapter.tries.length });
}

export function setLessonCollapsed(collapsed: boolean): void {
  useLessonStore.setState({ collapsed });
}

/**
 * At start, once: the chapter named by the link (`state.lesson`), with the link's own settings kept
 * (see the file comment). An unknown id closes the lesson with a notice. Returns whether a chapter opened.
 */
export function startLessonFromLink(): boolean {
  if (linkHandled) return false;
  linkHandled = true;
  const { lesson, config, lang, selectedStep, selectedUnit, corpusChosen } = useStore.getState();
  if (lesson === null) return false;
  const chapter = chapterOf(lesson);
  if (!chapter) {
    addNotice({ key: 'lesson.notice.unknown', params: { name: lesson } });
    setLesson(null);
    return false;
  }
  const preset = presetConfig(chapter, lang);
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(preset) as (keyof TrainConfig)[]) {
    // the built-in text is the link's when it names one (even the English one, the table's default)
    const linkSets = key === 'corpus' ? corpusChosen : !Object.is(config[key], DEFAULT_CONFIG[key]);
    merged[key] = linkSets ? config[key] : preset[key];
  }
  setConfig(merged as Partial<TrainConfig>);
  if (selectedStep === null && selectedUnit === null && chapter.select) select(chapter.select.step, chapter.select.unit);
  useLessonStore.setState({ last: chapter.id, turn: 0 });
  return true;
}
