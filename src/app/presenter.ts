/**
 * The presenter console's two windows, wired: the only code that touches `BroadcastChannel` and
 * `window.open`. A window that opens a console (or that a console opens) is its stage and answers it
 * on the channel; a window opened with `console=1` is a console. Each feeds its events to the pure `reducePresenter` and
 * carries out the effects: messages onto the channel, commands run by the stage's own actions.
 *
 * While a console is connected the stage is in stage mode: presentation mode on (large type, high
 * contrast) and the settings closed and out of sight; when the console goes (closed, or silent past
 * the timeout) the stage returns to presentation mode as it was.
 */
import { translate } from '../i18n';
import {
  DEFAULT_URL_STATE, addNotice, formatUrl, reset, setLang, stepOnce, toggleSettings, togglePlay, togglePresent, useStore,
} from '../store';
import { backBeat, chapterOf, forwardBeat, nextLesson, prevLesson, useLessonStore } from '../store/lessons';
import {
  connectPresenterPress, initialPresenter, reducePresenter, usePresenterStore,
  type PresenterCommand, type PresenterEvent, type PresenterRole, type StageReport,
} from '../store/presenter';
import { isTypingTarget, listenForKeys } from './shortcuts';

/** How often the windows check on each other (heartbeats, timeouts). */
const TICK_MS = 500;
/** The stage reports its step and loss at most this often (a change of chapter, beat or play at once). */
const REPORT_MS = 250;
const CONSOLE_WINDOW = 'unrolled-presenter-console';
const STAGE_WINDOW = 'unrolled-presenter-stage';

/** What the stage's own actions do for each command. */
const RUN: Record<PresenterCommand, () => void> = {
  togglePlay, step: () => stepOnce(), reset, forwardBeat, backBeat, nextLesson, prevLesson,
};

/** The console's keys: the stage's shortcuts that drive a talk. */
export const CONSOLE_KEYS: Readonly<Record<string, PresenterCommand>> = {
  ' ': 'togglePlay', ArrowRight: 'step', r: 'reset', R: 'reset', PageDown: 'forwardBeat', PageUp: 'backBeat',
  n: 'nextLesson', N: 'nextLesson', p: 'prevLesson', P: 'prevLesson',
};

/** The command a key press in the console stands for, or null (typing, modifiers, dialogs, repeats). */
export function consoleCommandFor(e: KeyboardEvent): PresenterCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.isComposing || e.repeat) return null;
  if (isTypingTarget(e.target)) return null;
  return CONSOLE_KEYS[e.key] ?? null;
}

/** The channel's name: one per page address, so two copies of the page on one host do not talk. */
function channelName(win: Window): string {
  return `unrolled-presenter:${win.location.pathname}`;
}

/** The address of the page with `state`'s query (path kept, so it works under any sub-path). */
function pageHref(win: Window, query: string): string {
  return `${win.location.pathname}${query ? `?${query}` : ''}`;
}

/**
 * Runs one window's side of the protocol: a channel, a clock tick, the reducer. `onEffects` hooks
 * extra behaviour; returns the dispatcher and a stop function.
 */
