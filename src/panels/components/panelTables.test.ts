import { describe, expect, it } from 'vitest';
import { initialState, type AppState } from '../../store';
import { hiddenTable, lossTable, spread } from './panelTables';

const t = (key: string, params?: Record<string, string | number>) => (params ? `${key}:${JSON.stringify(params)}` : key);

describe('panel data tables', () => {
  it('thins long histories evenly, keeping both ends', () => {
    expect(spread(3, 50)).toEqual([0, 1, 2]);
    const picked = spread(1000, 50);
    expect(picked.length).toBe(50);
    expect(picked[0]).toBe(0);
    expect(picked[49]).toBe(999);
  });

  it('builds the loss and hidden-state tables from the state', () => {
    expect(lossTable(initialState, t)).toBeNull();
    const s = {
      ...initialState,
      histories: [{ step: [1, 2], loss: [2.5, 2.25], gradNorm: [], clippedNorm: [] }],
      snapshot: { models: [{ cell: 'rnn', T: 2, hidden: 2, layers: 1, h: new Float64Array([0.1, 0.2, 0.3, 0.4]) }] },
    } as unknown as AppState;
    const loss = lossTable(s, t)!;
    expect(loss.rows).toEqual([['1', '2.5'], ['2', '2.25']]);
    const hidden = hiddenTable(s, 0, 0, t)!;
    // steps, units and the layer count from 1, as everywhere on the page
    expect(hidden.cols).toEqual(['lecture.table.hidden.step', 'lecture.table.hidden.unit:{"n":1}', 'lecture.table.hidden.unit:{"n":2}']);
    expect(hidden.rows).toEqual([['1', '0.1', '0.2'], ['2', '0.3', '0.4']]);
    expect(hidden.caption).toBe('lecture.table.hidden.caption:{"layer":1,"units":2}');
  });
});
