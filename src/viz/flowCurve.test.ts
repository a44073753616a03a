// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { cellColor, createFlowCurve, flowSeries } from './flowCurve';

describe('createFlowCurve', () => {
  it('draws one line per model and never writes NaN, even for zeros, overflow and NaN', () => {
    const host = document.createElement('div');
    const chart = createFlowCurve(host, { label: 'curve', xLabel: 'd', yLabel: 'g' });
    const T = 3;
    const flow = Float64Array.from([1, 0, 0, 1e-40, 2, 0, NaN, Infinity, 3]);
    const series = flowSeries([{ cell: 'rnn', T, flow }, { cell: 'lstm', T, flow: null }, { cell: 'gru', T, flow: new Float64Array(9) }],
      (c) => c.toUpperCase());
    expect(series.map((s) => s.id)).toEqual(['rnn', 'gru']);
    chart.update({ series, highlight: 1 });
    const paths = host.querySelectorAll('path[data-series]');
    expect(paths).toHaveLength(2);
    expect(paths[0].getAttribute('stroke')).toBe(cellColor('rnn'));
    expect(host.innerHTML).not.toMatch(/NaN/);
    expect(host.querySelector('svg')?.getAttribute('aria-label')).toBe('curve');
    chart.update({ series: series.slice(0, 1) });
    expect(host.querySelectorAll('path[data-series]')).toHaveLength(1);
    chart.destroy();
    expect(host.innerHTML).toBe('');
  });
  it('reports the hovered distance', () => {
    const host = document.createElement('div');
    const onHover = vi.fn();
    const chart = createFlowCurve(host, { label: 'c', xLabel: 'd', yLabel: 'g', onHover });
    chart.update({ series: [{ id: 'rnn', name: 'RNN', color: '#000', values: [1, 0.5, 0.25] }] });
    host.querySelector('rect.hover-target')?.dispatchEvent(new Event('pointerleave'));
    expect(onHover).toHaveBeenCalledWith(null);
    chart.destroy();
  });
});
