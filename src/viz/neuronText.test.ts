// @vitest-environment jsdom
// The neuron explorer's text: one element per token carrying its value, separators as plain text,
// marks, a drag reported as a range, and the sparkline's path.
import { describe, expect, it, vi } from 'vitest';
import { createNeuronText, markTicksPath, neuronDomain, sparklinePath } from './neuronText';

function setup() {
  const host = document.createElement('div');
  document.body.append(host);
  const onMark = vi.fn();
  const onHover = vi.fn();
  const r = createNeuronText(host, { onMark, onHover, label: 'text', legendTitle: 'h, unit 1', nonFiniteLabel: 'NaN' });
  return { host, r, onMark, onHover, text: host.querySelector<HTMLElement>('[data-testid="neuron-text"]')! };
}

describe('neuron text', () => {
  it('draws one element per token with its value, words separated by plain spaces', () => {
    const { r, text } = setup();
    r.update({ tokens: ['we', 'meet', 'at', 'noon'], sep: ' ', values: [0.5, -0.25, 0, NaN], marked: [1] });
    const spans = [...text.children] as HTMLElement[];
    expect(spans.map((s) => s.textContent)).toEqual(['we', 'meet', 'at', 'noon']);
    expect(spans.map((s) => s.dataset.value)).toEqual(['0.5', '-0.25', '0', 'NaN']);
    expect(text.textContent).toBe('we meet at noon');
    expect(spans.map((s) => s.classList.contains('is-marked'))).toEqual([false, true, false, false]);
    // red for positive, blue for negative, white-ish for zero, grey for NaN
    const rgb = (s: HTMLElement) => s.style.backgroundColor.match(/\d+/g)!.map(Number);
    const [pos, neg, zero, nan] = spans.map(rgb);
    expect(pos![0]).toBeGreaterThan(pos![2]!);
    expect(neg![2]).toBeGreaterThan(neg![0]!);
    expect(Math.min(...zero!)).toBeGreaterThan(230);
    expect(nan).toEqual([128, 128, 128]);
    // new values for the same tokens keep the elements
    r.update({ tokens: ['we', 'meet', 'at', 'noon'], sep: ' ', values: [1, 1, 1, 1], marked: [] });
    expect(text.children[0]).toBe(spans[0]);
    expect(spans[3]!.dataset.value).toBe('1');
  });

  it('reports a drag across tokens as a range, and pointing at a token', () => {
    const { r, text, onMark, onHover } = setup();
    r.update({ tokens: ['a', 'b', 'c', 'd', 'e'], sep: '', values: [0, 0, 0, 0, 0], marked: [] });
    const span = (k: number) => text.children[k]!;
    span(3).dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, button: 0 }));
    span(2).dispatchEvent(new MouseEvent('pointerover', { bubbles: true }));
    span(1).dispatchEvent(new MouseEvent('pointerover', { bubbles: true }));
    window.dispatchEvent(new MouseEvent('pointerup'));
    expect(onMark).toHaveBeenCalledWith(1, 3);
    expect(onHover).toHaveBeenLastCalledWith(1);
  });

  it('a sparkline spans the box, zero in the middle', () => {
    expect(neuronDomain([0.5, -3])).toEqual([-3, 3]);
    expect(neuronDomain([0.1])).toEqual([-1, 1]);
    expect(sparklinePath([1, 0, -1], 100, 20)).toBe('M0.0,0.0L50.0,10.0L100.0,20.0');
    expect(sparklinePath([], 100, 20)).toBe('');
    expect(markTicksPath([0, 2, 7], 3, 100, 20)).toBe('M0.0,20V16.0M100.0,20V16.0');
  });
});
