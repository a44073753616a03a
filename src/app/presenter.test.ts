// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { CONSOLE_KEYS, consoleCommandFor } from './presenter';
import { SHORTCUTS } from './shortcuts';

function press(key: string, target: Element = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(e, 'target', { value: target });
  return e;
}

describe('presenter console keys', () => {
  it('a clicker\'s PageDown / PageUp run beats; N / P chapters; Space, → and R drive the run', () => {
    expect(consoleCommandFor(press('PageDown'))).toBe('forwardBeat');
    expect(consoleCommandFor(press('PageUp'))).toBe('backBeat');
    expect(consoleCommandFor(press('N'))).toBe('nextLesson');
    expect(consoleCommandFor(press('p'))).toBe('prevLesson');
    expect(consoleCommandFor(press(' '))).toBe('togglePlay');
    expect(consoleCommandFor(press('ArrowRight'))).toBe('step');
    expect(consoleCommandFor(press('r'))).toBe('reset');
    expect(consoleCommandFor(press('x'))).toBeNull();
  });

  it('every console key is the same key on the stage', () => {
    for (const key of Object.keys(CONSOLE_KEYS)) expect([key, SHORTCUTS.some((s) => s.keys.includes(key))]).toEqual([key, true]);
  });

  it('ignores typing, modifiers and held keys', () => {
    const input = document.createElement('input');
    document.body.append(input);
    expect(consoleCommandFor(press('n', input))).toBeNull();
    expect(consoleCommandFor(press('PageDown', document.body, { ctrlKey: true }))).toBeNull();
    expect(consoleCommandFor(press('PageDown', document.body, { repeat: true }))).toBeNull();
    input.remove();
  });
});
