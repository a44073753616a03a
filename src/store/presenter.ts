/**
 * The presenter console and its stage: two windows of the page that keep in step through one message
 * channel. The stage (the projector's window) trains and reports what it shows; the console (the
 * lecturer's screen) shows the chapter's notes and sends the lecturer's commands, which the stage runs.
 *
 * Everything here is pure: `reducePresenter` takes the window's presenter state and one event (a
 * message from the other window, a press, a change of the stage, a clock tick) and returns the next
 * state and the effects to carry out (messages to send, a command to run). The app owns the channel
 * and the clock; this file owns the protocol.
 */
import { CHAPTERS } from './lessonChapters';
import { sliceOf } from './store';
import { initialPresenter } from './slices';
import type { Lang } from './types';

export { initialPresenter };

/** What the console may ask the stage to do (each is one of the stage's own actions). */
export const PRESENTER_COMMANDS = [
  'togglePlay', 'step', 'reset', 'forwardBeat', 'backBeat', 'nextLesson', 'prevLesson',
] as const;
export type PresenterCommand = (typeof PRESENTER_COMMANDS)[number];

/** What the stage shows, as far as the console needs it. */
export interface StageReport {
  lesson: string | null;
  /** Beats of the open chapter already run. */
  turn: number;
  running: boolean;
  /** Training step of the first model. */
  step: number;
  /** Latest loss (null before the first step or when not finite). */
  loss: number | null;
  lang: Lang;
  /** PageDown runs the chapter's repeating last beat once more (it still shows something new), not the next chapter. */
  repeating?: boolean;
}

export type PresenterRole = 'stage' | 'console';

/** The messages on the channel. Each names its sender's role, so a window ignores its own kind. */
export type PresenterMessage =
  | { kind: 'hello'; from: 'console' }
  | { kind: 'report'; from: 'stage'; report: StageReport }
  | { kind: 'command'; from: 'console'; command: PresenterCommand }
  | { kind: 'bye'; from: PresenterRole };

/** Events a window feeds its reducer. `now` is a time in milliseconds. */
export type PresenterEvent =
  | { kind: 'start'; now: number }
  | { kind: 'receive'; message: unknown; now: number }
  | { kind: 'press'; command: PresenterCommand; now: number }
  | { kind: 'stage-changed'; report: StageReport; now: number }
  | { kind: 'tick'; now: number }
  | { kind: 'close'; now: number };

export type PresenterEffect =
  | { kind: 'send'; message: PresenterMessage }
  | { kind: 'run'; command: PresenterCommand };

export interface PresenterState {
  role: PresenterRole;
  /** Whether the other window is there (the console: heard from within PEER_TIMEOUT_MS; the stage: until bye). */
  peer: boolean;
  /** When the other window was last heard from (−∞: never). */
  heardAt: number;
  /** When this window last sent a heartbeat. */
  beatAt: number;
  /** The stage's report: on the stage, what it shows; on the console, the latest one received. */
  report: StageReport | null;
}

/** How often a window says it is still there. */
export const HEARTBEAT_MS = 1000;
/** Silence after which the console counts the stage as closed (it may have closed without saying bye). */
export const PEER_TIMEOUT_MS = 3500;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

function readReport(x: unknown): StageReport | null {
  if (!isObject(x)) return null;
  const { lesson, turn, running, step, loss, lang, repeating } = x;
  if (repeating !== undefined && typeof repeating !== 'boolean') return null;
  if (lesson !== null && (typeof lesson !== 'string' || lesson.length > 40)) return null;
  if (typeof turn !== 'number' || !Number.isInteger(turn) || turn < 0) return null;
  if (typeof running !== 'boolean' || typeof step !== 'number' || !Number.isFinite(step)) return null;
  if (loss !== null && (typeof loss !== 'number' || !Number.isFinite(loss))) return null;
  if (lang !== 'en' && lang !== 'zh-CN') return null;
  return { lesson, turn, running, step, loss, lang, ...(repeating ? { repeating } : {}) };
}

/** The message a value read from the channel stands for, or null for anything else (never throws). */
export function readMessage(data: unknown): PresenterMessage | null {
  if (!isObject(data)) return null;
  switch (data.kind) {
    case 'hello':
      return data.from === 'console' ? { kind: 'hello', from: 'console' } : null;
    case 'bye':
      return data.from === 'console' || data.from === 'stage' ? { kind: 'bye', from: data.from } : null;
    case 'command':
      return data.from === 'console' && PRESENTER_COMMANDS.includes(data.command as PresenterCommand)
        ? { kind: 'command', from: 'console', command: data.command as PresenterCommand } : null;
    case 'report': {
      const report = data.from === 'stage' ? readReport(data.report) : null;
      return report ? { kind: 'report', from: 'stage', report } : null;
    }
    default:
      return null;
  }
}

function sameReport(a: StageReport | null, b: StageReport | null): boolean {
  if (!a || !b) return a === b;
  return a.lesson === b.lesson && a.turn === b.turn && a.running === b.running && a.step === b.step &&
    a.loss === b.loss && a.lang === b.lang;
}

