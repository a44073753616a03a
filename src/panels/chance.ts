import type { Snapshot } from '../store';

/**
 * The chance level of the task: ln(answers) nats per loss-carrying step, where `answers` is the task's
 * fixed set of answers (one in four for the memory tasks and the meal) or the whole vocabulary V.
 * `ofAnswers` tells the labels to name the set ("ln 4") rather than V.
 */
export function chanceLevel(snapshot: Pick<Snapshot, 'answers' | 'vocab'>): { value: number; answers: number; ofAnswers: boolean } {
  const answers = Math.max(1, snapshot.answers ?? snapshot.vocab.length);
  return { value: Math.log(answers), answers, ofAnswers: answers < snapshot.vocab.length };
}
