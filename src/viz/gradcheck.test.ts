// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createGradCheckGauge } from './gradcheck';

describe('createGradCheckGauge', () => {
  it('shows the mark only for a result, pins 0 and huge errors to the ends, never NaN', () => {
    const host = document.createElement('div');
    const gauge = createGradCheckGauge(host, { label: 'gauge', passLabel: '1e-6' });
    const mark = host.querySelector('path.mark') as SVGPathElement;
    expect(mark.style.display).toBe('none');
    for (const v of [0, 3e-10, 1e6, Infinity]) {
      gauge.update(v);
      expect(mark.style.display).toBe('');
      expect(mark.getAttribute('transform')).not.toMatch(/NaN/);
    }
    gauge.update(NaN);
    expect(mark.style.display).toBe('none');
    gauge.destroy();
    expect(host.innerHTML).toBe('');
  });
});