/**
 * The console's own move while no stage is there: the chapter commands (and the clicker's beats)
 * page through the notes chapter by chapter, so the lecturer can read ahead; the rest do nothing.
 */
function browse(report: StageReport | null, command: PresenterCommand): StageReport | null {
  const forward = command === 'nextLesson' || command === 'forwardBeat';
  if (!forward && command !== 'prevLesson' && command !== 'backBeat') return report;
  const at = report?.lesson ? CHAPTERS.findIndex((c) => c.id === report.lesson) : -1;
  const to = forward ? Math.min(CHAPTERS.length - 1, at + 1) : Math.max(0, at - 1);
  return { lesson: CHAPTERS[to]!.id, turn: 0, running: false, step: 0, loss: null, lang: report?.lang ?? 'en' };
}

type Result = { state: PresenterState; effects: PresenterEffect[] };

function heard(state: PresenterState, now: number): PresenterState {
  return { ...state, peer: true, heardAt: now };
}

function onMessage(state: PresenterState, message: PresenterMessage, now: number): Result {
  if (message.from === state.role) return { state, effects: [] };
  if (state.role === 'stage') {
    const next = heard(state, now);
    switch (message.kind) {
      case 'hello':
        // a console opened (or says it is still there): tell it what the stage shows
        return { state: next, effects: next.report ? [{ kind: 'send', message: { kind: 'report', from: 'stage', report: next.report } }] : [] };
      case 'command':
        return { state: next, effects: [{ kind: 'run', command: message.command }] };
      case 'bye':
        return { state: { ...state, peer: false, heardAt: -Infinity }, effects: [] };
      default:
        return { state, effects: [] };
    }
  }
  switch (message.kind) {
    case 'report': {
      // a stage that did not know of this console (it just opened, or reloaded) is greeted back
      const effects: PresenterEffect[] = state.peer ? [] : [{ kind: 'send', message: { kind: 'hello', from: 'console' } }];
      return { state: { ...heard(state, now), report: message.report }, effects };
    }
    case 'bye':
      return { state: { ...state, peer: false, heardAt: -Infinity }, effects: [] };
    default:
      return { state, effects: [] };
  }
}

/** The heartbeat both windows send: the stage its report, the console a hello. */
function heartbeat(state: PresenterState): PresenterMessage | null {
  if (state.role === 'console') return { kind: 'hello', from: 'console' };
  return state.report ? { kind: 'report', from: 'stage', report: state.report } : null;
}

/** The next presenter state and its effects for one event (see the file comment). */
export function reducePresenter(state: PresenterState, event: PresenterEvent): Result {
  switch (event.kind) {
    case 'start': {
      const hello = heartbeat(state);
      return { state: { ...state, beatAt: event.now }, effects: hello ? [{ kind: 'send', message: hello }] : [] };
    }
    case 'receive': {
      const message = readMessage(event.message);
      return message ? onMessage(state, message, event.now) : { state, effects: [] };
    }
    case 'press': {
      if (state.role === 'stage') return { state, effects: [{ kind: 'run', command: event.command }] };
      // sent even when the stage has been silent (a hidden window's timers slow down): a stage that is
      // there runs it and reports back; without one the console pages through the notes itself
      const send: PresenterEffect = { kind: 'send', message: { kind: 'command', from: 'console', command: event.command } };
      return { state: state.peer ? state : { ...state, report: browse(state.report, event.command) }, effects: [send] };
    }
    case 'stage-changed': {
      if (state.role !== 'stage' || sameReport(state.report, event.report)) return { state, effects: [] };
      const next = { ...state, report: event.report, beatAt: event.now };
      return { state: next, effects: [{ kind: 'send', message: { kind: 'report', from: 'stage', report: event.report } }] };
    }
    case 'tick': {
      let next = state;
      // the console counts a silent stage as gone; the stage keeps its console until it says bye (a
      // console window left behind others may tick only once a minute)
      if (state.role === 'console' && state.peer && event.now - state.heardAt > PEER_TIMEOUT_MS) next = { ...next, peer: false };
      if (event.now - state.beatAt < HEARTBEAT_MS) return { state: next, effects: [] };
      const beat = heartbeat(next);
      return { state: { ...next, beatAt: event.now }, effects: beat ? [{ kind: 'send', message: beat }] : [] };
    }
    case 'close':
      return { state: { ...state, peer: false }, effects: [{ kind: 'send', message: { kind: 'bye', from: state.role } }] };
  }
}

/** This window's presenter state, for the views (the app feeds it through `reducePresenter`). */
export const usePresenterStore = sliceOf('presenter');

/** The console's way to send a press (the app connects it to the channel); a no-op until connected. */
let pressHandler: (command: PresenterCommand) => void = () => {};

export function connectPresenterPress(handler: (command: PresenterCommand) => void): () => void {
  pressHandler = handler;
  return () => { if (pressHandler === handler) pressHandler = () => {}; };
}

/** A press of one of the console's controls (or keys). */
export function pressPresenter(command: PresenterCommand): void {
  pressHandler(command);
}
