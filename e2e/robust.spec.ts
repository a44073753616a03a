// A page that never freezes, never dies silently and never balloons: the watchdog, the cost budget,
// model files past the limits, long links, and exports of any text.
import { expect, test, type Page } from '@playwright/test';
import { openSettings, stepCount, waitForFirstSnapshot } from './helpers';
import { browserRss } from '../scripts/process-memory.mjs';
import { describeTasks, longestCpu, recordMainThread } from './mainThread';

/** Starts recording the main thread's long tasks (ms); read them with {@link longestTask}. */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { __long: number[] }).__long));
}

/** The training worker of the page (the one that answers pings). */
async function trainingWorker(page: Page) {
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  return page.workers()[0]!;
}

async function trainsAgain(page: Page): Promise<void> {
  const before = await stepCount(page);
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(before + 3);
}

test.describe('watchdog', () => {
  test('a closed worker is noticed within 5 s and restarted with the settings, from the last weights', async ({ page }) => {
    await page.goto('./?lang=en&hidden=12&seed=7');
    await waitForFirstSnapshot(page);
    await page.getByTestId('control-step').click();
    await expect.poll(() => stepCount(page)).toBe(1);
    const worker = await trainingWorker(page);
    const t0 = Date.now();
    await worker.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => {});
    const error = page.getByTestId('status-error');
    await expect(error).toContainText('stopped answering', { timeout: 8_000 });
    expect(Date.now() - t0).toBeLessThan(8_000);
    await expect(error).toContainText('step 1');
    await expect.poll(() => stepCount(page)).toBe(1); // the count goes on from the weights it resumed from
    await trainsAgain(page);
    // the settings were kept
    await openSettings(page);
    await expect(page.getByTestId('control-hidden')).toHaveValue('12');
  });

  test('a worker stuck in a loop is replaced, and the page keeps answering', async ({ page }) => {
    await page.goto('./?lang=en');
    await waitForFirstSnapshot(page);
    const worker = await trainingWorker(page);
    void worker.evaluate(() => { const end = Date.now() + 20_000; while (Date.now() < end) { /* stuck */ } }).catch(() => {});
    await expect(page.getByTestId('status-error')).toContainText('stopped answering', { timeout: 9_000 });
    await trainsAgain(page);
  });
});

test.describe('cost budget', () => {
  for (const compare of [false, true]) {
    test(`the largest settings${compare ? ' in compare mode' : ''} are lowered with a notice, and the page trains without freezing`, async ({ page }) => {
      await recordLongTasks(page);
      const trace = await recordMainThread(page);
      await page.goto(`./?lang=en&task=charlm&hidden=256&layers=3&seqlen=200&batch=64${compare ? '&compare=1' : ''}`);
      await expect(page.getByTestId('notice')).toContainText('lowered to fit: batch 64 →');
      await waitForFirstSnapshot(page);
      await trainsAgain(page);
      // a slow run reads as such: fractional steps/s, and how long a step takes
      const speed = Number((await page.getByTestId('readout-speed').textContent())!.replace(/[^\d.]/g, ''));
      console.log(`measured: largest settings${compare ? ' (compare)' : ''}: ${speed} steps/s, ${await page.getByTestId('readout-step-time').textContent()}`);
      expect(speed).toBeGreaterThan(0);
      if (speed < 2) {
        await expect(page.getByTestId('readout-step-time')).toContainText(/≈ \d+(\.\d)? s\/step/);
        await expect(page.getByTestId('readout-step-time')).toHaveAttribute('title', /A step takes ≈ \d/);
      }
      // pause takes effect between two sequences of a step: the step under way completes, and the
      // count on screen may trail the worker by one more (at these sizes a snapshot is built in parts
      // while training goes on), then nothing moves
      const atClick = await stepCount(page);
      await page.getByTestId('control-play').click();
      await page.waitForTimeout(3000);
      const paused = await stepCount(page);
      expect(paused - atClick).toBeLessThanOrEqual(2);
      await page.waitForTimeout(2500);
      expect(await stepCount(page)).toBe(paused);
      // No task on the page's thread of 100 ms or more, from the load through the first pictures of
      // 200 steps × 256 units and training (the page mounts its panels one a frame, the diagram is
      // built and the state grids drawn over several frames), held on the CPU time of each task:
      // 30–74 ms measured here with the machine's load at 3–6 (86 ms before the pictures were drawn
      // in parts, at a lighter load). On the clock a task also counts the time its thread waited for one of the
      // machine's two cores, shared with other jobs: 55–170 ms measured, and up to 583 ms with the
      // machine's load at 6 (that task had 32 ms on the CPU, another of 478 ms had 6 ms), so the
      // clock is held only to the second it was held to before, which a page that freezes fails.
      const { long: tasks, seen } = await trace.stop();
      const clock = await longestTask(page);
      console.log(`measured: largest settings${compare ? ' (compare)' : ''}: longest main-thread task ${longestCpu(tasks)} ms on the CPU, ${clock} ms on the clock (tasks ≥ 50 ms, clock/CPU: ${describeTasks(tasks)})`);
      expect(seen).toBeGreaterThan(100); // the trace saw the page's thread
      expect(longestCpu(tasks)).toBeLessThan(100);
      expect(clock).toBeLessThan(1000);
    });
  }
});

