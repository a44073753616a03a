/**
 * The built-in tasks. createTask(id, params) builds one: its vocabulary, sequence shape, training
 * sampler (deterministic given the Rng), fixed inspection examples and encoder for the user's text.
 */
import { createCharLmTask } from './charlm';
import { createCopyTask } from './copy';
import { createMeetTask } from './meet';
import { createParityTask } from './parity';
import { createRecallTask } from './recall';
import { createSpellTask } from './spell';
import type { SequenceShape, Task, TaskId, TaskParams } from './types';

export type { Example, SequenceShape, Task, TaskId, TaskParams } from './types';
export { chanceLoss } from './types';
export { accuracyOf, clampLag, LAG_MAX, LAG_MIN, TASK_ERRORS } from './common';
export { CHARLM_DEFAULT_SEQ_LENGTH, CHARLM_MAX_CHARS, CHARLM_MAX_TEXT, CHARLM_UNK } from './charlm';
export { MEET_DEFAULT_LAG, MEET_LANGUAGES, MEET_UNK } from './meet';
export { RECALL_DEFAULT_LAG } from './recall';
export { COPY_DEFAULT_LAG } from './copy';
export { PARITY_DEFAULT_LAG } from './parity';

export const TASK_IDS: readonly TaskId[] = ['charlm', 'meet', 'recall', 'copy', 'parity', 'spell'];

/** Which steps read an input and which carry a loss, per task (Karpathy's diagram). */
export const TASK_SHAPES: Readonly<Record<TaskId, SequenceShape>> = {
  meet: 'many-to-one',
  charlm: 'many-to-many',
  recall: 'many-to-one',
  copy: 'many-to-many',
  parity: 'many-to-one',
  spell: 'one-to-many',
};

/** Builds a task. Unknown ids throw (a programming error; the URL parser validates ids first). */
export function createTask(id: TaskId, params: TaskParams): Task {
  switch (id) {
    case 'meet': return createMeetTask(params);
    case 'charlm': return createCharLmTask(params);
    case 'recall': return createRecallTask(params);
    case 'copy': return createCopyTask(params);
    case 'parity': return createParityTask(params);
    case 'spell': return createSpellTask(params);
    default: throw new Error(`unknown task ${String(id)}`);
  }
}
