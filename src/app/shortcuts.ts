/**
 * Keyboard shortcuts for teaching from the page: one keydown listener on the window.
 * Space play/pause, → one step, ↓/↑ next/previous time step, R reset, N/P next/previous chapter,
 * PageDown/PageUp (a presenter's clicker) the chapter's next beat / back a beat, F presentation mode,
 * ? the shortcut sheet. Nothing fires while the user types in a field, with Ctrl/Meta/Alt held,
 * while a dialog is open, or for a control a classroom link hides. Space is play/pause everywhere
 * else: a focused button (say "try this") never takes it as a press.
 */
import { reset, stepOnce, togglePlay, togglePresent, useStore, type ControlName } from '../store';
import { moveSelectedStep, setSheetOpen, useLectureStore } from '../store/lecture';
import { backBeat, forwardBeat, nextLesson, prevLesson } from '../store/lessons';

/** One shortcut: the keys (`KeyboardEvent.key` values), the control it stands for, what it does. */
export interface Shortcut {
  keys: readonly string[];
  /** The control whose `hide=` also turns the shortcut off. */
  control?: ControlName;
  /** Whether a held key repeats the action. */
  repeat?: boolean;
  run: () => void;
}

/** The shortcut table, in the order the shortcut sheet lists it. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: [' '], control: 'play', run: togglePlay },
  { keys: ['ArrowRight'], control: 'step', repeat: true, run: () => stepOnce() },
  { keys: ['ArrowDown'], repeat: true, run: () => moveSelectedStep(1) },
  { keys: ['ArrowUp'], repeat: true, run: () => moveSelectedStep(-1) },
  { keys: ['r', 'R'], control: 'reset', run: reset },
  { keys: ['PageDown'], run: forwardBeat },
  { keys: ['PageUp'], run: backBeat },
  { keys: ['n', 'N'], run: nextLesson },
  { keys: ['p', 'P'], run: prevLesson },
  { keys: ['f', 'F'], control: 'present', run: togglePresent },
  { keys: ['?'], run: () => setSheetOpen(true) },
];

const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
/** Elements Space would press: the page takes Space from them (Enter still presses them). */
const PRESSABLE = 'button, a[href], summary, [role="button"]';
/** Elements where Space toggles or picks an option: Space keeps that meaning there. */
const CHOOSING = '[role="checkbox"], [role="switch"], [role="tab"], [role="option"], [role="radio"], [role="menuitem"]';

/** True when the key press belongs to what the user is typing in or pressing, not to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || el.closest(TYPING) !== null;
}

/** The shortcut for a key press, or null when none applies (see the file comment for the rules). */
export function shortcutFor(e: KeyboardEvent, hidden: readonly string[] = useStore.getState().hidden): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.isComposing) return null;
  if (isTypingTarget(e.target)) return null;
  const el = e.target as Element | null;
  if (el && typeof el.closest === 'function') {
    if (el.closest('dialog[open], [role="dialog"], [aria-modal="true"]')) return null;
    if (e.key === ' ' && el.closest(CHOOSING)) return null;
  }
  if (useLectureStore.getState().sheetOpen) return null;
  const found = SHORTCUTS.find((s) => s.keys.includes(e.key));
  if (!found || (e.repeat && !found.repeat)) return null;
  if (found.control && hidden.includes(found.control)) return null;
  return found;
}

/** True when Space on this target would press a button (the page has taken Space for play/pause). */
function spaceWouldPress(e: KeyboardEvent): boolean {
  const el = e.target as Element | null;
  return e.key === ' ' && !!el && typeof el.closest === 'function' && el.closest(PRESSABLE) !== null;
}

/**
 * Listens on `win` for keys `actionFor` maps to an action (null: the key is left alone); a key taken
 * is not passed on, and when it is Space on a button, the button's own press on key-up is cancelled
 * (Space is play/pause, not "press the focused button"). Returns a function that stops listening.
 */
export function listenForKeys(win: Window, actionFor: (e: KeyboardEvent) => (() => void) | null): () => void {
  let spaceTaken = false;
  const onKey = (e: KeyboardEvent) => {
    const run = actionFor(e);
    if (!run) return;
    e.preventDefault();
    spaceTaken = spaceWouldPress(e);
    run();
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (spaceTaken && e.key === ' ') {
      e.preventDefault();
      spaceTaken = false;
    }
  };
  win.addEventListener('keydown', onKey);
  win.addEventListener('keyup', onKeyUp, true);
  return () => {
    win.removeEventListener('keydown', onKey);
    win.removeEventListener('keyup', onKeyUp, true);
  };
}

/** Listens for the shortcuts on `win`; returns a function that stops listening. */
export function startShortcuts(win: Window = window): () => void {
  return listenForKeys(win, (e) => {
    if (win.document.querySelector('dialog[open]')) return null;
    const s = shortcutFor(e);
    return s ? () => s.run() : null;
  });
}
