import { beforeEach, describe, expect, it } from 'vitest';
import { moveSelectedStep, resetLecture, sweepSlowdown, toggleSlowMotion, useLectureStore, SLOW_MOTION_FACTOR } from './lecture';
import { resetStore, useStore } from './store';
import type { Snapshot } from './types';

function withLength(T: number): void {
  const snapshot = { models: [{ cell: 'rnn', T }] } as unknown as Snapshot;
  useStore.setState({ snapshot });
}

describe('lecture state', () => {
  beforeEach(() => {
    resetStore();
    resetLecture();
  });

  it('slow motion stretches the sweep', () => {
    expect(sweepSlowdown()).toBe(1);
    toggleSlowMotion();
    expect(useLectureStore.getState().slowMotion).toBe(true);
    expect(sweepSlowdown()).toBe(SLOW_MOTION_FACTOR);
  });

  it('moves the selected step within the sequence', () => {
    moveSelectedStep(1);
    expect(useStore.getState().selectedStep).toBeNull();
    withLength(4);
    moveSelectedStep(1);
    expect(useStore.getState().selectedStep).toBe(0);
    moveSelectedStep(-1);
    expect(useStore.getState().selectedStep).toBe(0);
    useStore.setState({ selectedStep: null });
    moveSelectedStep(-1);
    expect(useStore.getState().selectedStep).toBe(3);
    moveSelectedStep(1);
    expect(useStore.getState().selectedStep).toBe(3);
  });
});
