import { describe, expect, it } from 'vitest';
import {
  focusStep, groupOf, windowAnchor, inputSteps, layoutUnrolled, logNormScale, lossSteps, signedShares, stackShares, stepAt, stepWidthFor,
  onlyScoredStep, scrollToShow, stepX, tokenOffset, truncationWindow, unitGroups, visibleSteps, wholeStepsInView,
} from './unrolledLayout';
import { displayToken, longestToken } from './tokens';

describe('unrolled layout', () => {
  it('fits short sequences in the container and scrolls long ones when reading', () => {
    const short = layoutUnrolled({ T: 6, layers: 1, cell: 'rnn', containerWidth: 900, zoom: 'read' });
    expect(short.width).toBeLessThanOrEqual(900);
    const long = layoutUnrolled({ T: 100, layers: 1, cell: 'rnn', containerWidth: 900, zoom: 'read' });
    expect(long.width).toBeGreaterThan(900);
    expect(long.showText).toBe(true);
    const fit = layoutUnrolled({ T: 100, layers: 1, cell: 'rnn', containerWidth: 900, zoom: 'fit' });
    expect(fit.width).toBeLessThanOrEqual(900);
    expect(fit.showText).toBe(false);
  });

  it('never makes a column narrower than the minimum, even in a tiny container', () => {
    expect(stepWidthFor(10, 100, 'fit')).toBeGreaterThanOrEqual(4);
    expect(stepWidthFor(10, 100, 'read')).toBeGreaterThanOrEqual(52);
  });

  it('stacks layers bottom-up with the LSTM highway above each layer, inputs below, outputs above', () => {
    const l = layoutUnrolled({ T: 5, layers: 3, cell: 'lstm', containerWidth: 800, zoom: 'read' });
    expect(l.rows.layers[0]).toBeGreaterThan(l.rows.layers[1]!);
    expect(l.rows.layers[1]).toBeGreaterThan(l.rows.layers[2]!);
    for (let k = 0; k < 3; k++) expect(l.rows.highway![k]).toBeLessThan(l.rows.layers[k]!);
    expect(l.rows.x).toBeGreaterThan(l.rows.layers[0]!);
    expect(l.rows.y).toBeLessThan(l.rows.highway![2]!);
    expect(l.rows.loss).toBeLessThan(l.rows.y);
    expect(l.rows.contrib).toBeGreaterThan(l.rows.x);
    expect(l.height).toBeGreaterThan(l.rows.contrib);
    expect(layoutUnrolled({ T: 5, layers: 1, cell: 'gru', containerWidth: 800, zoom: 'read' }).rows.highway).toBeNull();
  });

  it('keeps words whole when all steps are fitted: the token boxes alternate up and down, nearly two columns wide, without touching', () => {
    // "let's meet for" in a half-width panel: nine columns of about 47 px, words up to 9 letters ("afternoon")
    const fit = layoutUnrolled({ T: 9, layers: 1, cell: 'rnn', containerWidth: 560, zoom: 'fit', tokenChars: 9 });
    expect(fit.stepWidth).toBeLessThan(60);
    expect(fit.stagger).toBeGreaterThan(0);
    expect(fit.tokenChars).toBeGreaterThanOrEqual(9);
    expect(displayToken(['afternoon'], 0, fit.tokenChars)).toBe('afternoon');
    // neighbours sit at different heights, boxes two steps apart leave a gap
    expect(tokenOffset(fit, 0)).not.toBe(tokenOffset(fit, 1));
    expect(Math.abs(tokenOffset(fit, 0) - tokenOffset(fit, 1))).toBeGreaterThanOrEqual(22);
    expect(2 * fit.stepWidth - fit.tokenBoxW).toBeGreaterThanOrEqual(4);
    // the raised input boxes clear the bottom layer's cells and the lowered ones the bars below
    expect(fit.rows.x - fit.stagger - 11).toBeGreaterThan(fit.rows.layers[0]! + fit.boxH / 2 + 8);
    expect(fit.rows.contrib - fit.contribHeight / 2).toBeGreaterThan(fit.rows.x + fit.stagger + 11);
    expect(fit.rows.y - fit.stagger - 11).toBeGreaterThan(fit.rows.loss + 8);
    // reading zoom, short words, or columns too narrow for text: no stagger
    expect(layoutUnrolled({ T: 9, layers: 1, cell: 'rnn', containerWidth: 560, zoom: 'read', tokenChars: 9 }).stagger).toBe(0);
    expect(layoutUnrolled({ T: 9, layers: 1, cell: 'rnn', containerWidth: 560, zoom: 'fit', tokenChars: 1 }).stagger).toBe(0);
    expect(layoutUnrolled({ T: 100, layers: 1, cell: 'rnn', containerWidth: 560, zoom: 'fit', tokenChars: 9 }).stagger).toBe(0);
  });

  it('scrolls the least that brings a step wholly into view, with a column of context when coming from the right', () => {
    const l = layoutUnrolled({ T: 20, layers: 1, cell: 'rnn', containerWidth: 400, zoom: 'read' });
    const view = 400;
    const sw = l.stepWidth;
    // in view, and clear of the row names pinned at the left edge once scrolled
    const shows = (x: number, t: number) => stepX(l, t) - sw / 2 >= x + (x > 0 ? l.left : 0) - 1e-9 && stepX(l, t) + sw / 2 <= x + view + 1e-9;
    for (let t = 0; t < 20; t++) {
      const x = scrollToShow(l, t, 0, view);
      expect(shows(x, t), `step ${t}`).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(l.width - view);
    }
    // already in view: no move
    expect(scrollToShow(l, 1, 0, view)).toBe(0);
    // forward, one step past the right edge: the view moves by about one column
    const at = scrollToShow(l, 6, 0, view);
    expect(at).toBeGreaterThan(0);
    expect(scrollToShow(l, 7, at, view) - at).toBeCloseTo(sw, 6);
    // back to a step left of the view: it shows with the column before it
    const end = scrollToShow(l, 19, 0, view);
    const back = scrollToShow(l, 10, end, view);
    expect(shows(back, 10) && shows(back, 9)).toBe(true);
    // the step a many-to-one picture opens on
    expect(onlyScoredStep(lossSteps('many-to-one', 3, [-1, -1, 2]))).toBe(2);
    expect(onlyScoredStep(lossSteps('many-to-one', 4))).toBe(3);
    expect(onlyScoredStep(lossSteps('many-to-many', 3, [1, -1, 2]))).toBeNull();
    expect(onlyScoredStep([false, false])).toBeNull();
    // a diagram that fits never scrolls
    const fit = layoutUnrolled({ T: 5, layers: 1, cell: 'rnn', containerWidth: 900, zoom: 'read' });
    expect(scrollToShow(fit, 4, 0, 900)).toBe(0);
  });

  it('maps steps to columns and back', () => {
    const l = layoutUnrolled({ T: 10, layers: 1, cell: 'rnn', containerWidth: 1000, zoom: 'read' });
    for (let t = 0; t < 10; t++) expect(stepAt(l, 10, stepX(l, t))).toBe(t);
    expect(stepAt(l, 10, 0)).toBeNull();
    expect(stepAt(l, 10, l.left + 10 * l.stepWidth + 1)).toBeNull();
    expect(stepX(l, 1) - stepX(l, 0)).toBeCloseTo(l.stepWidth);
  });
});

