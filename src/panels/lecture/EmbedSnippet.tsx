import { useState } from 'react';
import { useCopyField } from './useCopyField';
import { useStore } from '../../store';
import { focusPanels } from '../../store/lessons';
import { useT } from '../hooks/useT';
import { PANEL_IDS } from '../registry';

/** The i18n key of each panel's title (a panel missing here is listed by its id). */
const PANEL_TITLES: Readonly<Record<string, string>> = {
  'panel-unrolled': 'unrolled.title',
  'panel-loss': 'states.loss.title',
  'panel-predictions': 'predictions.title',
  'panel-hidden': 'states.hidden.title',
  'panel-gates': 'states.gates.title',
  'panel-cell-state': 'states.memory.title',
  'panel-equations': 'equations.title',
  'panel-gradients': 'gradients.flow.title',
  'panel-spectrum': 'gradients.spectrum.title',
  'panel-clipping': 'gradients.clipping.title',
  'panel-gradcheck': 'gradients.gradcheck.title',
  'panel-weights': 'weights.title',
};

/** Panels an embed starts with: the open chapter's staged panels, else the unrolled diagram and the loss. */
const FREE_PLAY_PANELS = ['panel-unrolled', 'panel-loss'];

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The classroom-link dialog's embed part: tick panels, get the `<iframe>` HTML that shows only them
 * (with play / step / reset) in the page's current settings, and copy it. `embedFor(show)` builds
 * the embed's address (the app knows the page's address).
 */
export function EmbedSnippet({ embedFor }: { embedFor: (show: readonly string[]) => string }) {
  const t = useT();
  const [show, setShow] = useState<string[]>(() => {
    const focus = focusPanels(useStore.getState().lesson);
    return focus.length > 0 ? focus : FREE_PLAY_PANELS;
  });
  const { field, status, setStatus, copy: copyText } = useCopyField<HTMLTextAreaElement>();
  const snippet = show.length > 0
    ? `<iframe src="${attr(embedFor(show))}" width="100%" height="${show.length > 2 ? 900 : 560}" style="border:0" title="${attr(t('embed.frameTitle'))}" loading="lazy"></iframe>`
    : '';
  const toggle = (id: string) => {
    setStatus('');
    setShow((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  };
  const copy = () => copyText(snippet);
  return (
    <section className="classroom-embed" aria-labelledby="classroom-embed-title">
      <h3 id="classroom-embed-title" className="classroom-embed-title">{t('embed.heading')}</h3>
      <p className="lecture-dialog-intro">{t('embed.intro')}</p>
      <fieldset className="classroom-hide">
        <legend>{t('embed.panels')}</legend>
        <div className="classroom-hide-grid">
          {PANEL_IDS.map((id) => (
            <label key={id} className="classroom-check">
              <input type="checkbox" data-testid={`classroom-embed-${id}`} checked={show.includes(id)} onChange={() => toggle(id)} />
              <span>{PANEL_TITLES[id] ? t(PANEL_TITLES[id]) : id}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="classroom-url">
        <span>{t('embed.snippet')}</span>
        <textarea ref={field} readOnly rows={3} value={snippet} data-testid="classroom-embed" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="classroom-embed-actions">
        <p className="classroom-status" role="status" data-testid="classroom-embed-status">{status ? t(`embed.${status}`) : ''}</p>
        <button type="button" className="button" data-testid="classroom-embed-copy" disabled={!snippet} onClick={() => void copy()}>
          {t('embed.copy')}
        </button>
      </div>
    </section>
  );
}
