import { useCallback, useRef, useState } from 'react';
import type { Params } from '../../i18n';
import { useT } from '../hooks/useT';

/** How often the text alternative may change (it is announced politely; not every frame). */
const EVERY_MS = 4000;

/**
 * A panel's summary sentence, refreshed from the per-frame path at most every few seconds.
 * Returns the current sentence and `report(key, params)` to call from a draw function.
 */
export function useSummary(): [string, (key: string, params: Params) => void] {
  const t = useT();
  const [entry, setEntry] = useState<{ key: string; params: Params } | null>(null);
  const last = useRef(0);
  const report = useCallback((key: string, params: Params) => {
    const now = Date.now();
    if (now - last.current < EVERY_MS && last.current !== 0) return;
    last.current = now;
    setEntry({ key, params });
  }, []);
  return [entry ? t(entry.key, entry.params) : '', report];
}
