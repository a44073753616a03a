import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { stepCount } from './helpers';

const HOME = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/courses/rnn/`;
const COPY_PATH = '/elsewhere/unrolled/';

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

/** Every URL the context asks for (the page, its worker and its service worker). */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Waits until a service worker controls the page. */
async function waitForControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** Presses play and waits for the step count to rise. */
async function trains(page: Page): Promise<void> {
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(0);
}

test('no request leaves the page’s folder, and after the first visit the page works offline', async ({ page, context }) => {
  const urls = recordRequests(context);
  await page.goto(HOME);
  await expect(page.getByTestId('app-title')).toHaveText('Unrolled');
  await waitForControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('app-title')).toHaveText('Unrolled');
  await trains(page);
  const outside = urls.filter((u) => !u.startsWith(HOME) && !/^(data|blob):/.test(u));
  expect(outside).toEqual([]);
});

test.describe('the build copied to another host and path', () => {
  let dir = '';
  let server: ChildProcess | null = null;
  let copy = '';

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'unrolled-copy-'));
    cpSync('dist', dir, { recursive: true });
    const port = await freePort();
    copy = `http://127.0.0.1:${port}${COPY_PATH}`;
    server = spawn(process.execPath, ['scripts/serve-static.mjs', dir, String(port), COPY_PATH], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((ok) => server!.stdout!.once('data', ok));
  });

  test.afterAll(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('works there, and says so when a new version is deployed', async ({ page, context }) => {
    const urls = recordRequests(context);
    await page.goto(`${copy}?lang=en`);
    await expect(page.getByTestId('app-title')).toHaveText('Unrolled');
    await trains(page);
    await waitForControl(page);
    expect(urls.filter((u) => !u.startsWith(copy) && !/^(data|blob):/.test(u))).toEqual([]);
    // A new deployment: sw.js changes. The next visit installs it and the page says so.
    appendFileSync(join(dir, 'sw.js'), '\n// next deployment\n');
    await page.reload();
    await expect(page.getByTestId('notice')).toContainText('A new version was installed');
  });
});

test('other addresses in the folder are not answered with the app, online or offline', async ({ page, context }) => {
  await page.goto(HOME);
  await waitForControl(page);
  for (const offline of [false, true]) {
    await context.setOffline(offline);
    // a real file is served as itself
    const file = await page.goto(`${HOME}checkpoints/recall-lstm.json`);
    expect(file!.status()).toBe(200);
    expect(await file!.text()).toContain('state_dict');
    // an address naming nothing is a 404, not a blank app under the wrong folder
    for (const path of ['foo/bar', 'checkpoints/x.json', 'assets/nope.js']) {
      const r = await page.goto(`${HOME}${path}`);
      expect([path, r!.status()]).toEqual([path, 404]);
      await expect(page.getByTestId('app-title')).toHaveCount(0);
    }
    // and the app's own page still opens
    await page.goto(`${HOME}?lang=en`);
    await expect(page.getByTestId('app-title')).toHaveText('Unrolled');
  }
  await context.setOffline(false);
});
