import { useCallback } from 'react';
import { translate, type Params } from '../../i18n';
import { useStore } from '../../store';

/** `t(key, params)` in the page's current language; re-renders when the language changes. */
export function useT(): (key: string, params?: Params) => string {
  const lang = useStore((s) => s.lang);
  return useCallback((key: string, params?: Params) => translate(lang, key, params), [lang]);
}
