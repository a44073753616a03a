/**
 * The store's actions: plain functions that update the store and send commands to the worker.
 * Panels, the app, lessons and keyboard shortcuts call them; none needs React.
 */
import { isLangLoaded, loadLang } from '../i18n';
import type { InspectSource, TrainConfig } from '../worker/protocol';
import { noteRunIntent, send } from './bridge';
import { fitSizes } from './budget';
import { builtInTextFor } from './defaults';
import { checkNumber, PARAMS, SENTENCE_MAX, TEXT_CAP, URL_TEXT_ENCODED_MAX, type UrlState } from './params';
import { useStore } from './store';
import { setStepCursor } from './sweep';
import type { Lang, Notice } from './types';
import { encodedLength, textFitsLink, wellFormed } from './url';

const get = useStore.getState;
const set = useStore.setState;

/** Adds a notice unless the same one is already shown. */
export function addNotice(notice: Notice): void {
  const same = (n: Notice) => n.key === notice.key && JSON.stringify(n.params) === JSON.stringify(notice.params);
  if (get().notices.some(same)) return;
  set({ notices: [...get().notices, notice] });
}

/** Removes notice `index`, or every notice when no index is given. */
export function dismissNotice(index?: number): void {
  set({ notices: index === undefined ? [] : get().notices.filter((_, i) => i !== index) });
}

/** Cuts a text to `max` code points (never splitting a character). */
export function capText(text: string, max: number): string {
  const clean = wellFormed(text);
  if (clean.length <= max) return clean;
  return Array.from(clean).slice(0, max).join('');
}

/**
 * A config with `partial` checked against the parameter table: numbers out of range are clamped,
 * values that are not valid (NaN, unknown names) are dropped, sizes past the cost budget are
 * lowered; each with a notice.
 */
export function sanitizeConfig(base: TrainConfig, partial: Partial<TrainConfig>): { config: TrainConfig; notices: Notice[] } {
  const config: TrainConfig = { ...base };
  const notices: Notice[] = [];
  const out = config as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(partial) as [keyof TrainConfig, unknown][]) {
    const spec = PARAMS.find((p) => p.field === field);
    if (!spec || value === undefined) continue;
    const name = spec.key;
    if (spec.type === 'number' || spec.type === 'int') {
      const checked = typeof value === 'number' ? checkNumber(field, value) : null;
      if (!checked) notices.push({ key: 'notice.input.invalid', params: { name } });
      else {
        if (checked.clamped) notices.push({ key: 'notice.input.clamped', params: { name, value: checked.value } });
        out[field] = checked.value;
      }
    } else if (spec.type === 'enum') {
      if (spec.values.includes(value as string)) out[field] = value;
      else notices.push({ key: 'notice.input.invalid', params: { name } });
    } else if (spec.type === 'bool') {
      if (typeof value === 'boolean') out[field] = value;
    } else if (field === 'text' && typeof value === 'string') {
      const text = capText(value, TEXT_CAP);
      if (text.length < wellFormed(value).length) notices.push({ key: 'notice.text.capped', params: { max: TEXT_CAP } });
      if (!textFitsLink(text)) notices.push({ key: 'notice.text.linkTooLong', params: { length: encodedLength(text), max: URL_TEXT_ENCODED_MAX } });
      out[field] = text;
    }
  }
  const fitted = fitSizes(config);
  if (fitted.notice) notices.push(fitted.notice);
  return { config: fitted.config, notices };
}

function sameConfig(a: TrainConfig, b: TrainConfig): boolean {
  return (Object.keys(a) as (keyof TrainConfig)[]).every((k) => Object.is(a[k], b[k]));
}

/**
 * Changes settings (checked first; nothing invalid reaches the worker). Returns the notices raised.
 * Naming a built-in text (`corpus`) picks it: it no longer follows the page's language.
 */
export function setConfig(partial: Partial<TrainConfig>): Notice[] {
  return changeConfig(partial, partial.corpus !== undefined);
}

function changeConfig(partial: Partial<TrainConfig>, picksCorpus: boolean): Notice[] {
  const { config, notices } = sanitizeConfig(get().config, partial);
  notices.forEach(addNotice);
  if (picksCorpus && config.corpus === partial.corpus && !get().corpusChosen) set({ corpusChosen: true });
  if (sameConfig(config, get().config)) return notices;
  const { layer, selectedUnit, hoverUnit } = get();
  set({
    config, stopped: null, error: null,
    layer: Math.min(layer, config.layers - 1),
    selectedUnit: selectedUnit !== null && selectedUnit >= config.hidden ? null : selectedUnit,
    hoverUnit: hoverUnit !== null && hoverUnit >= config.hidden ? null : hoverUnit,
  });
  send({ type: 'set-config', config });
  return notices;
}