function startPeer(win: Window, role: PresenterRole, run: (c: PresenterCommand) => void) {
  usePresenterStore.setState(initialPresenter(role), true);
  const Channel = (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (typeof Channel !== 'function') return { dispatch: () => {}, stop: () => {} };
  const channel = new Channel(channelName(win));
  let closed = false;
  const dispatch = (event: PresenterEvent) => {
    if (closed) return;
    const { state, effects } = reducePresenter(usePresenterStore.getState(), event);
    usePresenterStore.setState(state, true);
    for (const effect of effects) {
      if (effect.kind === 'send') channel.postMessage(effect.message);
      else run(effect.command);
    }
  };
  channel.onmessage = (e: MessageEvent) => dispatch({ kind: 'receive', message: e.data, now: Date.now() });
  const timer = win.setInterval(() => dispatch({ kind: 'tick', now: Date.now() }), TICK_MS);
  // a window that goes says so once and then keeps quiet (a heartbeat while it unloads would bring it back)
  const onHide = () => {
    dispatch({ kind: 'close', now: Date.now() });
    closed = true;
  };
  // back from the back-forward cache: say hello again
  const onShow = (e: PageTransitionEvent) => {
    if (!e.persisted) return;
    closed = false;
    dispatch({ kind: 'start', now: Date.now() });
  };
  win.addEventListener('pagehide', onHide);
  win.addEventListener('pageshow', onShow);
  dispatch({ kind: 'start', now: Date.now() });
  const stop = () => {
    dispatch({ kind: 'close', now: Date.now() });
    closed = true;
    win.clearInterval(timer);
    win.removeEventListener('pagehide', onHide);
    win.removeEventListener('pageshow', onShow);
    channel.close();
  };
  return { dispatch, stop };
}

/** What the stage shows, for the console. */
function stageReport(): StageReport {
  const s = useStore.getState();
  const model = s.snapshot?.models[0];
  const loss = model && model.step > 0 && Number.isFinite(model.loss) ? model.loss : null;
  const turn = useLessonStore.getState().turn;
  const chapter = chapterOf(s.lesson);
  const repeating = !!chapter?.repeatLastBeat && turn >= chapter.beats.length && chapter.repeatLastBeat.more();
  return { lesson: s.lesson, turn, running: s.running, step: model?.step ?? 0, loss, lang: s.lang, ...(repeating ? { repeating } : {}) };
}

/** Whether two reports differ in more than the step and the loss (those are sent at most every REPORT_MS). */
function differsMuch(a: StageReport, b: StageReport): boolean {
  return a.lesson !== b.lesson || a.turn !== b.turn || a.running !== b.running || a.lang !== b.lang || !!a.repeating !== !!b.repeating;
}

/** Stops the running stage (null while this window is not a stage). */
let stopStage: (() => void) | null = null;

/**
 * Makes this window a stage from now on (and after a reload: the window's name keeps it): only a
 * window that opened a console, or that a console opened, answers consoles, so another copy of the
 * page open in a second tab is left alone.
 */
function armStage(win: Window): void {
  win.name = STAGE_WINDOW;
  if (!stopStage) stopStage = runStage(win);
}

/** At start: this window is a stage if it was one before (it opened a console, or a console opened it). */
export function startStage(win: Window = window): () => void {
  if (win.name === STAGE_WINDOW) armStage(win);
  return () => {
    stopStage?.();
    stopStage = null;
  };
}

/** This window as a stage: it answers a console, runs its commands and keeps it told. */
function runStage(win: Window): () => void {
  const { dispatch, stop } = startPeer(win, 'stage', (command) => RUN[command]());
  let sent = stageReport();
  let timer: number | undefined;
  const report = () => {
    timer = undefined;
    sent = stageReport();
    dispatch({ kind: 'stage-changed', report: sent, now: Date.now() });
  };
  const changed = () => {
    const now = stageReport();
    if (differsMuch(now, sent)) {
      if (timer !== undefined) win.clearTimeout(timer);
      report();
    } else if (timer === undefined && (now.step !== sent.step || now.loss !== sent.loss)) {
      timer = win.setTimeout(report, REPORT_MS);
    }
  };
  report();
  // one store: this also hears the lesson pane's turn (the `lessons` slice)
  const stopMain = useStore.subscribe(changed);

  // stage mode while a console is connected
  let turnedPresentOn = false;
  const stopMode = usePresenterStore.subscribe((s, prev) => {
    if (s.peer === prev.peer) return;
    const { present, settingsOpen } = useStore.getState();
    if (s.peer) {
      turnedPresentOn = !present;
      if (!present) togglePresent();
      if (settingsOpen) toggleSettings(false);
    } else {
      if (turnedPresentOn && present) togglePresent();
      turnedPresentOn = false;
    }
  });
  return () => {
    stopMode();
    stopMain();
    if (timer !== undefined) win.clearTimeout(timer);
    stop();
  };
}

/** This window as a console: keys and buttons go to the stage; the language follows the stage's. */
export function startConsole(win: Window = window): () => void {
  const { dispatch, stop } = startPeer(win, 'console', () => {});
  const press = (command: PresenterCommand) => dispatch({ kind: 'press', command, now: Date.now() });
  const disconnect = connectPresenterPress(press);
  const stopKeys = listenForKeys(win, (e) => {
    const command = consoleCommandFor(e);
    return command ? () => press(command) : null;
  });
  const title = () => { win.document.title = `${translate(useStore.getState().lang, 'presenter.title')} · Unrolled`; };
  title();
  const stopLang = usePresenterStore.subscribe((s) => {
    const lang = s.report?.lang;
    if (lang && lang !== useStore.getState().lang) {
      setLang(lang);
      title();
    }
  });
  return () => {
    stopLang();
    disconnect();
    stopKeys();
    stop();
  };
}

/** Opens the presenter console in a second window (or brings the open one forward). */
export function openConsole(win: Window = window): void {
  armStage(win);
  const query = formatUrl({ ...DEFAULT_URL_STATE, presenterConsole: true, lang: useStore.getState().lang });
  const opened = win.open(pageHref(win, query), CONSOLE_WINDOW, 'popup,width=1100,height=760');
  if (opened) opened.focus();
  else addNotice({ key: 'presenter.blocked' });
}

/** From a console whose stage is gone: opens the stage again, at the chapter the console shows. */
export function openStage(win: Window = window): void {
  const { lang } = useStore.getState();
  const lesson = usePresenterStore.getState().report?.lesson ?? null;
  const opened = win.open(pageHref(win, formatUrl({ ...DEFAULT_URL_STATE, lang, lesson, present: true })), STAGE_WINDOW);
  opened?.focus();
}
