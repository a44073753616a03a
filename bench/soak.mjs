// Soak: train on the default view for 5 minutes (SOAK_SECONDS to change it, warm-up included) and
// compare the JS heap of the page and of the training worker after a 30 s warm-up (SOAK_WARMUP)
// with the heap at the end, both measured after a garbage collection, and the resident memory of
// all the browser's processes (Linux: VmRSS from /proc, summed over the processes Chromium lists),
// which also counts what the heap does not: typed arrays' buffers, canvases, the renderer's own.
// Fails when any of the three grows by more than 20 %. Run with `npm run test:soak` (builds dist/ first);
// SOAK_QUERY soaks another view (e.g. `task=charlm&hidden=256&layers=3&seqlen=200&batch=64`).
import { chromium } from '@playwright/test';
import { chromiumPath } from '../scripts/browser-path.mjs';
import { CHROMIUM_ARGS, freePort, serveStatic } from '../scripts/harness.mjs';
import { browserRss } from '../scripts/process-memory.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const WARMUP = Math.min(Number(process.env.SOAK_WARMUP ?? 30), SECONDS / 2);
const MAX_GROWTH = 0.2;
const QUERY = process.env.SOAK_QUERY ?? '';
const SUB_PATH = '/courses/rnn/';

const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const pct = (a, b) => ((b - a) / a) * 100;
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));



/**
 * The training worker's heap through the page's CDP session: auto-attach (not flattened) to its
 * dedicated worker and talk to it with Target.sendMessageToTarget.
 */
async function workerHeap(cdp) {
  let sessionId = null;
  let next = 0;
  const pending = new Map();
  cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') sessionId = e.sessionId; });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  for (let i = 0; i < 50 && !sessionId; i++) await sleep(100);
  if (!sessionId) throw new Error('could not attach to the training worker');
  const call = (method, params = {}) => new Promise((ok, fail) => {
    const id = ++next;
    pending.set(id, (m) => (m.error ? fail(new Error(m.error.message)) : ok(m.result)));
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(fail);
  });
  return async () => {
    await call('HeapProfiler.collectGarbage');
    return (await call('Runtime.getHeapUsage')).usedSize;
  };
}

/** The page's heap after a garbage collection. */
async function pageHeap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value;
}

const steps = async (page) => Number((await page.getByTestId('readout-step').textContent())?.replace(/[^\d]/g, '') || '0');

const PORT = await freePort('SOAK_PORT');
const server = await serveStatic('dist', PORT, SUB_PATH);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { console.error(`page error: ${e.message}`); failed = true; });
  await page.goto(`http://127.0.0.1:${PORT}${SUB_PATH}${QUERY ? `?${QUERY}` : ''}`);
  await page.getByTestId('control-play').waitFor({ state: 'visible' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const worker = await workerHeap(cdp);
  await page.getByTestId('control-play').click();
  console.log(`Soak: ${SECONDS} s of training on ${QUERY ? `?${QUERY}` : 'the default view'}, ${WARMUP} s of it warm-up.`);
  await sleep(WARMUP * 1000);
  const start = { page: await pageHeap(cdp), worker: await worker(), rss: await browserRss(browser), step: await steps(page) };
  const rssText = (r) => (r === null ? '' : `, browser processes ${mb(r)}`);
  console.log(`  start (${WARMUP} s): page ${mb(start.page)}, worker ${mb(start.worker)}${rssText(start.rss)}, step ${start.step}`);
  const t0 = Date.now();
  const left = (SECONDS - WARMUP) * 1000;
  while (Date.now() - t0 < left) {
    await sleep(Math.min(60_000, left - (Date.now() - t0)));
    const s = Math.round(WARMUP + (Date.now() - t0) / 1000);
    if (Date.now() - t0 < left - 1000) {
      console.log(`  at ${s} s: page ${mb(await pageHeap(cdp))}, worker ${mb(await worker())}${rssText(await browserRss(browser))}, step ${await steps(page)}`);
    }
  }
  const end = { page: await pageHeap(cdp), worker: await worker(), rss: await browserRss(browser), step: await steps(page) };
  console.log(`  end (${SECONDS} s): page ${mb(end.page)}, worker ${mb(end.worker)}${rssText(end.rss)}, step ${end.step}`);
  const growth = { page: pct(start.page, end.page), worker: pct(start.worker, end.worker), rss: start.rss === null ? null : pct(start.rss, end.rss) };
  const rssGrowth = growth.rss === null ? '' : `, browser processes ${growth.rss.toFixed(1)} %`;
  console.log(`  growth: page ${growth.page.toFixed(1)} %, worker ${growth.worker.toFixed(1)} %${rssGrowth} (limit ${MAX_GROWTH * 100} %)`);
  if (end.step <= start.step) { console.error('Training did not advance during the soak.'); failed = true; }
  if (growth.page > MAX_GROWTH * 100 || growth.worker > MAX_GROWTH * 100) { console.error('Heap grew too much.'); failed = true; }
  if (growth.rss !== null && growth.rss > MAX_GROWTH * 100) { console.error('The browser\'s processes grew too much.'); failed = true; }
} finally {
  await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);