/** Starts training (after a divergence, first restores the last good model). */
export function play(): void {
  if (get().diverged) restore();
  setStepCursor(null);
  set({ running: true, stopped: null });
  noteRunIntent(true);
  send({ type: 'play' });
}

export function pause(): void {
  set({ running: false });
  noteRunIntent(false);
  send({ type: 'pause' });
}

export function togglePlay(): void {
  if (get().running) pause();
  else play();
}

/** One optimizer step (or `count`); pauses a running model first. */
export function stepOnce(count = 1): void {
  if (get().running) pause();
  if (get().diverged) restore();
  send({ type: 'step', count: Math.max(1, Math.floor(count)) });
}

/** Back to step 0 with the same settings and seed: the same run again, bit for bit. */
export function reset(): void {
  setStepCursor(null);
  set({ running: false, diverged: null, stopped: null, error: null, histories: [], sample: '' });
  send({ type: 'reset' });
}

/** After a divergence: the last good model, with its optimizer state reset. */
export function restore(): void {
  set({ diverged: null, running: false });
  send({ type: 'restore' });
}

/** The sequence the panels show: a task example or the user's own sentence (checked, capped). */
export function setInspect(source: InspectSource): void {
  let next: InspectSource;
  if (source.kind === 'example') {
    const index = Number.isInteger(source.index) ? Math.min(999, Math.max(0, source.index)) : 0;
    next = { kind: 'example', index };
  } else {
    const text = capText(source.text, SENTENCE_MAX);
    if (text.trim() === '') {
      addNotice({ key: 'notice.sentence.empty' });
      return;
    }
    if (text.length < source.text.length) addNotice({ key: 'notice.sentence.capped', params: { max: SENTENCE_MAX } });
    next = { kind: 'text', text };
  }
  set({ inspect: next, selectedStep: null });
  send({ type: 'set-inspect', inspect: next });
}

/**
 * Hover highlight (linked views); not in the URL. `from`: a hovered weight's source unit (see hoverUnitFrom).
 * `quantity`: the hovered quantity ('h', 'f', …), null for none; left out, the hovered quantity stays as it
 * is: a panel that knows only steps and units does not clear an equation term entered meanwhile (the
 * browser may report leaving one panel after entering the next).
 */
export function setHover(step: number | null, unit: number | null = null, quantity?: string | null,
  from: number | null = null): void {
  const s = get();
  if (quantity === undefined) quantity = s.hoverQuantity;
  if (s.hoverStep === step && s.hoverUnit === unit && s.hoverQuantity === quantity && s.hoverUnitFrom === from) return;
  set({ hoverStep: step, hoverUnit: unit, hoverQuantity: quantity, hoverUnitFrom: from });
}

/** Selected step and unit (shared by link); `null` clears. */
export function select(step: number | null, unit: number | null = null): void {
  const s = get();
  if (s.selectedStep === step && s.selectedUnit === unit) return;
  set({ selectedStep: step, selectedUnit: unit });
}

/**
 * The page's language. While no built-in text was picked, the text follows it (Tang poems for
 * 简体中文, *Alice* for English); the run starts again on the new text when the task reads it.
 */
export function setLang(lang: Lang): void {
  if (lang !== 'en' && lang !== 'zh-CN') return;
  wantedLang = lang;
  if (!isLangLoaded(lang)) {
    // the page switches once the language's strings are here (a moment), never half translated
    langLoad = loadLang(lang).then(() => { if (wantedLang === lang) setLang(lang); });
    return;
  }
  set({ lang });
  if (!get().corpusChosen) changeConfig({ corpus: builtInTextFor(lang) }, false);
}

/** The language last asked for, and the load of its strings under way (resolved when none is). */
let wantedLang: Lang | null = null;
let langLoad: Promise<void> = Promise.resolve();

/** Resolves once the language asked for last is the page's (the start waits for it before drawing). */
export function languageReady(): Promise<void> {
  return langLoad;
}

/** Sets the store's language now when its strings are here, else as soon as they are. */
function applyLang(lang: Lang): void {
  wantedLang = lang;
  if (isLangLoaded(lang)) {
    set({ lang });
    return;
  }
  langLoad = loadLang(lang).then(() => { if (wantedLang === lang) set({ lang }); });
}