describe('steps in view', () => {
  const L = { left: 78, stepWidth: 60 };
  it('names the columns wholly in view (what the magnified diagram reports)', () => {
    // view 0…600: columns 0 (78…138) to 8 (558…618) meet it, 0 to 7 lie wholly inside
    expect(wholeStepsInView(L, 100, 0, 600)).toEqual([0, 7]);
    // scrolled to 1000…1600: column 15 (978…1038) is cut, 16 (1038…1098) to 24 (1518…1578) are whole
    expect(wholeStepsInView(L, 100, 1000, 600)).toEqual([16, 24]);
    // scrolled to the end of 20 steps (drawing 78 + 1200 + 64 wide, view 742…1342): column 11 (738…798)
    // is cut, 12 to the last are whole
    expect(wholeStepsInView(L, 20, 1342 - 600, 600)).toEqual([12, 19]);
    // narrower than one column: still one step named
    expect(wholeStepsInView(L, 100, 100, 30)).toEqual([1, 1]);
  });
  it('covers every column that shows, plus a margin, clamped to the sequence', () => {
    // view 0…600: columns 0 (78…138) to 8 (558…618)
    expect(visibleSteps(L, 100, 0, 600)).toEqual([0, 9]);
    expect(visibleSteps(L, 100, 0, 600, 0)).toEqual([0, 8]);
    // scrolled to 1000…1600: columns 15 (978…1038) to 25 (1578…1638)
    expect(visibleSteps(L, 100, 1000, 600, 0)).toEqual([15, 25]);
    expect(visibleSteps(L, 100, 1000, 600)).toEqual([14, 26]);
    expect(visibleSteps(L, 20, 1000, 600)).toEqual([14, 19]);
    // every step whose column meets the view is in the range
    for (let x = 0; x < 6000; x += 37) {
      const [from, to] = visibleSteps(L, 100, x, 600, 0);
      for (let t = 0; t < 100; t++) {
        const a = L.left + t * L.stepWidth;
        const meets = a + L.stepWidth > x && a < x + 600;
        if (meets) expect(t >= from && t <= to, `x=${x} t=${t}`).toBe(true);
      }
    }
  });
  it('is empty for an empty sequence', () => {
    const [from, to] = visibleSteps(L, 0, 0, 600);
    expect(from).toBeGreaterThan(to);
  });
});

