import { expect, test, type Locator, type Page } from '@playwright/test';
import { waitForFirstSnapshot, watchErrors } from './helpers';

const PANELS = ['panel-unrolled', 'panel-hidden', 'panel-gates', 'panel-cell-state', 'panel-predictions', 'panel-loss', 'panel-equations'];

/** Whether a panel draws something: typeset maths, an SVG with shapes, or a canvas with more than one colour. */
async function nonBlank(panel: Locator): Promise<boolean> {
  return panel.evaluate((el) => {
    if (el.querySelectorAll('.katex').length > 3) return true;
    for (const svg of el.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && svg.querySelectorAll('rect, path, line, circle').length > 3) return true;
    }
    for (const canvas of el.querySelectorAll('canvas')) {
      if (canvas.width < 8 || canvas.height < 8) continue;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!data) continue;
      for (let i = 4; i < data.length; i += 4) {
        if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3]) return true;
      }
    }
    return false;
  });
}

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`./${query}`);
  await waitForFirstSnapshot(page);
  await expect(page.locator('.ur-h').first()).toBeAttached();
}

for (const cell of ['rnn', 'lstm', 'gru'] as const) {
  test(`every inside-the-network panel is visible and draws something (${cell})`, async ({ page }) => {
    const errors = watchErrors(page);
    await open(page, `?cell=${cell}`);
    for (const id of PANELS) {
      const panel = page.getByTestId(id);
      await expect(panel, id).toBeVisible();
      await expect(panel.getByRole('heading', { level: 2 }), id).not.toBeEmpty();
      await expect.poll(() => nonBlank(panel), { message: id }).toBe(true);
    }
    if (cell === 'lstm') await expect(page.locator('.ur-c').first()).toBeVisible();
    else await expect(page.locator('.ur-c')).toHaveCount(0);
    await expect(page.getByTestId('panel-equations').locator('.katex').first()).toBeVisible();
    await expect(page.locator('.pr-row.target')).toHaveCount(1);
    // the diagram scrolls inside its panel, never widening the page
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
}

test('the numbers change while the network trains', async ({ page }) => {
  await open(page, '?cell=gru');
  const readouts = page.getByTestId('equations-readouts');
  await expect(readouts).not.toBeEmpty();
  const before = await readouts.textContent();
  const bars = () => page.locator('.pr-bar').evaluateAll((els) => els.map((e) => e.getAttribute('width')).join(','));
  const barsBefore = await bars();
  await page.getByTestId('control-play').click();
  await expect.poll(() => readouts.textContent(), { timeout: 20_000 }).not.toBe(before);
  await expect.poll(bars, { timeout: 20_000 }).not.toBe(barsBefore);
  await page.getByTestId('control-play').click();
});

test('hovering a step highlights it across the panels', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 6000 }); // every panel in view: no scrolling under the pointer
  await open(page, '?cell=lstm');
  const hidden = page.getByTestId('panel-hidden');
  const hiddenBefore = await hidden.screenshot();
  const column = page.locator('.ur-column[data-step="3"]');
  await column.scrollIntoViewIfNeeded();
  const box = (await column.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.locator('.ur-column.is-hover')).toHaveAttribute('data-step', '3');
  await expect(page.locator('.pr-cell.is-hover')).toHaveAttribute('data-step', '3');
  await expect(page.locator('.predictions')).toHaveAttribute('data-focus-step', '3');
  await expect(page.locator('.eq-where')).toContainText('4');
  await expect.poll(async () => (await hidden.screenshot()).equals(hiddenBefore)).toBe(false);
  // hovering an equation term highlights the matching part of the diagram
  await page.getByTestId('panel-equations').locator('.eq-term[data-part="f"]').first().hover();
  await expect(page.locator('.ur-root.has-part')).toHaveCount(1);
  await expect(page.locator('.ur-h.is-part').first()).toBeAttached();
  // clicking selects; the selection stays after the pointer leaves
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(0, 0);
  await expect(page.locator('.ur-column.is-selected')).toHaveAttribute('data-step', '3');
});

test('the sweeps run and end with every step shown', async ({ page }) => {
  await open(page, '?cell=rnn');
  await page.getByTestId('unrolled-forward').click();
  await expect(page.locator('.ur-step.pending')).toHaveCount(0, { timeout: 10_000 });
  await page.getByTestId('unrolled-backward').click();
  await expect(page.locator('.ur-grad.pending')).toHaveCount(0, { timeout: 10_000 });
  await page.getByTestId('unrolled-fit').click();
  const svg = page.locator('.ur-svg');
  const width = await svg.evaluate((e) => e.getBoundingClientRect().width);
  const host = await page.locator('.ur-scroll').evaluate((e) => e.clientWidth);
  expect(width).toBeLessThanOrEqual(host + 1);
});

for (const cell of ['rnn', 'lstm', 'gru'] as const) {
  test(`the unrolled diagram's structure matches its baseline (${cell})`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, `?task=charlm&cell=${cell}&seed=1&layers=2&hidden=16&seqlen=12`);
    await page.addStyleTag({ content: '.ur-svg text, .ur-loss-text { visibility: hidden !important; }' });
    await expect(page.locator('.ur-stage')).toHaveScreenshot(`unrolled-${cell}.png`, { maxDiffPixelRatio: 0.03, animations: 'disabled' });
  });
}
