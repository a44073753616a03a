import { describe, expect, it } from 'vitest';
import { parseUrl } from '../../store';
import { PANEL_IDS } from '../registry';
import { embedPanels } from './embedPanels';

describe('embed panels', () => {
  it('keeps the named panels in the link\'s order and drops ids the page has no panel for', () => {
    const { state } = parseUrl('?embed=1&show=panel-spectrum,panel-nope,panel-gradients,panel-spectrum', '');
    expect(embedPanels(state.show)).toEqual(['panel-spectrum', 'panel-gradients']);
    expect(embedPanels(['panel-nope'])).toEqual([]);
  });

  it('any panel of the registry can be named', () => {
    const reversed = [...PANEL_IDS].reverse();
    expect(embedPanels(parseUrl(`?show=${reversed.join(',')}`, '').state.show)).toEqual(reversed);
  });
});
