// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { xmlSafe } from './xmlSafe';

describe('xmlSafe', () => {
  it('makes any text valid XML, keeping what XML allows', () => {
    const nasty = 'ab\u0000cd\u0001ef\u000B\uFFFEgh\uFFFF\uD800i\uDC00 \t\n\r 月😀';
    const safe = xmlSafe(nasty);
    expect(safe).toBe('ab␀cd␁ef␋\uFFFDgh\uFFFD\uFFFDi\uFFFD \t\n\r 月😀');
    const doc = new DOMParser().parseFromString(`<svg xmlns="http://www.w3.org/2000/svg"><text>${safe}</text></svg>`, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.querySelector('text')!.textContent).toBe(safe.replace(/\r\n?/g, '\n')); // XML reads a CR as a newline
    const bad = new DOMParser().parseFromString(`<svg xmlns="http://www.w3.org/2000/svg"><text>${nasty}</text></svg>`, 'image/svg+xml');
    expect(bad.getElementsByTagName('parsererror').length).toBeGreaterThan(0);
  });
});
