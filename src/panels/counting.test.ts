import { describe, expect, it } from 'vitest';
import { translate, type Params } from '../i18n';
import { placeWords, shown } from './counting';

const tEn = (key: string, params?: Params) => translate('en', key, params);
const tZh = (key: string, params?: Params) => translate('zh-CN', key, params);

describe('one way of counting', () => {
  it('shows a 0-based index counting from 1', () => {
    expect([0, 1, 63].map(shown)).toEqual([1, 2, 64]);
  });

  it('names a place in the same words in both languages', () => {
    expect(placeWords(tEn, 2, 1)).toBe('time step 3 · unit 2');
    expect(placeWords(tEn, 2, null)).toBe('time step 3');
    expect(placeWords(tEn, null, 1)).toBe('unit 2');
    expect(placeWords(tEn, null, null)).toBe('');
    expect(placeWords(tZh, 2, 1)).toBe('第 3 个时间步 · 单元 2');
    expect(placeWords(tZh, 2, null)).toBe('第 3 个时间步');
  });

  it('the heatmap read-out and the equations use those words', () => {
    const where = placeWords(tEn, 4, 0);
    expect(tEn('states.readout', { where, token: 'a', value: '0.5' })).toBe('time step 5 · unit 1 (“a”): 0.5');
    expect(tEn('equations.where', { where, layer: shown(0) })).toBe('At time step 5 · unit 1, layer 1:');
  });
});
