/**
 * The page's address and the store: read the link at start (settings, selection, view, with a
 * notice for anything unusable) and again whenever the address changes under the page (a hash typed
 * in, Back or Forward), and keep the address up to date with `history.replaceState`, debounced,
 * whenever a shareable part of the state changes. The only code that touches `window.location`.
 */
import { applyUrlState, formatUrl, parseUrl, toUrlState, useStore, type AppState, type Lang } from '../store';
import { textFitsLink } from '../store/url';

/** How long the address waits for the state to settle before it is rewritten. */
const WRITE_DELAY_MS = 250;

const SHARED: (keyof AppState)[] = [
  'config', 'inspect', 'selectedStep', 'selectedUnit', 'layer', 'lang', 'lesson', 'present', 'hidden', 'embed',
  'show', 'presenterConsole',
];

/**
 * Reads the current address into the store. A training text too long for any address (so never
 * written to it) is kept when the address has none: reading the address again must not lose it.
 */
export function readUrl(browserLang: Lang, loc: Location = window.location): void {
  const { state, notices } = parseUrl(loc.search, loc.hash);
  const text = useStore.getState().config.text;
  if (state.text === '' && text !== '' && !textFitsLink(text)) state.text = text;
  applyUrlState(state, browserLang, notices);
}

/** The address for the current state (path kept, so the page works under any sub-path). */
export function currentHref(browserLang: Lang, loc: Location = window.location): string {
  const query = formatUrl(toUrlState(useStore.getState(), browserLang));
  return `${loc.pathname}${query ? `?${query}` : ''}`;
}

/**
 * Reads the address, then writes it back whenever the shareable state changes. Returns a function
 * that stops the syncing.
 */
export function startUrlSync(browserLang: Lang, win: Window = window): () => void {
  readUrl(browserLang, win.location);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    const href = currentHref(browserLang, win.location);
    const now = `${win.location.pathname}${win.location.search}${win.location.hash}`;
    if (href !== now) win.history.replaceState(win.history.state, '', href);
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(write, WRITE_DELAY_MS);
  };
  schedule();
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (SHARED.some((k) => s[k] !== prev[k])) schedule();
  });
  // an address changed by hand (a new #hash) or by Back/Forward is applied, then written back in full
  const reread = () => {
    readUrl(browserLang, win.location);
    schedule();
  };
  win.addEventListener('hashchange', reread);
  win.addEventListener('popstate', reread);
  return () => {
    win.removeEventListener('hashchange', reread);
    win.removeEventListener('popstate', reread);
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
