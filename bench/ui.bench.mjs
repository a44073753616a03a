// The page under training load: frame times (requestAnimationFrame deltas, p50/p95), main-thread
// long tasks (> 50 ms), optimizer steps per second, and how often two panels are refreshed (paints of
// the unrolled diagram's strips and of the hidden-state heatmap per second; the heatmap is below the
// fold in the default view), while the default task trains for ~10 s.
// Three runs per scenario, median reported. Run with `npm run bench:ui` (builds dist/ first).
import { chromium } from '@playwright/test';
import { chromiumPath } from '../scripts/browser-path.mjs';
import { CHROMIUM_ARGS, freePort, serveStatic } from '../scripts/harness.mjs';

const SUB_PATH = '/courses/rnn/';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const SCENARIOS = [
  { name: 'default view (meet, rnn, H=16)', query: '', viewport: { width: 1280, height: 900 } },
  { name: 'charlm, lstm, H=64, T=25', query: '?task=charlm&cell=lstm&hidden=64&seqlen=25', viewport: { width: 1280, height: 900 } },
  { name: 'charlm lstm H=64, T=50, all panels in view', query: '?task=charlm&cell=lstm&hidden=64&seqlen=50', viewport: { width: 1280, height: 7000 } },
  { name: 'charlm lstm H=128, T=100, all panels in view', query: '?task=charlm&cell=lstm&hidden=128&seqlen=100', viewport: { width: 1280, height: 8000 } },
];
// BENCH_ONLY=<substring> runs only the scenarios whose name contains it.
const ONLY = process.env.BENCH_ONLY ?? '';
const CHOSEN = SCENARIOS.filter((s) => s.name.includes(ONLY));

const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};
const median = (xs) => quantile(xs, 0.5);

async function stepCount(page) {
  return Number((await page.getByTestId('readout-step').textContent()).replace(/[^\d]/g, '') || '0');
}

async function oneRun(browser, base, scenario) {
  const page = await browser.newPage({ viewport: scenario.viewport });
  // counts the paints of the unrolled diagram's strips and of the hidden-state heatmap: how often a panel is refreshed
  await page.addInitScript(() => {
    const draw = CanvasRenderingContext2D.prototype.drawImage;
    const clear = CanvasRenderingContext2D.prototype.clearRect;
    window.__paints = { hidden: 0, unrolled: 0 };
    CanvasRenderingContext2D.prototype.drawImage = function (...args) {
      if (this.canvas.classList.contains('viz-heatmap-cells') && this.canvas.closest('[data-testid="panel-hidden"]')) window.__paints.hidden++;
      return draw.apply(this, args);
    };
    CanvasRenderingContext2D.prototype.clearRect = function (...args) {
      if (this.canvas.classList.contains('ur-canvas')) window.__paints.unrolled++;
      return clear.apply(this, args);
    };
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}${scenario.query}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="readout-chance"]')?.textContent, null, { timeout: 30_000 });
  await page.getByTestId('control-play').click();
  await page.waitForTimeout(1000); // warm-up: the first frames build the panels
  await page.evaluate(() => {
    const rec = { deltas: [], longTasks: 0, longest: 0, stop: false };
    window.__bench = rec;
    let last = performance.now();
    const frame = (now) => {
      rec.deltas.push(now - last);
      last = now;
      if (!rec.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) { rec.longTasks++; rec.longest = Math.max(rec.longest, e.duration); }
    }).observe({ type: 'longtask' });
  });
  const s0 = await stepCount(page);
  const p0 = await page.evaluate(() => ({ ...window.__paints }));
  const t0 = Date.now();
  await page.waitForTimeout(SECONDS * 1000);
  const s1 = await stepCount(page);
  const p1 = await page.evaluate(() => ({ ...window.__paints }));
  const t1 = Date.now();
  const rec = await page.evaluate(() => { window.__bench.stop = true; return window.__bench; });
  await page.close();
  const deltas = rec.deltas.slice(1);
  return {
    p50: quantile(deltas, 0.5), p95: quantile(deltas, 0.95), frames: deltas.length,
    longTasks: rec.longTasks, longest: rec.longest, stepsPerSecond: (s1 - s0) / ((t1 - t0) / 1000),
    unrolledPerSecond: (p1.unrolled - p0.unrolled) / ((t1 - t0) / 1000),
    hiddenPerSecond: (p1.hidden - p0.hidden) / ((t1 - t0) / 1000), errors,
  };
}

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const row = (cells) => `| ${cells.join(' | ')} |`;

const port = await freePort();
const base = `http://127.0.0.1:${port}${SUB_PATH}`;
const server = await serveStatic('dist', port, SUB_PATH);
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: CHROMIUM_ARGS,
});
const lines = [row(['scenario', 'run', 'frame p50 ms', 'frame p95 ms', 'frames', 'long tasks', 'longest ms', 'steps/s', 'unrolled redraws/s', 'hidden-state redraws/s'])];
lines.push(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
let failed = false;
try {
  for (const scenario of CHOSEN) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await oneRun(browser, base, scenario);
      runs.push(r);
      if (r.errors.length) { failed = true; console.error(`page errors: ${r.errors.join('; ')}`); }
      lines.push(row([scenario.name, String(i + 1), fmt(r.p50), fmt(r.p95), String(r.frames), String(r.longTasks), fmt(r.longest, 0), fmt(r.stepsPerSecond, 0), fmt(r.unrolledPerSecond), fmt(r.hiddenPerSecond)]));
    }
    lines.push(row([`**${scenario.name}**`, 'median', fmt(median(runs.map((r) => r.p50))), fmt(median(runs.map((r) => r.p95))),
      String(median(runs.map((r) => r.frames))), String(median(runs.map((r) => r.longTasks))),
      fmt(median(runs.map((r) => r.longest)), 0), fmt(median(runs.map((r) => r.stepsPerSecond)), 0),
      fmt(median(runs.map((r) => r.unrolledPerSecond))), fmt(median(runs.map((r) => r.hiddenPerSecond)))]));
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(`\nUI while training (${SECONDS} s per run, ${RUNS} runs, median last):\n`);
console.log(lines.join('\n'));
if (failed) process.exitCode = 1;
