// @vitest-environment jsdom
// useChangedState: React's setState is called only for a value that differs from the last one set,
// so a draw setting the same value at every frame queues nothing in React.
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('react', async (importActual) => {
  const react = await importActual<typeof import('react')>();
  return {
    ...react,
    useState: <S,>(initial: S | (() => S)) => {
      const [value, set] = react.useState(initial);
      const counted = react.useCallback((next: React.SetStateAction<S>) => { calls.n++; set(next); }, []);
      return [value, counted] as const;
    },
  };
});

const { useChangedState } = await import('./useChangedState');

type Regime = { sigma: number; T: number } | null;
const sameRegime = (a: Regime, b: Regime) => a === b || (!!a && !!b && a.sigma === b.sigma && a.T === b.T);

describe('useChangedState', () => {
  it('calls React once per change, never for an equal value', () => {
    calls.n = 0;
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useChangedState<Regime>(null, sameRegime);
    });
    const first = renders;
    act(() => result.current[1]({ sigma: 0.5, T: 9 }));
    expect(result.current[0]).toEqual({ sigma: 0.5, T: 9 });
    expect(calls.n).toBe(1);
    // a fresh but equal object at every frame: nothing reaches React
    act(() => { for (let i = 0; i < 100; i++) result.current[1]({ sigma: 0.5, T: 9 }); });
    expect(calls.n).toBe(1);
    expect(renders).toBe(first + 1);
    act(() => result.current[1]({ sigma: 0.6, T: 9 }));
    expect(calls.n).toBe(2);
    expect(result.current[0]).toEqual({ sigma: 0.6, T: 9 });
  });

  it('compares with Object.is by default', () => {
    calls.n = 0;
    const { result } = renderHook(() => useChangedState(false));
    act(() => { result.current[1](false); result.current[1](true); result.current[1](true); });
    expect(calls.n).toBe(1);
    expect(result.current[0]).toBe(true);
  });
});
