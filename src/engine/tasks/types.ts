import type { Rng } from '../rng';

/** Which steps read an input and which carry a loss (Karpathy's diagram of sequence shapes). */
export type SequenceShape = 'one-to-many' | 'many-to-one' | 'many-to-many';

/** The built-in tasks. */
export type TaskId = 'meet' | 'charlm' | 'recall' | 'copy' | 'parity' | 'spell';

/**
 * One sequence, as token ids. inputs[t] is the token fed at step t (one-hot over the vocabulary);
 * targets[t] is the token the network should predict at step t, or -1 where step t carries no loss.
 * Both have the same length T ≥ 1.
 */
export interface Example {
  inputs: number[];
  targets: number[];
  /** A short human-readable label for pickers ("meet · afternoon · lag 3"); rendered as text. */
  label?: string;
}

/** The user-tunable parameters of a task; each task reads the ones it understands. */
export interface TaskParams {
  /** Memory tasks and "meet": how many steps separate the clue from where it is needed. */
  lag: number;
  /** Char LM: the training text (the built-in corpus unless the user pasted their own). */
  text?: string;
  /** Which built-in corpus the char LM uses when `text` is absent. */
  corpus?: 'en' | 'zh';
  /** "meet": the language of the word-level corpus. */
  lang?: 'en' | 'zh';
  /** Char LM: training span length T. */
  seqLength?: number;
}

/** A task: a vocabulary, a sequence shape, a training sampler and fixed inspection examples. */
export interface Task {
  id: TaskId;
  shape: SequenceShape;
  /** Token strings, index = token id. Displayed as text, never as HTML. */
  vocab: string[];
  /** Whether token strings are words (join with spaces) or characters (join with nothing). */
  tokenKind: 'word' | 'char' | 'symbol';
  /** A fresh training example. Mutates `rng` only. */
  sample(rng: Rng): Example;
  /** Fixed examples for inspection (stable for a given params; at least one). */
  examples: Example[];
  /**
   * The user's own sentence as an example for this task, or an error message key when the text
   * cannot be encoded (empty, no known token). Unknown characters/words map to a fallback token.
   */
  encode(text: string): Example | { error: string };
  /**
   * Accuracy of predictions on an example: fraction of loss-carrying steps where argmax = target.
   * `predicted[t]` is the argmax token at step t.
   */
  accuracy?(example: Example, predicted: number[]): number;
  /** Char LM: the user's text was longer than the cap and only its beginning is used. */
  truncated?: boolean;
  /** Char LM: the user's text was empty (or too short), so the built-in corpus is used instead. */
  emptyTextFallback?: boolean;
  /** The lag actually used (memory tasks and "meet"), after clamping `params.lag` to its range. */
  lag?: number;
  /**
   * How many different answers a loss-carrying step can have, when they are a fixed set smaller than
   * the vocabulary (meet: 4 meals; recall and copy: 4 symbols; parity: 2). Absent: any token.
   */
  answers?: number;
}

/**
 * The loss of guessing (nats per loss-carrying step): ln of the number of possible answers — a network
 * that knows the set of answers but not which one is right, the level a memory task's loss plateaus at
 * before the clue is used; ln V where any token can be the answer.
 */
export function chanceLoss(task: Pick<Task, 'answers' | 'vocab'>): number {
  return Math.log(Math.max(1, task.answers ?? task.vocab.length));
}
