import { beforeEach, describe, expect, it, vi } from 'vitest';
import { overBudget, runCost } from '../engine/limits';
import type { Command } from '../worker/protocol';
import { connectWorker, resetStore, setConfig, useStore } from './index';

describe('settings past the cost budget', () => {
  const sent: Command[] = [];
  beforeEach(() => {
    resetStore();
    sent.length = 0;
    connectWorker({ send: vi.fn((c: Command) => { sent.push(c); }), terminate: vi.fn() });
  });

  it('are lowered before they reach the worker, with a notice', () => {
    const notices = setConfig({ task: 'charlm', hidden: 256, layers: 3, seqLength: 200, batch: 64, compare: true });
    const { config } = useStore.getState();
    expect(overBudget(runCost(config))).toBeNull();
    expect(config.hidden).toBeGreaterThan(1);
    expect(notices.map((n) => n.key)).toContain('notice.budget.lowered');
    expect(useStore.getState().notices.map((n) => n.key)).toContain('notice.budget.lowered');
    const last = sent.filter((c) => c.type === 'set-config').pop();
    expect(last && last.type === 'set-config' && overBudget(runCost(last.config))).toBeNull();
  });

  it('a change that fits raises no notice', () => {
    expect(setConfig({ hidden: 64, batch: 16 })).toEqual([]);
    expect(useStore.getState().config).toMatchObject({ hidden: 64, batch: 16 });
  });
});
