// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { resetStore } from '../store';
import { resetLecture, setSheetOpen } from '../store/lecture';
import { SHORTCUTS, shortcutFor } from './shortcuts';

function press(key: string, target: Element = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(e, 'target', { value: target });
  return e;
}

describe('keyboard shortcuts', () => {
  afterEach(() => {
    resetStore();
    resetLecture();
    document.body.replaceChildren();
  });

  it('maps every documented key to a shortcut', () => {
    for (const key of [' ', 'ArrowRight', 'ArrowDown', 'ArrowUp', 'r', 'R', 'n', 'N', 'PageDown', 'p', 'P', 'PageUp', 'f', 'F', '?']) {
      expect(shortcutFor(press(key), []), key).not.toBeNull();
    }
    expect(shortcutFor(press('x'), [])).toBeNull();
    expect(new Set(SHORTCUTS.flatMap((s) => s.keys)).size).toBe(SHORTCUTS.flatMap((s) => s.keys).length);
  });

  it('stays quiet while typing, with modifiers, in a dialog or for hidden controls', () => {
    for (const html of ['<input>', '<textarea></textarea>', '<select></select>', '<div contenteditable="true"></div>']) {
      document.body.innerHTML = html;
      expect(shortcutFor(press('f', document.body.firstElementChild!), []), html).toBeNull();
    }
    expect(shortcutFor(press('f', document.body, { ctrlKey: true }), [])).toBeNull();
    expect(shortcutFor(press('f', document.body, { metaKey: true }), [])).toBeNull();
    expect(shortcutFor(press('f', document.body, { altKey: true }), [])).toBeNull();
    expect(shortcutFor(press('r'), ['reset'])).toBeNull();
    expect(shortcutFor(press('r', document.body, { repeat: true }), [])).toBeNull();
    expect(shortcutFor(press('ArrowDown', document.body, { repeat: true }), [])).not.toBeNull();
    document.body.innerHTML = '<button>go</button>';
    // Space is play/pause even on a focused button (a focused "try this" must not take it as a press)…
    expect(shortcutFor(press(' ', document.body.firstElementChild!), [])?.keys).toEqual([' ']);
    expect(shortcutFor(press('f', document.body.firstElementChild!), [])).not.toBeNull();
    // …but keeps its meaning where it picks an option.
    document.body.innerHTML = '<div role="radio" tabindex="0">a</div>';
    expect(shortcutFor(press(' ', document.body.firstElementChild!), [])).toBeNull();
    setSheetOpen(true);
    expect(shortcutFor(press('f'), [])).toBeNull();
  });
});
