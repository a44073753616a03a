// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetLecture, useLectureStore } from './lecture';
import { resetLessons, useLessonStore } from './lessons';
import { INITIAL_SLICES } from './slices';
import { resetStore, sliceOf, useStore } from './store';

// a view of its own over the lessons slice, to test the helper beside the module's view
const lessons = sliceOf('lessons');

beforeEach(() => {
  resetStore();
  resetLessons();
  resetLecture();
});

describe('sliceOf: a view of one slice of the one store', () => {
  it('reads and writes the slice field of the root state', () => {
    expect(lessons.getState()).toBe(useStore.getState().lessons);
    expect(lessons.getState()).toEqual(INITIAL_SLICES.lessons);
    lessons.setState({ turn: 3 });
    expect(useStore.getState().lessons.turn).toBe(3);
    // the module's own view sees the same state: there is one store
    expect(useLessonStore.getState().turn).toBe(3);
    expect(useLessonStore.getState()).toBe(lessons.getState());
  });

  it('merges a partial, applies an updater, replaces with replace', () => {
    lessons.setState({ turn: 2, vote: 'a' });
    lessons.setState((s) => ({ turn: s.turn + 5 }));
    expect(lessons.getState()).toMatchObject({ turn: 7, vote: 'a', pace: 1, collapsed: false });
    lessons.setState({ ...INITIAL_SLICES.lessons, opened: 9 }, true);
    expect(lessons.getState()).toEqual({ ...INITIAL_SLICES.lessons, opened: 9 });
    // a replace drops keys the new state lacks, as zustand's replace does
    lessons.setState({ turn: 1 } as never, true);
    expect(Object.keys(lessons.getState())).toEqual(['turn']);
  });

  it('leaves the other slices and the app state untouched', () => {
    useStore.setState({ selectedStep: 4 });
    const lecture = useStore.getState().lecture;
    lessons.setState({ turn: 1 });
    expect(useStore.getState().selectedStep).toBe(4);
    expect(useStore.getState().lecture).toBe(lecture);
  });

  it('subscribe fires only when its own slice changes, with the slice and the previous slice', () => {
    const spy = vi.fn();
    const off = lessons.subscribe(spy);
    useStore.setState({ hoverStep: 2 });
    useLectureStore.setState({ slowMotion: true });
    expect(spy).not.toHaveBeenCalled();
    const before = lessons.getState();
    lessons.setState({ turn: 1 });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith(lessons.getState(), before);
    expect(spy.mock.calls[0]![0].turn).toBe(1);
    expect(spy.mock.calls[0]![1].turn).toBe(0);
    off();
    lessons.setState({ turn: 2 });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('an updater that returns the slice itself changes nothing and notifies no one', () => {
    const root = vi.fn();
    const off = useStore.subscribe(root);
    const state = lessons.getState();
    lessons.setState((s) => s);
    expect(lessons.getState()).toBe(state);
    expect(root).not.toHaveBeenCalled();
    off();
  });

  it('resetStore keeps the slices; each module reset returns its slice to its start', () => {
    lessons.setState({ turn: 5 });
    useLectureStore.setState({ sheetOpen: true });
    useStore.setState({ selectedStep: 3 });
    resetStore();
    expect(useStore.getState().selectedStep).toBeNull();
    expect(lessons.getState().turn).toBe(5);
    expect(useLectureStore.getState().sheetOpen).toBe(true);
    resetLessons();
    expect(lessons.getState()).toEqual(INITIAL_SLICES.lessons);
    expect(useLectureStore.getState().sheetOpen).toBe(true);
    expect(useLessonStore.getInitialState()).toBe(INITIAL_SLICES.lessons);
  });

  it('the hook re-renders only when the selected value changes', () => {
    const seen: number[] = [];
    function Turn() {
      const turn = lessons((s) => s.turn);
      seen.push(turn);
      return <span>{turn}</span>;
    }
    const { container } = render(<Turn />);
    expect(seen).toEqual([0]);
    act(() => lessons.setState({ vote: 'b' })); // same slice, other field
    act(() => useStore.setState({ hoverStep: 1 })); // app state
    act(() => useLectureStore.setState({ slowMotion: true })); // another slice
    expect(seen).toEqual([0]);
    act(() => lessons.setState({ turn: 2 }));
    expect(seen).toEqual([0, 2]);
    expect(container.textContent).toBe('2');
  });

  it('the hook without a selector gives the whole slice', () => {
    let got: unknown = null;
    function Whole() {
      got = useLectureStore();
      return null;
    }
    render(<Whole />);
    expect(got).toBe(useStore.getState().lecture);
    act(() => useLectureStore.setState({ sheetOpen: true }));
    expect(got).toEqual({ slowMotion: false, sheetOpen: true });
  });
});