/**
 * Records when the play/pause button is clicked and when the worker answers play or pause (its
 * `running` event), both on the page's clock; read them with {@link pauseLatencies}. Also, for every
 * `set-config` and `reset` the page sends the training worker, it sends a `ping` right behind it: the
 * worker handles messages in order and answers a ping at once, so the matching `pong` (pongs come in
 * the order of the pings) tells when the command was handled; read them with {@link commandLatencies}.
 */
async function recordCommandAnswers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as {
      __clicks: number[]; __answers: { at: number; running: boolean }[]; __commands: { type: string; ms: number }[];
    };
    w.__clicks = [];
    w.__answers = [];
    w.__commands = [];
    document.addEventListener('click', (e) => {
      if ((e.target as Element | null)?.closest?.('[data-testid="control-play"]')) w.__clicks.push(performance.now());
    }, true);
    const Base = window.Worker;
    window.Worker = class extends Base {
      private pings = 0;
      private pongs = 0;
      private waiting: { type: string; at: number; ping: number }[] = [];
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent) => {
          const d = e.data as { type?: string; running?: boolean } | null;
          if (d?.type === 'running') w.__answers.push({ at: performance.now(), running: d.running === true });
          if (d?.type === 'pong') {
            this.pongs++;
            const i = this.waiting.findIndex((x) => x.ping === this.pongs);
            if (i >= 0) {
              const [c] = this.waiting.splice(i, 1);
              w.__commands.push({ type: c!.type, ms: Math.round(performance.now() - c!.at) });
            }
          }
        });
      }
      override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
        const type = (message as { type?: string } | null)?.type;
        if (type === 'ping') this.pings++;
        super.postMessage(message, transfer as StructuredSerializeOptions);
        if (type === 'set-config' || type === 'reset') {
          const at = performance.now();
          this.pings++;
          super.postMessage({ type: 'ping' });
          this.waiting.push({ type, at, ping: this.pings });
        }
      }
    };
  });
}

/** For each click on play/pause, how long (ms) until the worker answered it. */
async function pauseLatencies(page: Page): Promise<{ running: boolean; ms: number }[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __clicks: number[]; __answers: { at: number; running: boolean }[] };
    return w.__clicks.map((at) => {
      const a = w.__answers.find((x) => x.at >= at);
      return { running: a?.running ?? false, ms: a ? Math.round(a.at - at) : Infinity };
    });
  });
}

/** The set-config and reset commands handled so far, with how long (ms) each waited in the worker. */
async function commandLatencies(page: Page): Promise<{ type: string; ms: number }[]> {
  return page.evaluate(() => (window as unknown as { __commands: { type: string; ms: number }[] }).__commands.slice());
}

// The goal is 200 ms (the worker stops its work between pieces of ~2 ms of training and ≤ ~40 ms of
// a snapshot at these sizes); the bound leaves twice that for a CI machine loaded by other jobs.
const COMMAND_MS = 400;

