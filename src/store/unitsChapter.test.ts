import { describe, expect, it } from 'vitest';
import { createCharLmTask } from '../engine/tasks/charlm';
import { CHAPTERS, UNITS_FIND, UNITS_PASSAGE } from './lessonChapters';

describe('the "units" chapter', () => {
  it('comes after the race and stages the state space beside the neuron explorer', () => {
    const ids = CHAPTERS.map((c) => c.id);
    expect(ids.indexOf('units')).toBe(ids.indexOf('race') + 1);
    expect(CHAPTERS.find((c) => c.id === 'units')!.focus).toEqual(['panel-trajectory', 'panel-neurons']);
  });

  it('colours a passage every character of which the trained character model knows', () => {
    const vocab = new Set(createCharLmTask({ lag: 8, corpus: 'en' }).vocab);
    const unknown = Array.from(UNITS_PASSAGE).filter((ch) => !vocab.has(ch));
    expect(unknown).toEqual([]);
    // the passage has what the beats point at: words, vowels to mark, a quotation and a bracket
    expect(UNITS_PASSAGE.match(new RegExp(UNITS_FIND, 'g'))!.length).toBeGreaterThan(20);
    expect(UNITS_PASSAGE).toMatch(/'[^']+'/);
    expect(UNITS_PASSAGE).toMatch(/\([^)]+\)/);
  });
});
