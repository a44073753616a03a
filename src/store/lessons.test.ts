import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tables } from '../i18n';
import type { Command } from '../worker/protocol';
import { connectWorker, resetStore, setConfig, useStore, DEFAULT_CONFIG } from './index';
import { applyUrlState, sanitizeConfig } from './actions';
import {
  CHAPTERS, CHAPTER_IDS, LESSON_BASE, backBeat, chapterKeys, fasterPace, focusPanels, forwardBeat, leaveLesson, nextLesson,
  openLesson, prevLesson, presetConfig, resetLessons, resumeLesson, startLessonFromLink, tryThis, useLessonStore, vote,
} from './lessons';
import { PARAMS } from './params';
import { parseUrl } from './url';

/** The panels of the page (their data-testids). */
const PANELS = [
  'panel-unrolled', 'panel-hidden', 'panel-gates', 'panel-cell-state', 'panel-predictions', 'panel-loss', 'panel-equations',
  'panel-gradients', 'panel-spectrum', 'panel-clipping', 'panel-gradcheck', 'panel-weights', 'panel-neurons', 'panel-trajectory',
];

let sent: Command[] = [];
let disconnect: () => void = () => {};

beforeEach(() => {
  disconnect();
  resetStore();
  resetLessons();
  sent = [];
  disconnect = connectWorker({ send: vi.fn((c: Command) => { sent.push(c); }), terminate: vi.fn() });
});

const lastConfig = () => [...sent].reverse().find((c) => c.type === 'set-config');

describe('the chapter table', () => {
  it('follows the article, with unique ids a link can carry', () => {
    expect(CHAPTER_IDS).toEqual(['why', 'shapes', 'recurrence', 'loss', 'bptt', 'vanishing', 'clipping', 'lstm', 'highway', 'gru', 'race', 'units']);
    expect(new Set(CHAPTER_IDS).size).toBe(CHAPTER_IDS.length);
    const spec = PARAMS.find((p) => p.field === 'lesson')!;
    for (const id of CHAPTER_IDS) {
      expect(parseUrl(`lesson=${id}`, '').state.lesson).toBe(id);
      expect(spec.type === 'string' && spec.pattern?.test(id)).toBe(true);
    }
  });

  it('every preset is a valid config: nothing clamped, dropped or flagged', () => {
    for (const c of CHAPTERS) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const preset = presetConfig(c, lang);
        const { config, notices } = sanitizeConfig(DEFAULT_CONFIG, preset);
        expect([c.id, notices]).toEqual([c.id, []]);
        expect(config).toMatchObject(preset);
        expect(Object.keys(config).sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
      }
    }
  });

  it('presets cover every setting a lesson depends on, so chapters do not inherit one another', () => {
    const fields = Object.keys(DEFAULT_CONFIG).filter((k) => k !== 'text');
    for (const c of CHAPTERS) expect(Object.keys(presetConfig(c, 'en')).sort()).toEqual(fields.sort());
    expect(LESSON_BASE.compare).toBe(false);
  });

  it('the long-lag chapters run the memory task at lag 40; compare mode where cells race', () => {
    const byId = Object.fromEntries(CHAPTERS.map((c) => [c.id, presetConfig(c, 'en')]));
    for (const id of ['highway', 'gru', 'race']) expect(byId[id]).toMatchObject({ task: 'recall', lag: 40 });
    expect(byId.highway!.compare).toBe(true);
    expect(byId.race!.compare).toBe(true);
    expect(byId.why).toMatchObject({ task: 'meet', cell: 'rnn' });
    expect(byId.lstm).toMatchObject({ task: 'meet', cell: 'lstm' });
    expect(byId.gru).toMatchObject({ cell: 'gru' });
    expect(presetConfig(CHAPTERS[0]!, 'zh-CN').corpus).toBe('zh');
  });

  it('points only at panels of the page, and every chapter has text in both languages', () => {
    for (const c of CHAPTERS) {
      expect(c.focus.length).toBeGreaterThan(0);
      for (const id of c.focus) expect(PANELS).toContain(id);
      expect(c.beats.length).toBeGreaterThan(0);
      for (const key of [...chapterKeys(c), 'lesson.notice.unknown', 'lesson.pane.title']) {
        expect([key, Boolean(tables.en[key])]).toEqual([key, true]);
        expect([key, Boolean(tables['zh-CN'][key])]).toEqual([key, true]);
      }
    }
  });

  it('chapter texts keep their TeX balanced and the same formulas in both languages', () => {
    const tex = (s: string) => s.split('$').filter((_, i) => i % 2 === 1);
    for (const c of CHAPTERS) {
      for (const key of chapterKeys(c)) {
        const en = tables.en[key]!;
        const zh = tables['zh-CN'][key]!;
        expect([key, en.split('$').length % 2]).toEqual([key, 1]);
        expect([key, tex(zh).sort()]).toEqual([key, tex(en).sort()]);
      }
    }
  });
});