test.describe('commands at the largest sizes', () => {
  test('pause, a new learning rate and reset take effect within 400 ms while a step takes about a second: the worker answers between the pieces of its work', async ({ page }) => {
    test.setTimeout(120_000);
    await recordCommandAnswers(page);
    await page.goto('./?lang=en&task=charlm&hidden=256&layers=3&seqlen=200&batch=64');
    await expect(page.getByTestId('notice')).toContainText('lowered to fit: batch 64 →');
    await waitForFirstSnapshot(page);
    const measured: number[] = [];
    for (let round = 0; round < 3; round++) {
      await page.getByTestId('control-play').click();
      // long enough for snapshots (forward, backward, flow matrix, spectrum) to come in between steps
      await page.waitForTimeout(4000 + 700 * round);
      await page.getByTestId('control-play').click();
      await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'false');
      await expect.poll(async () => (await pauseLatencies(page)).length).toBe(2 * (round + 1));
      await expect.poll(async () => (await pauseLatencies(page)).at(-1)!.ms).toBeLessThan(Infinity);
      const last = (await pauseLatencies(page)).at(-1)!;
      expect(last.running).toBe(false);
      measured.push(last.ms);
    }
    // while training: two learning rates, then reset
    await openSettings(page);
    await page.getByTestId('control-play').click();
    const before = (await commandLatencies(page)).length;
    for (const lr of ['0.004', '0.003']) {
      await page.waitForTimeout(2500);
      const sent = (await commandLatencies(page)).length;
      await page.getByTestId('control-lr').fill(lr);
      await page.getByTestId('control-lr').press('Enter');
      await expect.poll(async () => (await commandLatencies(page)).slice(sent).some((c) => c.type === 'set-config')).toBe(true);
    }
    await page.waitForTimeout(2500);
    await page.getByTestId('control-reset').click();
    await expect.poll(async () => (await commandLatencies(page)).some((c) => c.type === 'reset')).toBe(true);
    await expect.poll(() => stepCount(page)).toBe(0);
    const commands = (await commandLatencies(page)).slice(before);
    console.log(`measured: at the largest sizes the worker answered pause after ${measured.join(', ')} ms; ` +
      commands.map((c) => `${c.type} after ${c.ms} ms`).join(', '));
    for (const ms of measured) expect(ms).toBeLessThan(COMMAND_MS);
    expect(commands.filter((c) => c.type === 'set-config').length).toBeGreaterThanOrEqual(2);
    for (const c of commands) expect(c.ms, c.type).toBeLessThan(COMMAND_MS);
  });
});