describe('which steps carry a loss', () => {
  it('follows the shape when no targets are given', () => {
    expect(lossSteps('many-to-one', 4)).toEqual([false, false, false, true]);
    expect(lossSteps('many-to-many', 3)).toEqual([true, true, true]);
    expect(lossSteps('one-to-many', 3)).toEqual([true, true, true]);
  });
  it('follows the targets when given', () => {
    expect(lossSteps('many-to-many', 4, [-1, -1, 2, 0])).toEqual([false, false, true, true]);
  });
  it('reads an input only at the first step for one-to-many', () => {
    expect(inputSteps('one-to-many', 3)).toEqual([true, false, false]);
    expect(inputSteps('many-to-one', 2)).toEqual([true, true]);
  });
  it('focuses on the hovered, then selected, then last loss step', () => {
    const losses = [true, true, false, false];
    expect(focusStep(2, 0, losses)).toBe(2);
    expect(focusStep(null, 0, losses)).toBe(0);
    expect(focusStep(null, null, losses)).toBe(1);
    expect(focusStep(9, null, [false, false])).toBe(1);
  });
});

describe('truncated BPTT window', () => {
  it('is k steps ending at the focused loss, or null for full BPTT', () => {
    expect(truncationWindow(0, 9)).toBeNull();
    expect(truncationWindow(3, 9)).toEqual({ from: 7, to: 9 });
    expect(truncationWindow(10, 9)).toBeNull();
    expect(truncationWindow(1, 3)).toEqual({ from: 3, to: 3 });
    expect(truncationWindow(1, 0)).toBeNull();
  });
  it('is anchored on a step that carries a loss', () => {
    expect(windowAnchor(2, [false, false, false, true])).toBe(3);
    expect(windowAnchor(1, [true, true, false])).toBe(1);
    expect(windowAnchor(2, [true, false, false])).toBe(0);
    expect(windowAnchor(1, [false, false])).toBe(1);
  });
});

describe('log scale of gradient norms', () => {
  it('maps the largest to 1 and handles zeros, NaN, tiny and huge values', () => {
    const s = logNormScale([0, 1e-30, 1e-2, 1, NaN, Infinity]);
    expect(s(1)).toBe(1);
    expect(s(1e-2)).toBeCloseTo(0.5);
    expect(s(0)).toBe(0);
    expect(s(NaN)).toBe(0);
    expect(s(1e-30)).toBe(0);
    expect(s(Infinity)).toBe(1);
    expect(logNormScale([0, 0])(0)).toBe(0);
    const huge = logNormScale([1e30, 1e28]);
    expect(huge(1e28)).toBeCloseTo(0.5);
  });
});

