/**
 * Lecture mode's own state and actions: slow motion for the unrolled sweeps, the shortcut sheet, and
 * moving the selected time step. Kept in the store's `lecture` slice (none of it is in the URL).
 */
import { select } from './actions';
import { sliceOf, useStore } from './store';

/** How much longer a sweep takes in slow motion. */
export const SLOW_MOTION_FACTOR = 4;

export interface LectureState {
  /** Sweeps of the unrolled diagram run SLOW_MOTION_FACTOR times slower. */
  slowMotion: boolean;
  /** The keyboard shortcut sheet is open. */
  sheetOpen: boolean;
}

/** Lecture mode's state: the store's `lecture` slice (not in the URL). */
export const useLectureStore = sliceOf('lecture');

/** Back to the initial lecture state (tests). */
export function resetLecture(): void {
  useLectureStore.setState(useLectureStore.getInitialState(), true);
}

export function toggleSlowMotion(): void {
  useLectureStore.setState((s) => ({ slowMotion: !s.slowMotion }));
}

/** Opens (`true`) or closes the shortcut sheet. */
export function setSheetOpen(open: boolean): void {
  useLectureStore.setState({ sheetOpen: open });
}

/** The sweep speed factor for the current setting (1 = normal). */
export function sweepSlowdown(state: LectureState = useLectureStore.getState()): number {
  return state.slowMotion ? SLOW_MOTION_FACTOR : 1;
}

/** Length T of the inspection sequence the panels show (0 before the first snapshot). */
export function inspectionLength(): number {
  const s = useStore.getState();
  const models = s.snapshot?.models ?? [];
  const m = models.find((x) => x.cell === s.config.cell) ?? models[0];
  return m?.T ?? 0;
}

/**
 * Moves the selected time step by `delta` (±1) within 0 … T − 1; with no step selected, +1 selects
 * the first step and −1 the last. Keeps the selected unit. No-op before the first snapshot.
 */
export function moveSelectedStep(delta: number): void {
  const T = inspectionLength();
  if (T <= 0) return;
  const { selectedStep, selectedUnit } = useStore.getState();
  const from = selectedStep ?? (delta > 0 ? -1 : T);
  select(Math.max(0, Math.min(T - 1, from + delta)), selectedUnit);
}
