// A page that never freezes, never dies silently and never balloons: the watchdog, the cost budget,
// model files past the limits, long links, and exports of any text.
import { expect, test, type Page } from '@playwright/test';
import { openSettings, stepCount, waitForFirstSnapshot } from './helpers';

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
      await page.goto(`./?lang=en&task=charlm&hidden=256&layers=3&seqlen=200&batch=64${compare ? '&compare=1' : ''}`);
      await expect(page.getByTestId('notice')).toContainText('lowered to fit: batch 64 →');
      await waitForFirstSnapshot(page);
      await trainsAgain(page);
      // pause takes effect within a step (a second at most at these sizes)
      const t0 = Date.now();
      await page.getByTestId('control-play').click();
      await expect.poll(async () => { const a = await stepCount(page); await page.waitForTimeout(1500); return (await stepCount(page)) - a; }).toBe(0);
      expect(Date.now() - t0).toBeLessThan(6000);
      // no task on the page's thread as long as a second (before the budget: 1.1 s at load, then a
      // worker busy for 30 s per step); drawing a picture this large still takes a few hundred ms
      expect(await longestTask(page)).toBeLessThan(1000);
    });
  }
});
