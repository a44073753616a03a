import { describe, expect, it } from 'vitest';
import { tables } from '../i18n';
import { fixtureTrace } from './fixtures';
import { equationQuantity, gateGrids, gateLayout, hiddenGrid, liveliestUnit, memoryLayout, memoryView, symmetricDomain } from './stateViews';

describe('state views', () => {
  for (const cell of ['lstm', 'gru', 'rnn'] as const) {
    it(`${cell}: grids match their layout, are units × time, and the memory view is never empty`, () => {
      const m = fixtureTrace({ cell, T: 7, hidden: 5, layers: 2 });
      const gates = gateGrids(m, 1);
      expect(gates.map((g) => [g.id, g.scale])).toEqual(gateLayout(cell).map((g) => [g.id, g.scale]));
      const mem = memoryView(m, 1)!;
      expect(mem.grids.map((g) => [g.id, g.scale])).toEqual(memoryLayout(cell).map((g) => [g.id, g.scale]));
      for (const g of [hiddenGrid(m, 1), ...gates, ...mem.grids]) {
        expect(g.values.length).toBe(35);
        expect(g.values.some((v) => v !== 0)).toBe(true);
      }
      expect(mem.lines(2).every((l) => l.values.length === 7)).toBe(true);
    });
    it(`${cell}: every title, role, legend and line text exists in both languages`, () => {
      const ids = [...gateLayout(cell, 'tanh'), ...gateLayout(cell, 'relu'), ...memoryLayout(cell), { id: 'h' }].map((g) => g.id);
      const m = fixtureTrace({ cell, T: 3, hidden: 2 });
      const lines = memoryView(m, 0)!.lines(0).map((l) => `states.line.${l.id}`);
      const keys = [...ids.flatMap((id) => [`states.grid.${id}`, `states.role.${id}`, `states.legend.${id}`]), ...lines,
        `states.cell.${cell}`, `states.gates.explain.${cell}`, `states.gates.summary.${cell}`, `states.memory.explain.${cell}`,
        `states.memory.unit.${cell}`, `states.memory.summary.${cell}`, 'states.hidden.summary', 'states.loss.summary'];
      for (const lang of ['en', 'zh-CN'] as const) expect(keys.filter((k) => !tables[lang][k])).toEqual([]);
    });
  }
  it('ReLU swaps the slope grid; the slope is 0 or 1', () => {
    const g = gateGrids(fixtureTrace({ cell: 'rnn', T: 4, hidden: 3 }), 0, 'relu');
    expect(g[1].id).toBe('slopeRelu');
    expect(g[1].values.every((v) => v === 0 || v === 1)).toBe(true);
  });
  it('memory: each quantity has a scale that shows it — a large cell state does not wash out the writes', () => {
    const m = fixtureTrace({ cell: 'lstm', T: 6, hidden: 4 });
    const c = m.c!.map((v) => v * 40);
    const grids = memoryView({ ...m, c }, 0)!.grids;
    const domain = (id: string) => grids.find((g) => g.id === id)!.domain!;
    const largest = (id: string) => Math.max(...grids.find((g) => g.id === id)!.values.map(Math.abs));
    expect(domain('c')[1]).toBeCloseTo(largest('c'), 12);
    expect(domain('c')[1]).toBeGreaterThan(10);
    expect(domain('written')).toEqual([-1, 1]);
    expect(largest('written')).toBeLessThanOrEqual(1);
    expect(domain('kept')[1]).toBeCloseTo(Math.max(1, largest('kept')), 12);
    expect(domain('forgotten')[1]).toBeCloseTo(Math.max(1, largest('forgotten')), 12);
  });
  it('domains and the liveliest unit', () => {
    expect(symmetricDomain([[0.2, -0.5]], 0)).toEqual([-0.5, 0.5]);
    expect(symmetricDomain([[0.2, NaN]], 1)).toEqual([-1, 1]);
    expect(liveliestUnit(Float64Array.from([0, 0, 1, -1, 0, 0.5]), 3, 2)).toBe(1);
  });
});

describe('equationQuantity', () => {
  it('maps every state grid to the equation that produced it', () => {
    expect(['h', 'c', 'i', 'f', 'g', 'o', 'r', 'z', 'n', 'a'].map(equationQuantity)).toEqual(['h', 'c', 'i', 'f', 'g', 'o', 'r', 'z', 'n', 'a']);
    expect(['kept', 'written', 'forgotten'].map(equationQuantity)).toEqual(['c', 'c', 'c']);
    expect(['keptOld', 'candidate'].map(equationQuantity)).toEqual(['h', 'h']);
    expect(['recurrent', 'input', 'share', 'slope', 'slopeRelu'].map(equationQuantity)).toEqual(['a', 'a', 'a', 'a', 'a']);
  });
});