test.describe('model files past the limits', () => {
  /** A JSON array of n zeros, or of n rows [0] when `rows`. */
  const zeros = (n: number, rows = false) => `[${(rows ? '[0],' : '0,').repeat(n - 1)}${rows ? '[0]' : '0'}]`;
  const files: Record<string, () => string> = {
    // 19 MB: an RNN with 1 hidden unit and 1 000 000 tokens, a vocabulary list included
    million: () => `{"state_dict":{"rnn.weight_ih_l0":[${zeros(1_000_000)}],"rnn.weight_hh_l0":[[0]],"rnn.bias_ih_l0":[0],"rnn.bias_hh_l0":[0],`
      + `"fc.weight":${zeros(1_000_000, true)},"fc.bias":${zeros(1_000_000)}},"vocab":[${Array.from({ length: 1_000_000 }, (_, i) => `"tok${i}"`).join(',')}]}`,
    // 35 MB: 4 096 hidden units
    wide: () => `{"state_dict":{"rnn.weight_ih_l0":[${`${zeros(65)},`.repeat(4095)}${zeros(65)}],`
      + `"rnn.weight_hh_l0":[${`${zeros(4096)},`.repeat(4095)}${zeros(4096)}],"fc.weight":[${`${zeros(4096)},`.repeat(64)}${zeros(4096)}]}}`,
  };

  for (const [name, code, sizeMb] of [['million', 'import.error.vocabLimit', 19], ['wide', 'import.error.limit', 35]] as const) {
    test(`a ${sizeMb} MB file (${name}) is read off the page's thread, turned away by its shape, and the model kept`, async ({ page }, info) => {
      await recordLongTasks(page);
      await page.goto('./?lang=en&task=charlm');
      await waitForFirstSnapshot(page);
      await page.getByTestId('control-step').click();
      await expect.poll(() => stepCount(page)).toBe(1);
      const text = files[name]!();
      expect(text.length / 1e6).toBeGreaterThan(sizeMb - 1);
      const path = info.outputPath(`${name}.json`);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path, text);
      await page.evaluate(() => { (window as unknown as { __long: number[] }).__long.length = 0; });
      const t0 = Date.now();
      await page.getByTestId('model-file-input').setInputFiles(path);
      const status = page.getByTestId('model-file-status');
      await expect(status).toHaveAttribute('data-code', code, { timeout: 30_000 });
      console.log(`measured: ${name} (${(text.length / 1e6).toFixed(1)} MB) rejected after ${Date.now() - t0} ms, longest main-thread task ${await longestTask(page)} ms`);
      await expect(status).toContainText(name === 'million' ? '1,000,000 tokens' : '4,096');
      expect(await longestTask(page)).toBeLessThan(100);
      expect(await stepCount(page)).toBe(1); // the model in place is kept
      await trainsAgain(page);
    });
  }

  test('reading a file can be cancelled; the model in place is kept', async ({ page }, info) => {
    await page.goto('./?lang=en&task=charlm');
    await waitForFirstSnapshot(page);
    const path = info.outputPath('million.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, files.million!());
    await page.getByTestId('model-file-input').setInputFiles(path);
    await page.getByTestId('control-cancel-model-file').click();
    await expect(page.getByTestId('model-file-status')).toHaveAttribute('data-code', 'files.cancelled');
    await expect(page.getByTestId('model-file-status')).toContainText('cancelled');
    await page.waitForTimeout(3000); // the worker's answer, had it come, would show now
    await expect(page.getByTestId('model-file-status')).toHaveAttribute('data-code', 'files.cancelled');
    await trainsAgain(page);
  });
});

