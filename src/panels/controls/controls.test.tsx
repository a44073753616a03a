// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectWorker, DEFAULT_CONFIG, handleWorkerEvent, resetStore, useStore, type Command, type Snapshot, type WorkerLike } from '../../store';
import { ControlsPanel } from '../ControlsPanel';
import { StatusBar } from '../StatusBar';

let sent: Command[] = [];
let disconnect = () => {};

beforeEach(() => {
  disconnect();
  resetStore();
  useStore.setState({ settingsOpen: true, config: { ...useStore.getState().config, task: 'charlm' } });
  sent = [];
  const client: WorkerLike = { send: vi.fn((c: Command) => { sent.push(c); }), terminate: vi.fn() };
  disconnect = connectWorker(client);
});

const configs = () => sent.filter((c) => c.type === 'set-config');

describe('controls', () => {
  it('a number that is not a number is refused with a message, never sent', () => {
    render(<ControlsPanel />);
    const lr = screen.getByTestId('control-lr') as HTMLInputElement;
    fireEvent.change(lr, { target: { value: '' } });
    fireEvent.blur(lr);
    expect(screen.getByRole('status').textContent).toMatch(/Not a number/);
    expect(configs()).toEqual([]);
    expect(lr.getAttribute('aria-invalid')).toBe('true');
  });

  it('lr = 1000 is accepted; out of range is clamped with a message', () => {
    render(<ControlsPanel />);
    const lr = screen.getByTestId('control-lr') as HTMLInputElement;
    fireEvent.change(lr, { target: { value: '1000' } });
    fireEvent.keyDown(lr, { key: 'Enter' });
    expect(useStore.getState().config.lr).toBe(1000);
    const hidden = screen.getByTestId('control-hidden') as HTMLInputElement;
    fireEvent.change(hidden, { target: { value: '5000' } });
    fireEvent.blur(hidden);
    expect(useStore.getState().config.hidden).toBe(256);
    expect(screen.getByRole('status').textContent).toMatch(/256/);
    expect(configs().map((c) => c.type === 'set-config' && [c.config.lr, c.config.hidden])).toEqual([[1000, DEFAULT_CONFIG.hidden], [1000, 256]]);
  });

  it('selects carry the exact option values and change the config', () => {
    render(<ControlsPanel />);
    const cell = screen.getByTestId('control-cell') as HTMLSelectElement;
    expect([...cell.options].map((o) => o.value)).toEqual(['rnn', 'lstm', 'gru']);
    expect([...(screen.getByTestId('control-optimizer') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['sgd', 'adam', 'adamw', 'adagrad']);
    fireEvent.change(cell, { target: { value: 'gru' } });
    expect(useStore.getState().config.cell).toBe('gru');
    expect(screen.queryByTestId('control-momentum')).toBeNull();
    fireEvent.change(screen.getByTestId('control-optimizer'), { target: { value: 'sgd' } });
    expect(screen.getByTestId('control-momentum')).toBeTruthy();
  });

  it('the user text is rendered as text and applied on the button', () => {
    render(<ControlsPanel />);
    const area = screen.getByTestId('control-text') as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: '<img src=x onerror=alert(1)> 你好 🙂' } });
    fireEvent.click(screen.getByTestId('control-text-apply'));
    expect(useStore.getState().config.text).toBe('<img src=x onerror=alert(1)> 你好 🙂');
    expect(document.querySelector('img')).toBeNull();
  });

  it('hide= removes the named controls', () => {
    useStore.setState({ hidden: ['lr', 'seed', 'play'] });
    render(<><StatusBar /><ControlsPanel /></>);
    expect(screen.queryByTestId('control-lr')).toBeNull();
    expect(screen.queryByTestId('control-seed')).toBeNull();
    expect(screen.queryByTestId('control-play')).toBeNull();
    expect(screen.getByTestId('control-step')).toBeTruthy();
  });

  it('play toggles aria-pressed; divergence shows a message with Restore', () => {
    render(<><StatusBar /><ControlsPanel /></>);
    const play = screen.getByTestId('control-play');
    expect(play.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(play);
    expect(play.getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('status-diverged')).toBeNull();
    act(() => handleWorkerEvent({ type: 'running', running: false, step: 3 }));
    const snapshot: Snapshot = {
      run: 1, models: [], history: [], shape: 'many-to-many', vocab: ['a'], answers: 1, tokenKind: 'char', examples: [], running: false,
      stepsPerSecond: 0, diverged: { cause: 'non-finite-loss', step: 3, restoredStep: 1 }, stopped: null, inspectError: null,
    };
    act(() => handleWorkerEvent({ type: 'snapshot', snapshot }));
    expect(screen.getByTestId('status-diverged').textContent).toMatch(/learning rate/);
    // the message names both the step that broke and the step the counter went back to
    expect(screen.getByTestId('status-diverged').textContent).toMatch(/step 3\b.*step 1\b/s);
    expect(play.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByTestId('control-restore'));
    expect(screen.queryByTestId('status-diverged')).toBeNull();
    expect(sent[sent.length - 1]).toEqual({ type: 'restore' });
  });
});