describe('navigation', () => {
  it('opening a chapter pauses, applies its preset and marks it open', () => {
    openLesson('vanishing');
    const s = useStore.getState();
    expect(s.lesson).toBe('vanishing');
    expect(s.running).toBe(false);
    expect(s.config).toMatchObject({ task: 'charlm', cell: 'rnn', hidden: 32 });
    expect(lastConfig()).toMatchObject({ type: 'set-config', config: { task: 'charlm' } });
    expect(focusPanels(s.lesson)).toContain('panel-spectrum');
    openLesson('nope');
    expect(useStore.getState().lesson).toBe('vanishing');
  });

  it('next and previous walk the chapters in order and stop at the ends', () => {
    nextLesson();
    expect(useStore.getState().lesson).toBe('why');
    prevLesson();
    expect(useStore.getState().lesson).toBe('why');
    const seen = ['why'];
    for (let i = 1; i < CHAPTERS.length + 2; i++) {
      nextLesson();
      seen.push(useStore.getState().lesson!);
    }
    expect(seen.slice(0, CHAPTERS.length)).toEqual(CHAPTER_IDS);
    expect(useStore.getState().lesson).toBe('units');
    prevLesson();
    prevLesson();
    expect(useStore.getState().lesson).toBe('gru');
    expect(useStore.getState().selectedStep).toBe(20);
    openLesson('bptt');
    expect(useStore.getState().selectedStep).toBe(3);
  });

  it('free play keeps the settings; resume reopens the chapter left', () => {
    openLesson('lstm');
    setConfig({ hidden: 40 });
    leaveLesson();
    expect(useStore.getState().lesson).toBe(null);
    expect(useStore.getState().config).toMatchObject({ cell: 'lstm', hidden: 40 });
    expect(useLessonStore.getState().last).toBe('lstm');
    nextLesson();
    expect(useStore.getState().lesson).toBe('highway');
    leaveLesson();
    resumeLesson();
    expect(useStore.getState().lesson).toBe('highway');
    expect(useStore.getState().config.compare).toBe(true);
  });

  it('"try this" runs the beats in order, then starts the chapter again from its first beat', () => {
    openLesson('shapes');
    expect(useStore.getState().config.task).toBe('spell');
    const tasks = [0, 1, 2].map(() => { tryThis(); return useStore.getState().config.task; });
    expect(tasks).toEqual(['meet', 'charlm', 'spell']);
    expect(useLessonStore.getState().turn).toBe(3);
    sent = [];
    tryThis();
    expect(sent.map((c) => c.type)).toContain('reset');
    expect(useStore.getState().config.task).toBe('meet');
    expect(useLessonStore.getState().turn).toBe(1);
    openLesson('vanishing');
    tryThis();
    tryThis();
    const rescales = sent.filter((c) => c.type === 'rescale-recurrent').map((c) => (c as { sigmaMax: number }).sigmaMax);
    expect(rescales).toEqual([0.5, 1.5]);
    openLesson('clipping');
    tryThis();
    expect(useStore.getState()).toMatchObject({ running: true, config: { clip: 0 } });
    tryThis();
    expect(useStore.getState().config.clip).toBeGreaterThan(0);
  });

  it('the recurrence chapter steps through time: each press one step on, on the same run, then the whole trace again', async () => {
    const { stepCursor } = await import('./sweep');
    openLesson('recurrence');
    const snap = useStore.getState().snapshot;
    useStore.setState({ snapshot: { ...(snap ?? {} as never), models: [{ T: 3 } as never] } as never });
    sent = [];
    const cursors = [0, 1, 2, 3, 4].map(() => { tryThis(); return [stepCursor(), useStore.getState().selectedStep]; });
    expect(cursors).toEqual([[0, 0], [1, 1], [2, 2], [null, null], [0, 0]]);
    expect(sent.map((c) => c.type), 'no fresh start, nothing asked of the worker').toEqual([]);
    // a presenter's clicker steps through time too, then moves on to the next chapter
    openLesson('recurrence');
    useStore.setState({ snapshot: { ...(snap ?? {} as never), models: [{ T: 3 } as never] } as never });
    const clicks = [0, 1, 2, 3, 4].map(() => { forwardBeat(); return [useStore.getState().lesson, stepCursor()]; });
    expect(clicks).toEqual([['recurrence', 0], ['recurrence', 1], ['recurrence', 2], ['recurrence', null], ['loss', null]]);
    // and PageUp steps back one time step at a time, then to the chapter's start
    openLesson('recurrence');
    useStore.setState({ snapshot: { ...(snap ?? {} as never), models: [{ T: 3 } as never] } as never });
    forwardBeat();
    forwardBeat();
    forwardBeat();
    const backs = [0, 1, 2].map(() => { backBeat(); return [useStore.getState().lesson, stepCursor(), useLessonStore.getState().turn]; });
    expect(backs).toEqual([['recurrence', 1, 1], ['recurrence', 0, 1], ['recurrence', null, 0]]);
  });

  it('a chapter opens fresh: paused, its own pace, a reset run with empty histories', () => {
    useStore.setState({ histories: [{ step: [1, 2], loss: [3, 2], gradNorm: [1, 1], clippedNorm: [1, 1] }] });
    sent = [];
    openLesson('loss');
    const s = useStore.getState();
    expect(s.histories).toEqual([]);
    expect(s.config.speed).toBe(CHAPTERS.find((c) => c.id === 'loss')!.config.speed);
    expect(sent.map((c) => c.type)).toEqual(expect.arrayContaining(['pause', 'set-config', 'reset']));
    expect(sent.findIndex((c) => c.type === 'reset')).toBeGreaterThan(sent.findIndex((c) => c.type === 'set-config'));
  });

  it('PageDown runs the beats, then moves on; PageUp goes back a beat, then a chapter', () => {
    openLesson('vanishing');
    forwardBeat();
    expect(useLessonStore.getState().turn).toBe(1);
    forwardBeat();
    expect(useLessonStore.getState().turn).toBe(2);
    sent = [];
    backBeat();
    // back a beat: the chapter starts again and replays the beats before the last one
    expect(useLessonStore.getState().turn).toBe(1);
    expect(sent.map((c) => c.type)).toEqual(expect.arrayContaining(['reset', 'rescale-recurrent']));
    expect(sent.filter((c) => c.type === 'rescale-recurrent').map((c) => (c as { sigmaMax: number }).sigmaMax)).toEqual([0.5]);
    const beats = CHAPTERS.find((c) => c.id === 'vanishing')!.beats.length;
    for (let turn = 1; turn < beats; turn++) forwardBeat();
    expect(useStore.getState().lesson).toBe('vanishing');
    forwardBeat();
    expect(useStore.getState().lesson).toBe('clipping');
    expect(useLessonStore.getState().turn).toBe(0);
    backBeat();
    expect(useStore.getState().lesson).toBe('vanishing');
  });

  it('the prediction is answered by the beat that shows it', () => {
    openLesson('vanishing');
    vote('smaller');
    tryThis();
    expect(useLessonStore.getState().revealed).toBe(false);
    tryThis();
    expect(useLessonStore.getState()).toMatchObject({ revealed: true, vote: 'smaller' });
    backBeat();
    expect(useLessonStore.getState().revealed).toBe(false);
    openLesson('clipping');
    expect(useLessonStore.getState()).toMatchObject({ revealed: false, vote: null });
  });

  it('the pace multiplies the chapter speed: lesson, 4×, fastest', () => {
    openLesson('race');
    const speed = CHAPTERS.find((c) => c.id === 'race')!.config.speed;
    expect(useStore.getState().config.speed).toBe(speed);
    fasterPace();
    expect(useStore.getState().config.speed).toBe(4 * speed);
    fasterPace();
    expect(useStore.getState().config.speed).toBe(0);
    fasterPace();
    expect(useStore.getState().config.speed).toBe(speed);
  });
});

