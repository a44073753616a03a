/**
 * The guided lessons: the chapter table (lessonChapters.ts) and the actions that move through it.
 * Which chapter is open is `state.lesson` in the main store (it is in the URL); this file keeps the
 * pane's own state in the store's `lessons` slice: the chapter to resume after free play, whether the
 * pane is collapsed, which beat of "try this" comes next, the pace and the student's prediction.
 *
 * Opening a chapter starts it fresh: its preset (with its pace), a reset run (step 0, empty
 * histories), its selection. Beats run in order: the button or a presenter's PageDown runs the next
 * one, and PageDown after the last beat moves to the next chapter; PageUp goes back a beat (the
 * chapter starts again and replays the beats before it), then a chapter.
 *
 * Links: `lesson=<id>` opens that chapter at start. The link's own settings win field by field: a
 * setting the link leaves at its default takes the chapter's preset, one it sets keeps its value
 * (`lesson=vanishing&seed=3` opens the vanishing chapter with seed 3). Links the page writes carry
 * only non-default values, so a link copied during a lesson reopens it exactly as it was, except for a
 * setting changed back to its default, which returns to the chapter's value.
 */
import type { TrainConfig } from '../worker/protocol';
import { addNotice, pause, reset, select, setConfig, setFlowModel, setInspect, setLesson } from './actions';
import { builtInTextFor, DEFAULT_CONFIG } from './defaults';
import { CHAPTERS, LESSON_BASE, type Beat, type Chapter } from './lessonChapters';
import { sliceOf, useStore } from './store';
import type { Lang } from './types';

export {
  CHAPTERS, LESSON_BASE, SPECTRAL_TURNS, chapterKeys, type Beat, type Chapter, type Prediction, type StageLayout,
} from './lessonChapters';

/** Ids of the chapters, in order. */
export const CHAPTER_IDS: readonly string[] = CHAPTERS.map((c) => c.id);

/** The paces a chapter can run at, as multiples of its own speed (0 = as fast as the machine can). */
export const PACES = [1, 4, 0] as const;
export type Pace = (typeof PACES)[number];

export interface LessonPaneState {
  /** The chapter free play was left from (what "resume" reopens); null before any chapter. */
  last: string | null;
  /** The pane shows only its header and the chapter list. */
  collapsed: boolean;
  /** How many beats of the open chapter have run (the next beat is `beats[turn]`). */
  turn: number;
  /** The open chapter's pace (a multiple of its speed; 0 = fastest). */
  pace: Pace;
  /** The option the student picked for the open chapter's question, or null. */
  vote: string | null;
  /** Whether the open chapter's answer is shown. */
  revealed: boolean;
  /** How many times a chapter was opened (the page brings the stage into view at each). */
  opened: number;
}

/** The lesson pane's own state: the store's `lessons` slice (not in the URL). */
export const useLessonStore = sliceOf('lessons');

let linkHandled = false;