test.describe('links and exports, whatever the text', () => {
  test('control characters from a link give a valid SVG and a PNG', async ({ page }) => {
    await page.goto('./?lang=en&task=charlm&text=ab%00cd%01ef%0Bgh%EF%BF%BEij');
    await waitForFirstSnapshot(page);
    await page.getByTestId('export-panel-unrolled').click();
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-panel-unrolled-svg').click()]);
    const { readFileSync } = await import('node:fs');
    const source = readFileSync((await svgFile.path())!, 'utf8');
    const parsed = await page.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
      return { error: doc.getElementsByTagName('parsererror').length > 0, texts: Array.from(doc.querySelectorAll('text'), (t) => t.textContent ?? '').join('') };
    }, source);
    expect(parsed.error).toBe(false);
    expect(parsed.texts).toContain('␀');
    await page.getByTestId('export-panel-unrolled').click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-panel-unrolled-png').click()]);
    const body = readFileSync((await png.path())!);
    expect([...body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  test('the classroom link of 2 000 Chinese characters stays under 2 000 encoded characters and says the text is left out', async ({ page }) => {
    await page.goto('./?lang=en&task=charlm');
    await waitForFirstSnapshot(page);
    await openSettings(page);
    const text = '床前明月光疑是地上霜举头望明月低头思故乡'.repeat(100);
    await page.getByTestId('control-text').fill(text);
    await page.getByTestId('control-text-apply').click();
    await expect(page.getByTestId('notice')).toContainText('18,000 characters in a link');
    await page.getByTestId('control-classroom-link').click();
    const link = await page.getByTestId('classroom-url').inputValue();
    expect(link.length).toBeLessThanOrEqual(2000);
    expect(link).toContain('task=charlm');
    expect(link).not.toContain('text=');
    await expect(page.getByTestId('classroom-text-left-out')).toBeVisible();
    expect(page.url().length).toBeLessThanOrEqual(2000);
    // the text stays in the page
    await expect(page.getByTestId('control-text')).toHaveValue(text);
  });

  test('a hash typed into the address is applied', async ({ page }) => {
    await page.goto('./?lang=en');
    await waitForFirstSnapshot(page);
    await page.evaluate(() => { window.location.hash = '#hidden=12&cell=gru'; });
    await openSettings(page);
    await expect(page.getByTestId('control-hidden')).toHaveValue('12');
    await expect.poll(() => page.url()).toContain('hidden=12');
  });
});

test.describe('heavy inputs', () => {
  test('200 KB of text with 5 000 distinct symbols: capped with notices, trained without freezing', async ({ page }) => {
    await recordLongTasks(page);
    await page.goto('./?lang=en&task=charlm');
    await waitForFirstSnapshot(page);
    await openSettings(page);
    // 5 000 distinct CJK symbols, repeated to 200 000 characters
    const symbols = Array.from({ length: 5000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    const text = symbols.repeat(40);
    await page.getByTestId('control-text').fill(text);
    await page.evaluate(() => { (window as unknown as { __long: number[] }).__long.length = 0; });
    const trace = await recordMainThread(page);
    await page.getByTestId('control-text-apply').click();
    await expect(page.getByTestId('notice')).toContainText('in a link');
    await trainsAgain(page);
    // held on each task's CPU time (0–10 ms measured, 46 ms before a text's link length was counted
    // without encoding it), the clock within a second (see the largest settings above)
    const { long: tasks, seen } = await trace.stop();
    const clock = await longestTask(page);
    expect(seen).toBeGreaterThan(20); // the trace saw the page's thread
    console.log(`measured: 200 KB text of 5 000 symbols: longest main-thread task ${longestCpu(tasks)} ms on the CPU, ${clock} ms on the clock (tasks ≥ 50 ms, clock/CPU: ${describeTasks(tasks)})`);
    expect(longestCpu(tasks)).toBeLessThan(100);
    expect(clock).toBeLessThan(1000);
  });

  // Not yet true: the page's process grows by about 9 MB per training step with a 50 000-token
  // model (1.3 → 2.5 GB over 100 s here; the default model stays flat at ~330 MB), so this test is
  // kept as the measure to meet, not run.
  test('a 50 000-token model trains with bounded process memory', async ({ page, browser }, info) => {
    test.setTimeout(120_000);
    test.skip(process.platform !== 'linux', 'process memory is read from /proc');
    await page.goto('./?lang=en&task=charlm&hidden=8');
    await waitForFirstSnapshot(page);
    const V = 50_000;
    const H = 8;
    const base = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\n', '\uFFFD'];
    const vocab = [...base, ...Array.from({ length: V - base.length }, (_, i) => `w${i}`)];
    const zerosRow = (n: number) => `[${'0,'.repeat(n - 1)}0]`;
    const matrix = (rows: number, cols: number) => `[${`${zerosRow(cols)},`.repeat(rows - 1)}${zerosRow(cols)}]`;
    const json = `{"state_dict":{"rnn.weight_ih_l0":${matrix(H, V)},"rnn.weight_hh_l0":${matrix(H, H)},"rnn.bias_ih_l0":${zerosRow(H)},`
      + `"rnn.bias_hh_l0":${zerosRow(H)},"fc.weight":${matrix(V, H)},"fc.bias":${zerosRow(V)}},"vocab":${JSON.stringify(vocab)}}`;
    const path = info.outputPath('vocab50k.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, json);
    await page.getByTestId('model-file-input').setInputFiles(path);
    await expect(page.getByTestId('model-file-status')).toHaveAttribute('data-kind', 'accepted', { timeout: 30_000 });
    await page.getByTestId('control-play').click();
    await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(3);
    await page.waitForTimeout(10_000);
    const early = (await browserRss(browser))!; // linux only (skipped elsewhere)
    const stepsEarly = await stepCount(page);
    await page.waitForTimeout(40_000);
    const late = (await browserRss(browser))!;
    const stepsLate = await stepCount(page);
    console.log(`measured: 50 000-token model: ${stepsLate - stepsEarly} steps in 40 s, browser processes ${(early / 2 ** 20).toFixed(0)} MB → ${(late / 2 ** 20).toFixed(0)} MB`);
    expect(stepsLate).toBeGreaterThan(stepsEarly);
    expect(late).toBeLessThan(early * 1.3);
  });
});
