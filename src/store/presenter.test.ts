import { describe, expect, it } from 'vitest';
import { notes as notesTables } from '../i18n/notes';
import { CHAPTERS } from './lessonChapters';
import {
  HEARTBEAT_MS, PEER_TIMEOUT_MS, initialPresenter, readMessage, reducePresenter,
  type PresenterEffect, type PresenterEvent, type PresenterState, type StageReport,
} from './presenter';

const report = (over: Partial<StageReport> = {}): StageReport =>
  ({ lesson: 'vanishing', turn: 1, running: false, step: 12, loss: 3.2, lang: 'en', ...over });

/** Runs events through the reducer, collecting every effect. */
function run(state: PresenterState, events: PresenterEvent[]): { state: PresenterState; effects: PresenterEffect[] } {
  const effects: PresenterEffect[] = [];
  for (const e of events) {
    const r = reducePresenter(state, e);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const sent = (effects: PresenterEffect[]) => effects.flatMap((e) => (e.kind === 'send' ? [e.message] : []));

/**
 * Two windows wired together: every message one sends, the other receives at the same time if it is
 * open. The stage is open from the start; the console opens at its `start`; `close` closes a window
 * and a later `start` opens it afresh (a reload).
 */
function pair() {
  const state = { stage: initialPresenter('stage'), console: initialPresenter('console') };
  const open = { stage: true, console: false };
  /** A muted window's messages are lost (a window whose timers have slowed, a frozen one). */
  const muted = { stage: false, console: false };
  const ran: string[] = [];
  const feed = (who: 'stage' | 'console', e: PresenterEvent) => {
    if (e.kind === 'start') {
      state[who] = initialPresenter(who);
      open[who] = true;
    }
    if (!open[who]) return;
    const r = reducePresenter(state[who], e);
    state[who] = r.state;
    if (e.kind === 'close') open[who] = false;
    for (const eff of r.effects) if (eff.kind === 'run') ran.push(eff.command);
    const other = who === 'stage' ? 'console' : 'stage';
    if (muted[who]) return;
    for (const message of sent(r.effects)) feed(other, { kind: 'receive', message, now: e.now });
  };
  const mute = (who: 'stage' | 'console', on: boolean) => { muted[who] = on; };
  return { feed, ran, mute, get stage() { return state.stage; }, get console() { return state.console; } };
}

describe('presenter protocol', () => {
  it('a console that opens is greeted with the stage\'s report; both then know of each other', () => {
    const w = pair();
    w.feed('stage', { kind: 'stage-changed', report: report(), now: 0 });
    expect(w.stage.peer).toBe(false);
    w.feed('console', { kind: 'start', now: 10 });
    expect(w.stage.peer).toBe(true);
    expect(w.console.peer).toBe(true);
    expect(w.console.report).toEqual(report());
  });

  it('the console\'s presses run on the stage, and the stage\'s changes reach the console', () => {
    const w = pair();
    w.feed('stage', { kind: 'stage-changed', report: report({ turn: 0 }), now: 0 });
    w.feed('console', { kind: 'start', now: 0 });
    w.feed('console', { kind: 'press', command: 'forwardBeat', now: 5 });
    w.feed('console', { kind: 'press', command: 'togglePlay', now: 6 });
    expect(w.ran).toEqual(['forwardBeat', 'togglePlay']);
    w.feed('stage', { kind: 'stage-changed', report: report({ turn: 1, running: true }), now: 7 });
    expect(w.console.report).toMatchObject({ turn: 1, running: true });
  });

  it('an unchanged report is not sent again; a stage-side press runs at once', () => {
    const s = run(initialPresenter('stage'), [{ kind: 'stage-changed', report: report(), now: 0 }]).state;
    expect(reducePresenter(s, { kind: 'stage-changed', report: report(), now: 1 }).effects).toEqual([]);
    expect(reducePresenter(s, { kind: 'press', command: 'reset', now: 1 }).effects).toEqual([{ kind: 'run', command: 'reset' }]);
  });

  it('closing either window leaves the other alone: bye, or silence past the timeout', () => {
    const w = pair();
    w.feed('stage', { kind: 'stage-changed', report: report(), now: 0 });
    w.feed('console', { kind: 'start', now: 0 });
    w.feed('console', { kind: 'close', now: 100 });
    expect(w.stage.peer).toBe(false);
    expect(w.console.peer).toBe(false);
    // the console keeps its last report: the notes stay readable
    expect(w.console.report).toEqual(report());

    const v = pair();
    v.feed('stage', { kind: 'stage-changed', report: report(), now: 0 });
    v.feed('console', { kind: 'start', now: 0 });
    // heartbeats keep both alive …
    for (let t = HEARTBEAT_MS; t <= 3 * PEER_TIMEOUT_MS; t += HEARTBEAT_MS) {
      v.feed('stage', { kind: 'tick', now: t });
      v.feed('console', { kind: 'tick', now: t });
    }
    expect(v.stage.peer && v.console.peer).toBe(true);
    // … until the stage falls silent (closed without a word): the console lets it go
    v.mute('stage', true);
    v.mute('console', true);
    const quiet = 3 * PEER_TIMEOUT_MS + PEER_TIMEOUT_MS + 1;
    v.feed('console', { kind: 'tick', now: quiet });
    expect(v.console.peer).toBe(false);
    // a silent console (a window behind others ticks slowly) stays the stage's until it says bye
    v.feed('stage', { kind: 'tick', now: quiet });
    expect(v.stage.peer).toBe(true);
  });

  it('a press after the stage fell silent still reaches it, and its report reconnects the console', () => {
    const w = pair();
    w.feed('stage', { kind: 'stage-changed', report: report({ turn: 0 }), now: 0 });
    w.feed('console', { kind: 'start', now: 0 });
    w.mute('stage', true);
    w.feed('console', { kind: 'tick', now: PEER_TIMEOUT_MS + 10 });
    expect(w.console.peer).toBe(false);
    w.mute('stage', false);
    w.feed('console', { kind: 'press', command: 'forwardBeat', now: PEER_TIMEOUT_MS + 20 });
    expect(w.ran).toEqual(['forwardBeat']);
    w.feed('stage', { kind: 'stage-changed', report: report({ turn: 1 }), now: PEER_TIMEOUT_MS + 21 });
    expect(w.console.peer).toBe(true);
    expect(w.console.report).toMatchObject({ lesson: 'vanishing', turn: 1 });
  });

  it('without a stage the console pages through the chapters\' notes', () => {
    let c = initialPresenter('console');
    const r1 = reducePresenter(c, { kind: 'press', command: 'forwardBeat', now: 0 });
    // the command still goes out, in case a stage is there but silent
    expect(r1.effects).toEqual([{ kind: 'send', message: { kind: 'command', from: 'console', command: 'forwardBeat' } }]);
    c = r1.state;
    expect(c.report?.lesson).toBe(CHAPTERS[0]!.id);
    c = run(c, [{ kind: 'press', command: 'nextLesson', now: 1 }, { kind: 'press', command: 'nextLesson', now: 2 }]).state;
    expect(c.report?.lesson).toBe(CHAPTERS[2]!.id);
    c = run(c, [{ kind: 'press', command: 'prevLesson', now: 3 }, { kind: 'press', command: 'togglePlay', now: 4 }]).state;
    expect(c.report?.lesson).toBe(CHAPTERS[1]!.id);
  });

  it('a stage that reloads is found again by the console', () => {
    const w = pair();
    w.feed('stage', { kind: 'stage-changed', report: report(), now: 0 });
    w.feed('console', { kind: 'start', now: 0 });
    w.feed('stage', { kind: 'close', now: 10 });
    expect(w.console.peer).toBe(false);
    // the reloaded stage starts from scratch and announces itself with its report
    w.feed('stage', { kind: 'start', now: 20 });
    expect(w.console.peer).toBe(false);
    w.feed('stage', { kind: 'stage-changed', report: report({ lesson: 'lstm' }), now: 21 });
    expect(w.console.peer).toBe(true);
    expect(w.stage.peer).toBe(true);
    expect(w.console.report?.lesson).toBe('lstm');
  });

  it('reads only well-formed messages, from the other role', () => {
    expect(readMessage({ kind: 'command', from: 'console', command: 'step' })).toEqual({ kind: 'command', from: 'console', command: 'step' });
    for (const bad of [
      null, 'hello', 42, {}, { kind: 'command', from: 'console', command: 'eval' }, { kind: 'command', from: 'stage', command: 'step' },
      { kind: 'report', from: 'stage', report: { ...report(), lang: 'fr' } }, { kind: 'report', from: 'stage', report: { ...report(), turn: -1 } },
      { kind: 'report', from: 'stage', report: { ...report(), loss: Number.NaN } }, { kind: 'bye', from: 'someone' },
      { kind: 'report', from: 'stage', report: { ...report(), repeating: 'yes' } },
    ]) expect(readMessage(bad)).toBeNull();
    // a stage stepping through time tells the console that PageDown repeats the beat
    expect(readMessage({ kind: 'report', from: 'stage', report: { ...report(), repeating: true } }))
      .toEqual({ kind: 'report', from: 'stage', report: { ...report(), repeating: true } });
    // a stage ignores another stage's report; a console ignores another console's command
    const s = initialPresenter('stage');
    expect(reducePresenter(s, { kind: 'receive', message: { kind: 'report', from: 'stage', report: report() }, now: 0 }).state).toBe(s);
    const c = initialPresenter('console');
    expect(reducePresenter(c, { kind: 'receive', message: { kind: 'command', from: 'console', command: 'reset' }, now: 0 }).effects).toEqual([]);
  });

  it('every chapter has presenter notes in both languages: what to say, to point at, to expect', () => {
    for (const c of CHAPTERS) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const notes = notesTables[lang][`lesson.${c.id}.notes`] ?? '';
        expect([c.id, lang, notes.split('\n').length >= 3]).toEqual([c.id, lang, true]);
        expect(notes).toMatch(lang === 'en' ? /Expect/ : /应当看到/);
      }
    }
  });
});
