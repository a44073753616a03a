// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetStore, setLang, useStore } from '../../store';
import { CHAPTER_IDS, openLesson, resetLessons } from '../../store/lessons';
import { LessonPane } from '../LessonPane';

beforeEach(() => {
  resetStore();
  resetLessons();
});

describe('LessonPane', () => {
  it('starts in free play with every chapter listed, then opens the first', () => {
    render(<LessonPane />);
    expect(screen.getByTestId('lesson-free')).toBeTruthy();
    for (const id of CHAPTER_IDS) expect(screen.getByTestId(`lesson-chapter-${id}`)).toBeTruthy();
    fireEvent.click(screen.getByTestId('lesson-resume'));
    expect(useStore.getState().lesson).toBe('why');
    expect(screen.getByTestId('lesson-title').textContent).toBe('Why sequences');
    expect(screen.getByTestId('lesson-chapter-why').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('lesson-prev')).toHaveProperty('disabled', true);
  });

  it('collapsed, keeps the header and the chapter list', () => {
    render(<LessonPane />);
    act(() => openLesson('race'));
    fireEvent.click(screen.getByTestId('lesson-toggle'));
    expect(screen.getByTestId('lesson-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('lesson-body')).toBeTruthy();
    expect(screen.getByTestId('lesson-body').closest('[hidden]')).not.toBeNull();
    expect(screen.getByTestId('lesson-chapter-race').textContent).toBe('11The race');
    fireEvent.click(screen.getByTestId('lesson-next'));
    expect(useStore.getState().lesson).toBe('units');
    expect(screen.getByTestId('lesson-next')).toHaveProperty('disabled', true);
  });

  it('once the answer is revealed, the options give way to the verdict, which names the answer', () => {
    render(<LessonPane />);
    act(() => openLesson('lstm'));
    fireEvent.click(screen.getByTestId('lesson-predict-closed'));
    expect(screen.queryByTestId('lesson-predict-answer')).toBeNull();
    fireEvent.click(screen.getByTestId('lesson-try'));
    expect(screen.queryByTestId('lesson-predict-closed')).toBeNull();
    expect(screen.getByTestId('lesson-predict').getAttribute('role')).toBe('group');
    expect(screen.getByTestId('lesson-predict-answer').textContent).toContain('Not quite — the answer is Near 1: keep.');
  });

  it('speaks Chinese and keeps formulas out of the plain text', () => {
    render(<LessonPane />);
    act(() => {
      setLang('zh-CN');
      openLesson('recurrence');
    });
    expect(screen.getByTestId('lesson-title').textContent).toBe('循环公式');
    // The formulas go to KaTeX (typeset in the browser; jsdom's quirks mode leaves them empty), never shown as source.
    const body = screen.getByTestId('lesson-body').textContent ?? '';
    expect(body).toContain('隐藏状态');
    expect(body).not.toContain('$');
    expect(body).not.toContain('W_{hh}');
    expect(screen.getByTestId('lesson-body').querySelector('.lesson-nowrap')?.textContent).toMatch(/[：，；]$/);
  });
});