describe('links', () => {
  const fromLink = (query: string) => {
    const { state, notices } = parseUrl(query, '');
    applyUrlState(state, 'en', notices);
    return startLessonFromLink();
  };

  it('a link to a chapter applies its preset but keeps the settings the link carries', () => {
    expect(fromLink('lesson=vanishing&seed=3')).toBe(true);
    const s = useStore.getState();
    expect(s.lesson).toBe('vanishing');
    expect(s.config).toMatchObject({ task: 'charlm', cell: 'rnn', hidden: 32, seed: 3 });
    expect(startLessonFromLink()).toBe(false);
  });

  it('keeps the link selection, else takes the chapter one', () => {
    fromLink('lesson=bptt&step=5');
    expect(useStore.getState().selectedStep, 'the step the page calls 5').toBe(4);
    resetStore();
    resetLessons();
    fromLink('lesson=bptt');
    expect(useStore.getState().selectedStep).toBe(3);
  });

  it('an unknown chapter falls back to free play with a notice', () => {
    expect(fromLink('lesson=nosuch&hidden=12')).toBe(false);
    const s = useStore.getState();
    expect(s.lesson).toBe(null);
    expect(s.config.hidden).toBe(12);
    expect(s.notices.map((n) => n.key)).toContain('lesson.notice.unknown');
  });
});