/** Which layer the per-layer panels show (clamped to the model's layers). */
export function setLayer(layer: number): void {
  const top = get().config.layers - 1;
  const next = Number.isInteger(layer) ? Math.min(top, Math.max(0, layer)) : 0;
  set({ layer: next });
  send({ type: 'set-layer', layer: next });
}

/** In compare mode, which model's gradient-flow matrix the panel shows (0 … models − 1). */
export function setFlowModel(index: number): void {
  set({ flowModel: Number.isInteger(index) && index >= 0 ? index : 0 });
}

export function toggleLogScale(): void {
  set({ logScale: !get().logScale });
}

export function togglePresent(): void {
  set({ present: !get().present });
}

/** Opens or closes the Settings form (`open` omitted: toggles it). */
export function toggleSettings(open = !get().settingsOpen): void {
  set({ settingsOpen: open });
}

export function setLesson(lesson: string | null): void {
  set({ lesson });
}

/** Generated text from the current model (char LM / one-to-many). */
export function requestSample(opts: { length?: number; temperature?: number; topK?: number; prime?: string } = {}): void {
  const { length = 200, temperature = 1, topK = 0, prime = '' } = opts;
  send({ type: 'sample', length, temperature, topK, prime });
}

/** Rescales a recurrent weight block so its largest singular value is `sigmaMax`. */
export function rescaleRecurrent(layer: number, sigmaMax: number, block = 'all', model?: number): void {
  if (!Number.isFinite(sigmaMax) || sigmaMax < 0) return;
  send({ type: 'rescale-recurrent', layer, sigmaMax, block, ...(model === undefined ? {} : { model }) });
}

/** A numeric gradient check of one weight entry. */
export function requestGradCheck(key: string, row: number, col: number, model?: number): void {
  set({ gradCheck: null });
  send({ type: 'grad-check', key, row, col, ...(model === undefined ? {} : { model }) });
}

/**
 * Steps the forward pass of the inspection sequence to time step t (t < 0: every step again), pausing
 * training first: the panels draw the trace of the paused weights up to t. View state only; the worker
 * is not asked.
 */
export function stepThrough(t: number): void {
  if (get().running) pause();
  setStepCursor(t);
}

/**
 * Applies a state read from a link (at start): settings, inspection, selection and view. `browserLang`
 * is used when the link names no language.
 */
export function applyUrlState(u: UrlState, browserLang: Lang, notices: Notice[] = []): void {
  const lang = u.lang ?? browserLang;
  const config = Object.fromEntries(Object.keys(get().config).map((k) => [k, u[k as keyof TrainConfig]])) as unknown as TrainConfig;
  // a link without corpus= trains on the text of its language
  config.corpus = u.corpus ?? builtInTextFor(lang);
  const inspect: InspectSource = u.sentence ? { kind: 'text', text: u.sentence } : { kind: 'example', index: u.example };
  const before = get();
  if (!sameConfig(config, before.config)) send({ type: 'set-config', config });
  if (JSON.stringify(inspect) !== JSON.stringify(before.inspect)) send({ type: 'set-inspect', inspect });
  set({
    config, inspect, corpusChosen: u.corpus !== null, selectedStep: u.step, selectedUnit: u.unit, layer: u.layer,
    lesson: u.lesson, present: u.present, hidden: u.hide, embed: u.embed,
    show: u.show, presenterConsole: u.presenterConsole,
  });
  applyLang(lang);
  notices.forEach(addNotice);
}

/** The shareable part of the store, as the URL table describes it. */
export function toUrlState(state = get(), browserLang: Lang = 'en'): UrlState {
  const { inspect } = state;
  return {
    ...state.config,
    // named only when it is not the language's own text (so the link reads back to the same text)
    corpus: state.config.corpus === builtInTextFor(state.lang) ? null : state.config.corpus,
    example: inspect.kind === 'example' ? inspect.index : 0,
    sentence: inspect.kind === 'text' ? inspect.text : '',
    step: state.selectedStep,
    unit: state.selectedUnit,
    layer: state.layer,
    lang: state.lang === browserLang ? null : state.lang,
    lesson: state.lesson,
    present: state.present,
    hide: state.hidden,
    embed: state.embed,
    show: state.show,
    presenterConsole: state.presenterConsole,
  };
}
