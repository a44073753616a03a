import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { createMeetTask, MEET_LANGUAGES, tokenizeMeet } from './meet';

describe('meet', () => {
  for (const lang of ['en', 'zh'] as const) {
    const table = MEET_LANGUAGES[lang];
    it(`${lang}: the clue sits lag + 4 steps before the end and decides the meal`, () => {
      for (const lag of [0, 1, 5, 12, 30]) {
        const task = createMeetTask({ lag, lang });
        const clueIds = table.clues.map((w) => task.vocab.indexOf(w));
        const mealIds = table.meals.map((w) => task.vocab.indexOf(w));
        const rng = createRng(lag + 1);
        const seen = new Set<number>();
        for (let i = 0; i < 300; i++) {
          const ex = task.sample(rng);
          const T = ex.inputs.length;
          expect(T).toBe(2 + 1 + lag + 3);
          const clue = clueIds.indexOf(ex.inputs[T - 4 - lag]!);
          expect(clue).toBeGreaterThanOrEqual(0);
          // the only clue word in the message
          expect(ex.inputs.filter((x) => clueIds.includes(x)).length).toBe(1);
          expect(ex.targets[T - 1]).toBe(mealIds[clue]);
          // no meal word among the inputs
          expect(ex.inputs.some((x) => mealIds.includes(x))).toBe(false);
          seen.add(clue);
        }
        expect(seen.size).toBe(4);
      }
    });

    it(`${lang}: one readable example per clue, vocabulary ≤ 60`, () => {
      const task = createMeetTask({ lag: 4, lang });
      expect(task.vocab.length).toBeLessThanOrEqual(60);
      expect(task.examples.length).toBe(4);
      task.examples.forEach((ex, c) => {
        expect(ex.label).toContain(table.clues[c]);
        expect(ex.label).toContain(table.meals[c]);
        expect(ex.targets[ex.targets.length - 1]).toBe(task.vocab.indexOf(table.meals[c]!));
      });
    });
  }

  it('the filler words carry no information about the meal', () => {
    const task = createMeetTask({ lag: 6, lang: 'en' });
    const rng = createRng(3);
    const byMeal = new Map<number, Map<number, number>>();
    for (let i = 0; i < 4000; i++) {
      const ex = task.sample(rng);
      const meal = ex.targets[ex.targets.length - 1]!;
      const m = byMeal.get(meal) ?? new Map<number, number>();
      for (const x of ex.inputs.slice(3, 3 + 6)) m.set(x, (m.get(x) ?? 0) + 1);
      byMeal.set(meal, m);
    }
    const the = task.vocab.indexOf('the');
    const freqs = [...byMeal.values()].map((m) => (m.get(the) ?? 0) / [...m.values()].reduce((a, b) => a + b, 0));
    expect(Math.max(...freqs) - Math.min(...freqs)).toBeLessThan(0.03);
  });

  it('encodes English: lower-case, punctuation, apostrophes, unknown words, a trailing meal word', () => {
    const task = createMeetTask({ lag: 3, lang: 'en' });
    const w = (s: string): number => task.vocab.indexOf(s);
    expect(tokenizeMeet("Hey, Tomorrow AFTERNOON... Let’s meet for", task.vocab))
      .toEqual(['hey', 'tomorrow', 'afternoon', "let's", 'meet', 'for']);
    const ex = task.encode('Tomorrow afternoon, zebras! let\'s meet for');
    expect('error' in ex).toBe(false);
    if ('error' in ex) return;
    expect(ex.inputs).toEqual([w('tomorrow'), w('afternoon'), w('<unk>'), w("let's"), w('meet'), w('for')]);
    expect(ex.targets).toEqual([-1, -1, -1, -1, -1, w('lunch')]);
    const withMeal = task.encode("this morning let's meet for coffee");
    if ('error' in withMeal) throw new Error(withMeal.error);
    expect(withMeal.inputs[withMeal.inputs.length - 1]).toBe(w('for'));
    expect(withMeal.targets[withMeal.targets.length - 1]).toBe(w('coffee'));
    const noClue = task.encode("let's meet for");
    if ('error' in noClue) throw new Error(noClue.error);
    expect(noClue.targets.every((y) => y === -1)).toBe(true);
  });

  it('encodes Chinese by longest match against the vocabulary', () => {
    const task = createMeetTask({ lag: 3, lang: 'zh' });
    expect(tokenizeMeet('明天下午，我们约个', task.vocab)).toEqual(['明天', '下午', '我们', '约', '个']);
    expect(tokenizeMeet('明天下午我们去爬山然后约个', task.vocab))
      .toEqual(['明天', '下午', '我们', '<unk>', '然后', '约', '个']);
    const ex = task.encode('晚上我们约个');
    if ('error' in ex) throw new Error(ex.error);
    expect(ex.targets[ex.targets.length - 1]).toBe(task.vocab.indexOf('晚饭'));
  });

  it('returns i18n error keys for unencodable text', () => {
    const task = createMeetTask({ lag: 3, lang: 'en' });
    expect(task.encode('')).toEqual({ error: 'task.error.empty' });
    expect(task.encode(' \n\t ')).toEqual({ error: 'task.error.empty' });
    expect(task.encode('zebras giraffes')).toEqual({ error: 'task.error.noKnownToken' });
    expect(task.encode('!!! ???')).toEqual({ error: 'task.error.noKnownToken' });
    expect(task.encode('🙂🙂')).toEqual({ error: 'task.error.noKnownToken' });
  });
});
