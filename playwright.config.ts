import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/browser-path.mjs';

// The built page is served from a sub-path, as a course would host it.
export const SUB_PATH = '/courses/rnn/';
// E2E_PORT lets two checkouts run their end-to-end tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${SUB_PATH}`,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node scripts/serve-static.mjs dist ${PORT} ${SUB_PATH}`,
    url: `http://127.0.0.1:${PORT}${SUB_PATH}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
