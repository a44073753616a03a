/**
 * The declarative table of every shareable setting: its URL key, type, range and default. It drives
 * reading and writing the URL (url.ts) and the checks of the controls, so both agree on what is valid.
 */
import { LINK_MAX, SIZE_LIMITS, TEXT_CHARS_MAX } from '../engine/limits';
import type { TrainConfig } from '../worker/protocol';
import { LANGS, type Lang } from '../i18n/langs';
import { DEFAULT_CONFIG } from './defaults';

/** Everything a link carries, flat: every TrainConfig field plus inspection, selection and view. */
export interface UrlState extends Omit<TrainConfig, 'corpus'> {
  /**
   * The built-in text the link names, or null for the text of the page's language (Tang poems in
   * 简体中文, *Alice* in English). A link names it only when it differs from its language's.
   */
  corpus: TrainConfig['corpus'] | null;
  /** Inspection: index of the task example shown (used when `sentence` is empty). */
  example: number;
  /** Inspection: the user's own sentence ('' = show the example). */
  sentence: string;
  /** Selected time step and unit, 0-based like the arrays (null = none); the address counts them from 1. */
  step: number | null;
  unit: number | null;
  /** Layer shown by the per-layer panels, 0-based; the address counts it from 1. */
  layer: number;
  /** Language chosen explicitly (null = the browser's). */
  lang: Lang | null;
  lesson: string | null;
  present: boolean;
  /** Control names hidden by a classroom link. */
  hide: string[];
  /** Show only the panels (for an iframe). */
  embed: boolean;
  /** With `embed`: the panels to show (`panel-*` ids), in this order; empty = every panel. */
  show: string[];
  /** This window is the presenter console of another window (the stage). */
  presenterConsole: boolean;
}

/** Names of the controls that `hide=` may hide (the `control-<name>` test ids without the prefix). */
export const CONTROL_NAMES = [
  'play', 'step', 'reset', 'task', 'corpus', 'text', 'seqlen', 'lag', 'cell', 'hidden', 'layers',
  'nonlinearity', 'optimizer', 'lr', 'momentum', 'batch', 'clip', 'clipmode', 'truncate', 'seed',
  'speed', 'maxsteps', 'target', 'compare', 'inspect', 'lang', 'present', 'weight-decay',
] as const;
export type ControlName = (typeof CONTROL_NAMES)[number];

/** What a panel's id looks like in `show=` (the page ignores ids it has no panel for). */
export const PANEL_ID_RE = /^panel-[a-z0-9-]{1,40}$/;

/** Longest user text a link is read with (characters; longer text stays in the page and is not shared). */
export const URL_TEXT_MAX = 2000;
/**
 * Most characters the text may take in a link once percent-encoded (a Chinese character takes 9):
 * with the other settings, the address stays under {@link LINK_MAX}. Longer text goes by file or copy.
 */
export const URL_TEXT_ENCODED_MAX = LINK_MAX - 500;
/** Longest query a written address may have (the page's own address and path take the rest of LINK_MAX). */
export const QUERY_MAX = LINK_MAX - 300;
/** Longest inspection sentence. */
export const SENTENCE_MAX = 500;
/** Longest training text the page accepts (characters). */
export const TEXT_CAP = TEXT_CHARS_MAX;

export const TASKS = ['charlm', 'meet', 'recall', 'copy', 'parity', 'spell'] as const;
export const CELLS = ['rnn', 'lstm', 'gru'] as const;
export const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'adagrad'] as const;
export { LANGS } from '../i18n/langs';

interface Common<F extends keyof UrlState> {
  /** Field of UrlState. */
  field: F;
  /** Key in the query string. */
  key: string;
}
/**
 * A numeric field; `min`/`max` bound the field's own value. `countFrom1`: the field is a 0-based
 * index (a time step, unit or layer) that the address writes as the page shows it, counting from 1
 * (`step=3` is the third step, field value 2).
 */
export type NumberSpec = Common<keyof UrlState> & {
  type: 'number' | 'int'; min: number; max: number; nullable?: boolean; countFrom1?: boolean;
};
/** aliases: other spellings a link may use (lower case) → the value they mean; links are written with the value. */
export type EnumSpec = Common<keyof UrlState> & { type: 'enum'; values: readonly string[]; nullable?: boolean; aliases?: Readonly<Record<string, string>> };
export type BoolSpec = Common<keyof UrlState> & { type: 'bool' };
export type StringSpec = Common<keyof UrlState> & { type: 'string'; maxLength: number; pattern?: RegExp; nullable?: boolean };
/** A comma-separated list: an item is accepted when it is one of `values` or matches `pattern`. */
export type ListSpec = Common<keyof UrlState> & { type: 'list'; values: readonly string[]; pattern?: RegExp; maxItems?: number };
export type ParamSpec = NumberSpec | EnumSpec | BoolSpec | StringSpec | ListSpec;

const num = (field: keyof UrlState, key: string, min: number, max: number): NumberSpec => ({ field, key, type: 'number', min, max });
const int = (field: keyof UrlState, key: string, min: number, max: number, nullable = false): NumberSpec =>
  ({ field, key, type: 'int', min, max, nullable });
/** A 0-based index the address counts from 1 (as every label of the page does). */
const index = (field: keyof UrlState, key: string, max: number, nullable = false): NumberSpec =>
  ({ ...int(field, key, 0, max, nullable), countFrom1: true });
