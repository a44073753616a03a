/**
 * "Let's meet for ___" (many-to-one): the source article's next-word example as a small word-level
 * corpus in English or Chinese. A message opens with a greeting and a day, then a time-of-day clue,
 * then exactly `lag` filler words drawn from neutral phrases, and ends "let's meet for" (我们 约 个);
 * the only step that carries a loss is the last one, whose target is the meal the clue implies:
 *
 *   morning   早上 → breakfast 早饭
 *   afternoon 下午 → lunch     午饭   (the article's example)
 *   evening   晚上 → dinner    晚饭
 *   midnight  深夜 → coffee    咖啡   (a late-night study session)
 *
 * Nothing else in the message depends on the clue (greeting, day and fillers are drawn
 * independently), so the network must carry the clue across the fillers: `lag` dials the memory
 * demand. The clue sits at index T − 4 − lag (T = message length); 3 words follow the fillers.
 */
import type { Rng } from '../rng';
import { createRng } from '../rng';
import { accuracyOf, clampLag, EXAMPLES_SEED, MAX_ENCODE_STEPS, noLoss, TASK_ERRORS } from './common';
import type { Example, Task, TaskParams } from './types';

export const MEET_DEFAULT_LAG = 3;
export const MEET_UNK = '<unk>';

interface MeetLanguage {
  greetings: string[];
  days: string[];
  /** Clue i implies meal i. */
  clues: string[];
  meals: string[];
  /** Neutral phrases, as tokens; at least one has a single token. */
  fillers: string[][];
  /** The words between the fillers and the blank. */
  ending: string[];
}

const EN: MeetLanguage = {
  greetings: ['hi', 'hey', 'hello'],
  days: ['today', 'tomorrow', 'saturday', 'sunday'],
  clues: ['morning', 'afternoon', 'evening', 'midnight'],
  meals: ['breakfast', 'lunch', 'dinner', 'coffee'],
  fillers: [
    ['i', 'will', 'bring', 'the', 'notes'],
    ['see', 'you', 'at', 'the', 'station'],
    ['we', 'can', 'talk', 'about', 'the', 'project'],
    ['my', 'sister', 'is', 'coming', 'too'],
    ['the', 'weather', 'looks', 'nice'],
    ['call', 'me', 'when', 'you', 'are', 'free'],
    ['i', 'have', 'a', 'new', 'book'],
    ['so'], ['and'], ['then'], ['well'], ['ok'],
  ],
  ending: ["let's", 'meet', 'for'],
};

const ZH: MeetLanguage = {
  greetings: ['嗨', '你好'],
  days: ['今天', '明天', '周六', '周日'],
  clues: ['早上', '下午', '晚上', '深夜'],
  meals: ['早饭', '午饭', '晚饭', '咖啡'],
  fillers: [
    ['我', '会', '带', '笔记'],
    ['我们', '在', '车站', '见'],
    ['我们', '可以', '聊聊', '项目'],
    ['我', '姐姐', '也', '来'],
    ['天气', '不错'],
    ['你', '有空', '就', '打', '电话'],
    ['我', '有', '一本', '新书'],
    ['然后'], ['好的'], ['对了'], ['嗯'],
  ],
  ending: ['我们', '约', '个'],
};

/** The clue → meal table per language (index i of clues implies index i of meals). */
export const MEET_LANGUAGES: Readonly<Record<'en' | 'zh', Readonly<MeetLanguage>>> = { en: EN, zh: ZH };

function vocabOf(lang: MeetLanguage): string[] {
  const words = [
    ...lang.greetings, ...lang.days, ...lang.clues, ...lang.fillers.flat(), ...lang.ending, ...lang.meals,
  ];
  return [MEET_UNK, ...new Set(words)];
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Splits text into vocabulary tokens: lower-cased words; Han runs by longest match; unknown → <unk>. */
export function tokenizeMeet(text: string, vocab: readonly string[]): string[] {
  const known = new Set(vocab);
  const maxLen = Math.max(...vocab.map((w) => Array.from(w).length));
  const out: string[] = [];
  const normalized = text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
  for (const m of normalized.matchAll(WORD)) {
    const word = m[0];
    if (known.has(word)) { out.push(word); continue; }
    if (!HAN.test(word)) { out.push(MEET_UNK); continue; }
    const chars = Array.from(word);
    let i = 0;
    while (i < chars.length) {
      let taken = 0;
      for (let len = Math.min(maxLen, chars.length - i); len >= 1; len--) {
        const piece = chars.slice(i, i + len).join('');
        if (known.has(piece)) { out.push(piece); taken = len; break; }
      }
      if (taken === 0) {
        if (out[out.length - 1] !== MEET_UNK) out.push(MEET_UNK); // a run of unknown characters → one <unk>
        taken = 1;
      }
      i += taken;
    }
  }
  return out;
}

export function createMeetTask(params: TaskParams): Task {
  const langId = params.lang ?? params.corpus ?? 'en';
  const lang = langId === 'zh' ? ZH : EN;
  const lag = clampLag(params.lag, MEET_DEFAULT_LAG);
  const vocab = vocabOf(lang);
  const id = (w: string): number => vocab.indexOf(w);
  const clueIds = lang.clues.map(id);
  const mealIds = lang.meals.map(id);
  const unk = id(MEET_UNK);

  const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;
  const fillerWords = (rng: Rng): string[] => {
    const out: string[] = [];
    while (out.length < lag) {
      const room = lag - out.length;
      out.push(...pick(rng, lang.fillers.filter((p) => p.length <= room)));
    }
    return out;
  };

  const build = (rng: Rng, clue: number): Example => {
    const words = [pick(rng, lang.greetings), pick(rng, lang.days), lang.clues[clue]!, ...fillerWords(rng), ...lang.ending];
    const inputs = words.map(id);
    const targets = noLoss(inputs.length);
    targets[inputs.length - 1] = mealIds[clue]!;
    // the label names what matters: the clue word, the gap, the answer ("morning … ___ → breakfast")
    return { inputs, targets, label: `${lang.clues[clue]} … ___ → ${lang.meals[clue]}` };
  };

  const exRng = createRng(EXAMPLES_SEED);
  const examples = lang.clues.map((_, c) => build(exRng, c));

  return {
    id: 'meet',
    answers: lang.meals.length,
    shape: 'many-to-one',
    vocab,
    tokenKind: 'word',
    lag,
    sample: (rng) => build(rng, rng.int(lang.clues.length)),
    examples,
    /**
     * The user's message. When it ends with a meal word, that word is the target of the step before
     * it; otherwise the target is the meal implied by the last clue word in the message, if any
     * (else no step carries a loss).
     */
    encode: (text) => {
      if (text.trim() === '') return { error: TASK_ERRORS.empty };
      let inputs = tokenizeMeet(text, vocab).map(id).slice(0, MAX_ENCODE_STEPS);
      if (inputs.length === 0 || inputs.every((t) => t === unk)) return { error: TASK_ERRORS.noKnownToken };
      let target = -1;
      const last = inputs[inputs.length - 1]!;
      if (mealIds.includes(last) && inputs.length > 1) {
        target = last;
        inputs = inputs.slice(0, -1);
      } else {
        for (let t = inputs.length - 1; t >= 0 && target < 0; t--) {
          const c = clueIds.indexOf(inputs[t]!);
          if (c >= 0) target = mealIds[c]!;
        }
      }
      const targets = noLoss(inputs.length);
      targets[inputs.length - 1] = target;
      return { inputs, targets };
    },
    accuracy: accuracyOf,
  };
}
