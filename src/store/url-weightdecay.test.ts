import { describe, expect, it } from 'vitest';
import { CONTROL_NAMES, DEFAULT_URL_STATE, OPTIMIZERS } from './params';
import { formatUrl, parseUrl } from './url';

describe('weight decay and AdamW in the address', () => {
  it('wd is off by default and absent from a default link', () => {
    expect(DEFAULT_URL_STATE.weightDecay).toBe(0);
    expect(formatUrl(DEFAULT_URL_STATE)).not.toContain('wd=');
  });
  it('reads and writes wd and optimizer=adamw', () => {
    const { state, notices } = parseUrl('?optimizer=adamw&wd=0.01', '');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ optimizer: 'adamw', weightDecay: 0.01 });
    expect(formatUrl(state)).toBe('optimizer=adamw&wd=0.01');
    expect(OPTIMIZERS).toContain('adamw');
  });
  it('a negative or unreadable wd falls back to 0 with a notice naming wd', () => {
    for (const bad of ['-0.1', 'lots', '11']) {
      const { state, notices } = parseUrl(`?wd=${bad}`, '');
      expect(state.weightDecay).toBe(0);
      expect(notices[0]?.params?.name).toBe('wd');
    }
  });
  it('a classroom link can hide the control', () => {
    expect(CONTROL_NAMES).toContain('weight-decay');
    expect(parseUrl('?hide=weight-decay', '').state.hide).toEqual(['weight-decay']);
  });
});