const oneOf = (field: keyof UrlState, key: string, values: readonly string[], nullable = false): EnumSpec =>
  ({ field, key, type: 'enum', values, nullable });
const bool = (field: keyof UrlState, key: string): BoolSpec => ({ field, key, type: 'bool' });

/** The table, in the order keys are written to the URL. */
export const PARAMS: readonly ParamSpec[] = [
  oneOf('task', 'task', TASKS),
  oneOf('corpus', 'corpus', ['en', 'zh'], true),
  { field: 'text', key: 'text', type: 'string', maxLength: URL_TEXT_MAX },
  int('seqLength', 'seqlen', SIZE_LIMITS.seqLength.min, SIZE_LIMITS.seqLength.max),
  int('lag', 'lag', SIZE_LIMITS.lag.min, SIZE_LIMITS.lag.max),
  oneOf('cell', 'cell', CELLS),
  int('hidden', 'hidden', SIZE_LIMITS.hidden.min, SIZE_LIMITS.hidden.max),
  int('layers', 'layers', SIZE_LIMITS.layers.min, SIZE_LIMITS.layers.max),
  oneOf('nonlinearity', 'nonlinearity', ['tanh', 'relu']),
  num('forgetBias', 'forgetbias', -10, 10),
  oneOf('optimizer', 'optimizer', OPTIMIZERS),
  num('lr', 'lr', 1e-9, 10_000),
  num('momentum', 'momentum', 0, 0.999),
  num('weightDecay', 'wd', 0, 10),
  int('batch', 'batch', SIZE_LIMITS.batch.min, SIZE_LIMITS.batch.max),
  num('clip', 'clip', 0, 1e6),
  oneOf('clipMode', 'clipmode', ['norm', 'value']),
  int('truncate', 'truncate', SIZE_LIMITS.truncate.min, SIZE_LIMITS.truncate.max),
  int('seed', 'seed', 0, 4_294_967_295),
  int('maxSteps', 'maxsteps', 0, 1e9),
  num('targetLoss', 'target', 0, 100),
  int('speed', 'speed', 0, 100_000),
  bool('compare', 'compare'),
  int('example', 'example', 0, 999),
  { field: 'sentence', key: 'sentence', type: 'string', maxLength: SENTENCE_MAX },
  index('step', 'step', 10_000, true),
  index('unit', 'unit', SIZE_LIMITS.hidden.max - 1, true),
  index('layer', 'layer', SIZE_LIMITS.layers.max - 1),
  // 'zh', 'zh-hans', 'cn' … as people write Chinese in a link
  { ...oneOf('lang', 'lang', LANGS, true), aliases: { zh: 'zh-CN', 'zh-hans': 'zh-CN', 'zh-hans-cn': 'zh-CN', 'zh_cn': 'zh-CN', cn: 'zh-CN' } },
  { field: 'lesson', key: 'lesson', type: 'string', maxLength: 40, pattern: /^[a-z0-9][a-z0-9-]*$/, nullable: true },
  bool('present', 'present'),
  { field: 'hide', key: 'hide', type: 'list', values: CONTROL_NAMES },
  bool('embed', 'embed'),
  // any `panel-*` id is kept (the page shows the ones it has, so a link naming a newer panel still opens)
  { field: 'show', key: 'show', type: 'list', values: [], pattern: PANEL_ID_RE, maxItems: 20 },
  bool('presenterConsole', 'console'),
];

/** The state with no URL parameters. */
export const DEFAULT_URL_STATE: UrlState = {
  ...DEFAULT_CONFIG,
  corpus: null,
  example: 0,
  sentence: '',
  step: null,
  unit: null,
  layer: 0,
  lang: null,
  lesson: null,
  present: false,
  hide: [],
  embed: false,
  show: [],
  presenterConsole: false,
};

/** The spec of a TrainConfig/UrlState field (throws on a field missing from the table: a bug). */
export function specOf(field: keyof UrlState): ParamSpec {
  const spec = PARAMS.find((p) => p.field === field);
  if (!spec) throw new Error(`no parameter for ${field}`);
  return spec;
}

/** How the address writes a numeric field's value: 0-based indices count from 1 there. */
export function toAddressNumber(spec: NumberSpec, value: number): number {
  return spec.countFrom1 ? value + 1 : value;
}

/** The field value of a number read from the address (the inverse of {@link toAddressNumber}). */
export function fromAddressNumber(spec: NumberSpec, value: number): number {
  return spec.countFrom1 ? value - 1 : value;
}

/** Range of a numeric field, e.g. for a control's min/max. */
export function rangeOf(field: keyof UrlState): { min: number; max: number; integer: boolean } {
  const spec = specOf(field);
  if (spec.type !== 'number' && spec.type !== 'int') throw new Error(`${field} is not numeric`);
  return { min: spec.min, max: spec.max, integer: spec.type === 'int' };
}

/**
 * Checks a number typed by the user against the field's range. Returns the value to use (clamped
 * into range) and whether it was clamped, or `null` when it is not a number at all (NaN, ∞, text,
 * a fraction for an integer field).
 */
export function checkNumber(field: keyof UrlState, value: number): { value: number; clamped: boolean } | null {
  const { min, max, integer } = rangeOf(field);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) return null;
  const clamped = Math.min(max, Math.max(min, value)) + 0;
  return { value: clamped, clamped: clamped !== value };
}
