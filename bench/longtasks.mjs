// Where the page's long tasks come from: drives one heavy scenario in Chromium with a DevTools
// trace (timeline + sampled JS stacks) and, for every main-thread task of 50 ms or more, prints its
// length, the largest trace events inside it (layout, paint, a script call) and the JS functions
// that took the most of it (self time from the samples, with the first frame of the page's code
// that called them).
// Usage: npm run build (or `npx vite build --minify false --outDir <dir>` for readable names), then
//   node bench/longtasks.mjs <dist> <scenario> [seconds]   (WARM=1: after a first untraced visit; TOP=n tasks)
// scenarios: largest | largest-compare | text200k | default | chapter
import { chromium } from '@playwright/test';
import { chromiumPath } from '../scripts/browser-path.mjs';
import { CHROMIUM_ARGS, freePort, serveStatic } from '../scripts/harness.mjs';

const [dist = 'dist', scenario = 'default', seconds = '15'] = process.argv.slice(2);
const SUB = '/courses/rnn/';
const LARGEST = '?lang=en&task=charlm&hidden=256&layers=3&seqlen=200&batch=64';
const SCENARIOS = {
  largest: { query: LARGEST, play: true },
  'largest-compare': { query: `${LARGEST}&compare=1`, play: true },
  text200k: { query: '?lang=en&task=charlm', play: true, text: true },
  default: { query: '?lang=en', play: true },
  chapter: { query: '?lang=en&lesson=why', play: true },
};
const sc = SCENARIOS[scenario];
if (!sc) throw new Error(`unknown scenario ${scenario}`);

const port = await freePort();
const server = await serveStatic(dist, port, SUB);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  if (process.env.WARM) {
    // WARM=1: the page once first, untraced, so that the browser's one-time costs (its font
    // configuration, the first use of each font file) are not counted
    const first = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await first.goto(`http://127.0.0.1:${port}${SUB}${sc.query}`);
    await first.waitForFunction(() => document.querySelector('[data-testid="readout-chance"]')?.textContent, null, { timeout: 60_000 });
    await first.close();
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => { for (const v of e.value) events.push(v); });
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing',
        'disabled-by-default-v8.cpu_profiler', 'toplevel', 'disabled-by-default-devtools.timeline.frame'],
    },
  });
  await page.goto(`http://127.0.0.1:${port}${SUB}${sc.query}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="readout-chance"]')?.textContent, null, { timeout: 60_000 });
  if (sc.text) {
    const toggle = page.getByTestId('control-settings');
    if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    const symbols = Array.from({ length: 5000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    await page.getByTestId('control-text').fill(symbols.repeat(40));
    await page.evaluate(() => performance.mark('apply-text'));
    await page.getByTestId('control-text-apply').click();
  }
  if (sc.play) {
    const play = page.getByTestId('control-play');
    if ((await play.getAttribute('aria-pressed')) !== 'true') await play.click();
  }
  await page.waitForTimeout(Number(seconds) * 1000);
  await cdp.send('Tracing.end');
  await done;
  report(events);
} finally {
  await browser.close();
  server.kill();
}

function report(evs) {
  const names = new Map(); // pid:tid → thread name
  for (const e of evs) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const mainKey = [...names].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
  const onMain = (e) => mainKey.includes(`${e.pid}:${e.tid}`);
  const all = evs.filter((e) => onMain(e) && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur >= 50_000);
  // a task traced twice (RunTask inside ThreadControllerImpl::RunTask) counts once: the outer one
  const tasks = all.filter((t) => !all.some((o) => o !== t && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && o.dur >= t.dur && (o.dur > t.dur || o.name === 'ThreadControllerImpl::RunTask')));
  // the sampled stacks: nodes per profile id, then samples with time deltas
  const profiles = new Map();
  for (const e of evs) {
    if (e.name === 'Profile') profiles.set(e.id, { pid: e.pid, tid: e.tid, start: e.args.data.startTime, nodes: new Map(), samples: [] });
    if (e.name === 'ProfileChunk') {
      const p = profiles.get(e.id);
      if (!p) continue;
      const d = e.args.data.cpuProfile ?? {};
      for (const n of d.nodes ?? []) p.nodes.set(n.id, n);
      const deltas = e.args.data.timeDeltas ?? [];
      let t = p.last ?? p.start;
      (d.samples ?? []).forEach((s, i) => { t += deltas[i] ?? 0; p.samples.push([t, s]); });
      p.last = t;
    }
  }
  const mainProfiles = [...profiles.values()].filter((p) => mainKey.includes(`${p.pid}:${p.tid}`));
  const frameOf = (p, id) => {
    const n = p.nodes.get(id);
    return n ? n.callFrame : { functionName: '?', url: '' };
  };
  const label = (f) => `${f.functionName || '(anon)'}@${(f.url || '').split('/').pop()}:${f.lineNumber ?? ''}`;
  console.log(`${scenario}: ${tasks.length} main-thread tasks ≥ 50 ms; longest ${Math.max(0, ...tasks.map((t) => t.dur / 1000)).toFixed(0)} ms`);
  // longest on the CPU first: on a machine shared with other jobs the clock also counts the wait for a core
  const cpu = (t) => t.tdur ?? t.dur;
  tasks.sort((a, b) => cpu(b) - cpu(a));
  console.log(`longest on the CPU ${Math.max(0, ...tasks.map((t) => cpu(t) / 1000)).toFixed(0)} ms`);
  for (const t of tasks.slice(0, Number(process.env.TOP ?? 10))) {
    const end = t.ts + t.dur;
    const inside = evs.filter((e) => onMain(e) && e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end && e !== t && e.dur >= 5_000);
    const byName = new Map();
    const layouts = [];
    for (const e of inside) {
      const k = e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'TimerFire' || e.name === 'EventDispatch'
        ? `${e.name}(${e.args?.data?.functionName ?? e.args?.data?.type ?? e.args?.data?.url?.split('/').pop() ?? ''})` : e.name;
      byName.set(k, (byName.get(k) ?? 0) + e.dur / 1000);
      if (e.name === 'Layout' && e.dur >= 20_000) layouts.push(`${(e.dur / 1000).toFixed(0)} ms ${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects} objects`);
    }
    console.log(`\n— task ${(t.dur / 1000).toFixed(0)} ms (${t.tdur === undefined ? '?' : (t.tdur / 1000).toFixed(0)} ms on the CPU) at ${((t.ts - evs[0].ts) / 1e6).toFixed(2)} s`);
    console.log('  events:', [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | '));
    if (layouts.length) console.log('  layouts:', layouts.join(', '));
    const self = new Map();
    const via = new Map();
    for (const p of mainProfiles) {
      for (const [ts, id] of p.samples) {
        if (ts < t.ts || ts > end) continue;
        const f = frameOf(p, id);
        self.set(label(f), (self.get(label(f)) ?? 0) + 1);
        // the stack, leaf upwards: the first three frames of the page's own code
        const chain = [];
        for (let n = p.nodes.get(id); n && chain.length < 4; n = p.nodes.get(n.parent)) {
          if (n.callFrame.url && n.callFrame.url.includes('/assets/')) chain.push(label(n.callFrame));
        }
        const k = chain.join(' < ') || '(native/idle)';
        via.set(k, (via.get(k) ?? 0) + 1);
      }
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
    console.log('  self:', [...self].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${(100 * v / total).toFixed(0)}%`).join(' | '));
    for (const [k, v] of [...via].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`    ${(100 * v / total).toFixed(0)}% ${k}`);
  }
}