describe('unit groups and shares', () => {
  it('covers every unit exactly once', () => {
    for (const [H, g] of [[128, 16], [5, 16], [17, 4], [1, 1]] as const) {
      const r = unitGroups(H, g);
      expect(r.length).toBe(Math.min(H, g));
      expect(r[0]![0]).toBe(0);
      expect(r.at(-1)![1]).toBe(H);
      for (let i = 1; i < r.length; i++) expect(r[i]![0]).toBe(r[i - 1]![1]);
      for (let j = 0; j < H; j++) expect(groupOf(r, j)).toBeGreaterThanOrEqual(0);
    }
  });
  it('gives signed fractions of the total that add up to 1, ignoring bad values', () => {
    const s = signedShares([1, 3, NaN, -2, 0], 2);
    expect(s).toEqual([0.5, 1.5, 0, -1, 0]);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(signedShares([1, 2], 0)).toEqual([0, 0]);
    expect(signedShares([1, 2], NaN)).toEqual([0, 0]);
  });
  it('stacks signed shares: positives up to the full height, negatives back down to the whole', () => {
    // 0.75 + 0.5 − 0.25 = 1: the positives fill the box (1.25 → 100 px), the negative comes down 20 px
    const parts = stackShares([0.75, -0.25, 0.5], 0, 100);
    expect(parts[0]).toEqual({ y: 40, height: 60 });
    expect(parts[2]).toEqual({ y: 0, height: 40 });
    expect(parts[1]).toEqual({ y: 0, height: 20 });
    // where the negatives end is the whole: 100 × 1 / 1.25 = 80 px above the bottom
    expect(100 - (parts[1]!.y + parts[1]!.height)).toBe(80);
    expect(stackShares([0, 0], 5, 30)).toEqual([{ y: 35, height: 0 }, { y: 35, height: 0 }]);
  });
});

describe('tokens', () => {
  it('shows whitespace, keeps markup as text and cuts long words by code point', () => {
    const vocab = [' ', '\n', '<b>&', 'extraordinarily', '😀😀😀'];
    expect(displayToken(vocab, 0)).toBe('␣');
    expect(displayToken(vocab, 1)).toBe('⏎');
    expect(displayToken(vocab, 2)).toBe('<b>&');
    expect(displayToken(vocab, 3, 8)).toBe('extraor…');
    expect(displayToken(vocab, 4, 2)).toBe('😀…');
    expect(displayToken(vocab, 99)).toBe('?');
  });

  it('whole words: the longest token sets the column and box width in read zoom, never in fit zoom', () => {
    const vocab = ['for', 'breakfast', 'afternoon', 'ok', ' '];
    expect(longestToken(vocab)).toBe(9);
    expect(longestToken([])).toBe(1);
    expect(longestToken(['a'.repeat(40)])).toBe(12);
    const L = layoutUnrolled({ T: 30, layers: 1, cell: 'rnn', containerWidth: 600, zoom: 'read', tokenChars: 9 });
    expect(L.tokenChars).toBeGreaterThanOrEqual(9);
    for (const id of [1, 2]) expect(displayToken(vocab, id, L.tokenChars)).toBe(vocab[id]);
    expect(L.tokenBoxW).toBeLessThanOrEqual(L.stepWidth - 6);
    expect(L.width).toBeGreaterThan(600); // the diagram scrolls rather than cutting
    // characters: columns as before
    expect(layoutUnrolled({ T: 30, layers: 1, cell: 'rnn', containerWidth: 600, zoom: 'read', tokenChars: 1 }).stepWidth).toBe(52);
    const fit = layoutUnrolled({ T: 30, layers: 1, cell: 'rnn', containerWidth: 600, zoom: 'fit', tokenChars: 9 });
    expect(fit.width).toBeLessThanOrEqual(600);
  });
});