/** Back to the initial lesson state (tests). */
export function resetLessons(): void {
  useLessonStore.setState(useLessonStore.getInitialState(), true);
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

/** The panels (data-testids) the open chapter stages; none in free play. */
export function focusPanels(lesson: string | null): string[] {
  return chapterOf(lesson)?.focus ?? [];
}

/** The stage slot (1-based) of a panel in the open chapter, or 0 when the chapter does not stage it. */
export function stageSlot(lesson: string | null, panel: string): number {
  return focusPanels(lesson).indexOf(panel) + 1;
}

/**
 * The complete settings of a chapter: LESSON_BASE, then the chapter's own (its pace included), with
 * the built-in text in the page's language (for the word and character tasks). The user's text is kept.
 */
export function presetConfig(chapter: Chapter, lang: Lang): Partial<TrainConfig> {
  return { ...LESSON_BASE, corpus: builtInTextFor(lang), ...chapter.config };
}

/** The chapter's speed at a pace. */
export function pacedSpeed(chapter: Chapter, pace: Pace): number {
  return pace === 0 ? 0 : chapter.config.speed * pace;
}

/** The beat the open chapter runs next, or null after its last beat. */
export function nextBeat(chapter: Chapter, turn: number): Beat | null {
  return chapter.beats[turn] ?? null;
}

/** Shows the chapter's example of its task (the first unless it names another). */
function showExample(index = 0): void {
  const { inspect } = useStore.getState();
  if (inspect.kind !== 'example' || inspect.index !== index) setInspect({ kind: 'example', index });
}

/** Puts the chapter's preset, a fresh run, its example and selection in place (no lesson-pane state). */
function stageChapter(chapter: Chapter, pace: Pace): void {
  pause();
  setConfig({ ...presetConfig(chapter, useStore.getState().lang), speed: pacedSpeed(chapter, pace) });
  reset();
  showExample(chapter.example);
  select(chapter.select?.step ?? null, chapter.select?.unit ?? null);
  setFlowModel(0);
  setLesson(chapter.id);
}

/**
 * Opens a chapter fresh: pauses, applies its preset and pace, resets the run (step 0, empty
 * histories), shows the first example, selects the chapter's step. Unknown ids are ignored.
 */
export function openLesson(id: string): void {
  const chapter = chapterOf(id);
  if (!chapter) return;
  stageChapter(chapter, 1);
  useLessonStore.setState((s) => ({ last: chapter.id, turn: 0, pace: 1, vote: null, revealed: false, opened: s.opened + 1 }));
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

/** Back from free play to the chapter left (fresh); the first chapter if none. */
export function resumeLesson(): void {
  openLesson(useLessonStore.getState().last ?? CHAPTERS[0]!.id);
}

/**
 * Runs beat `turn` of the chapter and records it (revealing the answer when it is the question's
 * beat). The turn is recorded first, so panels that keep a "before" picture take it before the beat
 * changes anything.
 */
function runBeat(chapter: Chapter, turn: number): void {
  useLessonStore.setState({ turn: turn + 1 });
  chapter.beats[turn]!.run();
  if (chapter.predict?.revealAt === turn) useLessonStore.setState({ revealed: true });
}

/**
 * The "try this" button: runs the open chapter's next beat. After the last beat the chapter starts
 * again fresh and runs its first beat (the prediction stays answered), unless its last beat repeats.
 */
export function tryThis(): void {
  const chapter = chapterOf(useStore.getState().lesson);
  if (!chapter) return;
  const { turn, pace } = useLessonStore.getState();
  if (turn < chapter.beats.length) {
    runBeat(chapter, turn);
    return;
  }
  if (chapter.repeatLastBeat) {
    runBeat(chapter, chapter.beats.length - 1);
    return;
  }
  stageChapter(chapter, pace);
  runBeat(chapter, 0);
}

/** A presenter's PageDown: the open chapter's next beat (a repeating last beat while it shows more), else the next chapter. */
export function forwardBeat(): void {
  const chapter = chapterOf(useStore.getState().lesson);
  const turn = useLessonStore.getState().turn;
  if (chapter && (turn < chapter.beats.length || (turn > 0 && chapter.repeatLastBeat?.more()))) tryThis();
  else nextLesson();
}

/**
 * A presenter's PageUp: back one beat (the chapter starts again fresh and replays the beats before
 * the last one, so that beat runs again next), or on a chapter's first beat the previous chapter.
 */
export function backBeat(): void {
  const chapter = chapterOf(useStore.getState().lesson);
  const { turn, pace } = useLessonStore.getState();
  if (!chapter || turn === 0) {
    prevLesson();
    return;
  }
  if (turn >= chapter.beats.length && chapter.repeatLastBeat?.back()) return;
  stageChapter(chapter, pace);
  useLessonStore.setState({ turn: 0, revealed: false });
  for (let k = 0; k < turn - 1; k++) runBeat(chapter, k);
}

/** Sets the open chapter's pace (a multiple of its own speed; 0 = fastest). */
export function setPace(pace: Pace): void {
  const chapter = chapterOf(useStore.getState().lesson);
  useLessonStore.setState({ pace });
  if (chapter) setConfig({ speed: pacedSpeed(chapter, pace) });
}

/** The next pace in PACES (1× → 4× → fastest → 1×). */
export function fasterPace(): void {
  const { pace } = useLessonStore.getState();
  setPace(PACES[(PACES.indexOf(pace) + 1) % PACES.length]!);
}

/** Records the student's answer to the open chapter's question. */
export function vote(option: string): void {
  useLessonStore.setState({ vote: option });
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
  const { lesson, config, lang, selectedStep, selectedUnit, corpusChosen, inspect } = useStore.getState();
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
  // the chapter's example, unless the link names another (the first is the default)
  if (chapter.example !== undefined && inspect.kind === 'example' && inspect.index === 0) showExample(chapter.example);
  if (selectedStep === null && selectedUnit === null && chapter.select) select(chapter.select.step, chapter.select.unit);
  useLessonStore.setState((s) => ({ last: chapter.id, turn: 0, pace: 1, vote: null, revealed: false, opened: s.opened + 1 }));
  return true;
}
