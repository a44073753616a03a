import { expect, test, type Page } from '@playwright/test';
import { CHAPTERS } from '../src/store/lessonChapters';
import { stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

/** The share (0–1) of a panel's box that lies inside the viewport. */
function inViewShare(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    return r.width * r.height > 0 ? (w * h) / (r.width * r.height) : 0;
  });
}

for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  test(`every chapter stages its panels in view on arrival, fresh at step 0 (${viewport.width}×${viewport.height})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await browser.newPage({ viewport });
    const errors = watchErrors(page);
    for (const chapter of CHAPTERS) {
      await page.goto(`./?lesson=${chapter.id}`);
      await waitForFirstSnapshot(page);
      for (const id of chapter.focus) {
        await expect.poll(() => inViewShare(page, id), { message: `${chapter.id}: ${id}` }).toBeGreaterThanOrEqual(0.75);
      }
      // the run bar covers none of the stage
      const bar = await page.getByTestId('status').boundingBox();
      const stage = await page.getByTestId('stage').boundingBox();
      expect(stage!.y, chapter.id).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
      expect(await stepCount(page)).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
}

test('opening a chapter after training elsewhere starts fresh: step 0, empty loss and clipping history', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?lesson=why');
  await waitForFirstSnapshot(page);
  await page.getByTestId('lesson-try').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(20);
  await page.getByTestId('lesson-chapter-loss').click();
  await expect(page.getByTestId('readout-step')).toHaveText('0');
  await expect(page.getByTestId('readout-loss')).toHaveText('—');
  await page.getByTestId('lesson-chapter-clipping').click();
  await expect(page.getByTestId('readout-step')).toHaveText('0');
  // no line drawn in the loss chart: the previous chapter's history is gone
  const drawn = () => page.locator('[data-testid="panel-loss"] .viz-line-paths path')
    .evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').includes('L')).length);
  await expect.poll(drawn).toBe(0);
  expect(errors).toEqual([]);
});

test('a chapter opened by a link in Chinese, presenting, keeps its stage in view once the page has settled', async ({ browser }) => {
  // the Chinese strings arrive after the first layout and the panels mount one a frame: both move the
  // stage after the first scroll, which must follow it
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto('./?lang=zh-CN&lesson=recurrence&present=1');
  await waitForFirstSnapshot(page);
  await page.waitForTimeout(3000);
  for (const id of ['panel-unrolled', 'panel-equations']) expect(await inViewShare(page, id), id).toBeGreaterThanOrEqual(0.6);
  const bar = await page.getByTestId('status').boundingBox();
  const stage = await page.getByTestId('stage').boundingBox();
  expect(stage!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
  expect(stage!.y).toBeLessThan(bar!.y + bar!.height + 40);
  await page.close();
});
