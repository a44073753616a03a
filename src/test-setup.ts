// Component tests opt into jsdom with a `// @vitest-environment jsdom` first line;
// Testing Library only cleans up by itself with globals, so do it here.
import { afterEach } from 'vitest';

afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
