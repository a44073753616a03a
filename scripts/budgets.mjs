// Budgets for the built page, checked in `npm test` after the build:
//   - JS fetched while the default view loads: ≤ 250 KB gzip (each file gzipped from dist/, matched by URL);
//   - first render (navigation start → the first panel or the play button visible): ≤ 1 s, median of 3.
// Serves dist/ from a sub-path with scripts/serve-static.mjs, drives headless Chromium, prints the figures.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumPath } from './browser-path.mjs';
import { CHROMIUM_ARGS, freePort, serveStatic } from './harness.mjs';

const JS_BUDGET = 250 * 1024;
const RENDER_BUDGET_MS = 1000;
const LOADS = 3;
const SUB_PATH = '/courses/rnn/';
const DIST = resolve('dist');
const FIRST_VIEW = '[data-testid="panel-unrolled"], [data-testid="control-play"]';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;



/** The gzip size of the dist file a URL under the sub-path names. */
function gzipOf(url) {
  const path = decodeURIComponent(new URL(url).pathname).slice(SUB_PATH.length);
  return gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length;
}

/** One cold load: the JS files fetched until the first view is visible and the network is quiet, and the time to it. */
async function load(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts = new Set();
  const outside = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${ORIGIN}${SUB_PATH}`) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    else if (/\.m?js$/.test(new URL(url).pathname)) scripts.add(url.split(/[?#]/)[0]);
  });
  page.on('worker', (w) => scripts.add(w.url().split(/[?#]/)[0]));
  // Each frame from the very start, check for the first view; the time is since navigation start.
  await page.addInitScript((sel) => {
    const tick = () => {
      const el = document.querySelector(sel);
      if (el && el.checkVisibility() && el.getBoundingClientRect().height > 0) window.__firstView = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, FIRST_VIEW);
  await page.goto(`${ORIGIN}${SUB_PATH}`);
  await page.waitForFunction(() => typeof window.__firstView === 'number', null, { timeout: 15_000 });
  const ms = await page.evaluate(() => window.__firstView);
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, scripts: [...scripts].filter((u) => u.startsWith(`${ORIGIN}${SUB_PATH}`)), outside };
}

const PORT = await freePort('BUDGET_PORT');
const ORIGIN = `http://127.0.0.1:${PORT}`;
const server = await serveStatic(DIST, PORT, SUB_PATH);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
let failed = false;
try {
  const runs = [];
  for (let i = 0; i < LOADS; i++) runs.push(await load(browser));
  const sizes = runs[0].scripts.map((url) => ({ url, gz: gzipOf(url) })).sort((a, b) => b.gz - a.gz);
  const total = sizes.reduce((s, x) => s + x.gz, 0);
  console.log('JS fetched by the default view (gzip):');
  for (const { url, gz } of sizes) console.log(`  ${kb(gz).padStart(10)}  ${url.slice(ORIGIN.length + SUB_PATH.length)}`);
  console.log(`  ${kb(total).padStart(10)}  total (budget ${kb(JS_BUDGET)})`);
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`First render: ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')}; median ${median.toFixed(0)} ms (budget ${RENDER_BUDGET_MS} ms)`);
  const outside = runs.flatMap((r) => r.outside);
  if (outside.length) { console.error(`Requests outside the page's folder: ${outside.join(', ')}`); failed = true; }
  if (total > JS_BUDGET) { console.error('Over the JS budget.'); failed = true; }
  if (!(median <= RENDER_BUDGET_MS)) { console.error('Over the first-render budget.'); failed = true; }
} finally {
  await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);
