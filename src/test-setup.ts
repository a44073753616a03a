// Component tests opt into jsdom with a `// @vitest-environment jsdom` first line;
// Testing Library only cleans up by itself with globals, so do it here.
import { afterEach } from 'vitest';
import { loadLang } from './i18n';

// the Chinese strings load on demand in the page; tests switch language synchronously, so load them first
await loadLang('zh-CN');

afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
