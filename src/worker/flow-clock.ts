/**
 * When to recompute the gradient-flow matrix. It costs about T backward sweeps, so while training
 * runs it is refreshed at a lower rate than snapshots: after `flowIntervalMs` of training time, or
 * after `flowEvery` snapshots, whichever comes first — and never more often than leaves the flow
 * work under a fifth of the worker's time. While paused, a stale matrix is recomputed at once.
 */

/** The refresh policy. */
export interface FlowPolicy {
  /** Training time (ms) between refreshes while running. */
  flowIntervalMs: number;
  /** Snapshots between refreshes while running. */
  flowEvery: number;
}

/** Default policy: ~4 refreshes per second of training at most. */
export const DEFAULT_FLOW_POLICY: FlowPolicy = { flowIntervalMs: 250, flowEvery: 8 };

/** The refresh clock of one trainer. Methods mutate it. */
export interface FlowClock {
  /** Adds training time (ms) spent in optimizer steps. */
  trained(ms: number): void;
  /** Decides, once per snapshot, whether stale flow matrices are recomputed in this snapshot. */
  decide(running: boolean): boolean;
  /** Records that a snapshot recomputed the flow, and what that snapshot cost (ms). */
  refreshed(costMs: number): void;
}

/** A refresh clock reading `now` (ms, monotonic). */
export function createFlowClock(now: () => number, policy: Partial<FlowPolicy> = {}): FlowClock {
  const p: FlowPolicy = { ...DEFAULT_FLOW_POLICY, ...stripUndefined(policy) };
  let trainedSince = 0;
  let snapshotsSince = 0;
  let lastAt = -Infinity;
  let lastCost = 0;
  return {
    trained(ms) {
      trainedSince += ms;
    },
    decide(running) {
      snapshotsSince++;
      if (!running) return true;
      const due = trainedSince >= p.flowIntervalMs || snapshotsSince >= p.flowEvery;
      return due && now() - lastAt >= 4 * lastCost;
    },
    refreshed(costMs) {
      trainedSince = 0;
      snapshotsSince = 0;
      lastAt = now();
      lastCost = costMs;
    },
  };
}

function stripUndefined(p: Partial<FlowPolicy>): Partial<FlowPolicy> {
  const out: Partial<FlowPolicy> = {};
  if (p.flowIntervalMs !== undefined) out.flowIntervalMs = p.flowIntervalMs;
  if (p.flowEvery !== undefined) out.flowEvery = p.flowEvery;
  return out;
}
