// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectWorker, handleWorkerEvent, resetStore, useStore, type Command, type WeightsView, type WorkerLike } from '../../store';
import { WeightEditor } from './WeightEditor';

let sent: Command[] = [];
let disconnect = () => {};

const view: WeightsView = {
  run: 1, model: 0, step: 3, cell: 'rnn', hidden: 2, layers: 1,
  tensors: [{ key: 'rnn.weight_hh_l0', rows: 2, cols: 2, offset: 0 }, { key: 'fc.bias', rows: 3, cols: 1, offset: 4 }],
  params: Float64Array.from([0.1, 0.2, 0.3, 0.4, -0.5, 0.625, 0.7]), grad: null, delta: null,
};

beforeEach(() => {
  disconnect();
  resetStore();
  sent = [];
  const client: WorkerLike = { send: vi.fn((c: Command) => { sent.push(c); }), terminate: vi.fn() };
  disconnect = connectWorker(client);
  useStore.setState({ weights: view, snapshot: { run: 1 } as never });
});

const edits = () => sent.filter((c): c is Extract<Command, { type: 'set-weight' }> => c.type === 'set-weight');
const confirm = (c: Extract<Command, { type: 'set-weight' }>, before: number) => act(() => handleWorkerEvent({
  type: 'weight-set', run: 1, model: c.model ?? 0, key: c.key, row: c.row, col: c.col, before, value: c.value, undo: c.undo === true,
}));

describe('editing a weight by hand', () => {
  it('shows the picked entry with its value; refuses what is not a number within ±1000, sending nothing', () => {
    render(<WeightEditor model={0} picked={{ id: 'fc.bias', row: 1, col: 0 }} />);
    const input = screen.getByTestId('weights-edit-input') as HTMLInputElement;
    expect(input.value).toBe('0.625');
    expect(screen.getByText(/Set b_fc\[2\] to/)).toBeTruthy();
    for (const bad of ['', 'abc', '1e9', 'Infinity']) {
      fireEvent.change(input, { target: { value: bad } });
      fireEvent.keyDown(input, { key: 'Enter' });
      expect(screen.getByTestId('weights-edit-message').textContent).toMatch(/between −1,?000 and 1,?000/);
    }
    expect(edits()).toEqual([]);
    expect((screen.getByTestId('weights-undo') as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends the value, marks the edit once the worker confirms it, and undoes by button and by Ctrl+Z', () => {
    render(<WeightEditor model={0} picked={{ id: 'rnn.weight_hh_l0', row: 1, col: 0 }} />);
    const input = screen.getByTestId('weights-edit-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '−2.5' } }); // a typographic minus is read too
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(edits().map((c) => [c.key, c.row, c.col, c.value, c.undo])).toEqual([['rnn.weight_hh_l0', 1, 0, -2.5, undefined]]);
    expect(screen.queryByTestId('weights-edited')).toBeNull(); // not before the worker says so
    confirm(edits()[0]!, 0.3);
    expect(screen.getByTestId('weights-edited').textContent).toMatch(/W_hh\[2\]\[1\] 0\.3 → -2\.5|W_hh\[2\]\[1\] 0\.3 → −2\.5/);
    fireEvent.click(screen.getByTestId('weights-undo'));
    const undo = edits()[1]!;
    expect([undo.key, undo.row, undo.col, undo.value, undo.undo]).toEqual(['rnn.weight_hh_l0', 1, 0, 0.3, true]);
    confirm(undo, -2.5);
    expect(screen.queryByTestId('weights-edited')).toBeNull();

    fireEvent.change(input, { target: { value: '4' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    confirm(edits()[2]!, 0.3);
    // Ctrl+Z in the text field is the field's own undo; on the page it undoes the edit
    fireEvent.keyDown(input, { key: 'z', ctrlKey: true });
    expect(edits()).toHaveLength(3);
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    expect(edits()[3]).toMatchObject({ value: 0.3, undo: true });
  });
});
