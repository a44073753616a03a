/**
 * The worker's door to the hidden-state space: its code (the principal components, the fixed
 * sequences) is fetched the first time a panel asks, so the worker that the default view loads stays
 * small. Answers go out through `post` once the code is there (at once after the first time).
 */
import type { Example, Model, Task } from '../engine';
import type { Post } from './host';
import type { TrajectoryRequest } from './protocol';
import type { TrajectoryCache } from './trajectory';

let cache: TrajectoryCache | null = null;

/**
 * Answers `request` on the lane `lane` (its model and its step at the moment of answering) of the
 * task `task`, whose shown sequence is `shown`; failures go to `fail`.
 */
export function answerTrajectory(lane: { model: Model; step: number }, task: Task, shown: Example, request: TrajectoryRequest,
  post: Post, now: () => number, fail: (e: unknown) => void): Promise<void> {
  return import('./trajectory').then((m) => {
    cache ??= m.createTrajectoryCache();
    const answer = m.trajectoryPass(lane.model, lane.step, task, shown, request, cache, now);
    post({ type: 'trajectory', answer }, m.trajectoryTransfer(answer));
  }).catch(fail);
}
