import { PANEL_IDS } from '../registry';

/** The panels an embed shows: the ids of `show` the page has a panel for, in its order, each once. */
export function embedPanels(show: readonly string[], known: readonly string[] = PANEL_IDS): string[] {
  return show.filter((id, i) => known.includes(id) && show.indexOf(id) === i);
}
