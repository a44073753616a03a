/**
 * The worker's door to the hidden-state space: its code (the principal components, the fixed
 * sequences) is fetched the first time a panel asks, so the worker that the default view loads stays
 * small. Answers go out through `post` once the code is there (at once after the first time).
 */
import type { Example, Model, Pieces, Task } from '../engine';
import type { Post } from './host';
import type { TrajectoryRequest } from './protocol';
import type { TrajectoryCache } from './trajectory';

let cache: TrajectoryCache | null = null;

/**
 * Answers `request` on the lane `lane` (its model and its step; the weights must not change until
 * the answer is out) of the task `task`, whose shown sequence is `shown`: once the code is there,
 * the answer is handed to `start` as work in parts that posts it at its end; failures go to `fail`.
 */
export function answerTrajectory(lane: { model: Model; step: number }, task: Task, shown: Example, request: TrajectoryRequest,
  start: (work: Pieces<void>) => void, post: Post, now: () => number, fail: (e: unknown) => void): Promise<void> {
  return import('./trajectory').then((m) => {
    const c = (cache ??= m.createTrajectoryCache());
    start((function* () {
      const answer = yield* m.trajectorySteps(lane.model, lane.step, task, shown, request, c, now);
      post({ type: 'trajectory', answer }, m.trajectoryTransfer(answer));
    })());
  }).catch(fail);
}
