/** The page's languages (the string tables' keys, the URL's lang values): one definition for i18n and the store. */
export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];
