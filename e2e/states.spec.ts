import { expect, test, type Locator, type Page } from '@playwright/test';
import { stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

const PANELS = ['panel-hidden', 'panel-gates', 'panel-cell-state', 'panel-loss'];

/** Share of opaque pixels and number of distinct colours of a canvas (read back from the page). */
async function canvasStats(canvas: Locator): Promise<{ opaque: number; colours: number }> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    let opaque = 0;
    for (let k = 0; k < data.length; k += 4) {
      if (data[k + 3] > 0) opaque++;
      if (colours.size < 64) colours.add((data[k] << 16) | (data[k + 1] << 8) | data[k + 2]);
    }
    return { opaque: opaque / (data.length / 4), colours: colours.size };
  });
}

async function cellsSignature(page: Page, panel: string): Promise<string> {
  return page.getByTestId(panel).locator('canvas.viz-heatmap-cells').first()
    .evaluate((el) => (el as HTMLCanvasElement).toDataURL());
}

for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  test(`hidden state, gates, memory and loss are visible and drawn for ${cell}`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`./?cell=${cell}`);
    await waitForFirstSnapshot(page);
    await page.getByTestId('control-step').click();
    await expect.poll(() => stepCount(page)).toBeGreaterThan(0);
    for (const id of PANELS) await expect(page.getByTestId(id)).toBeVisible();
    const expected = { lstm: [1, 4, 4], gru: [1, 3, 3], rnn: [1, 2, 3] }[cell];
    for (const [k, id] of ['panel-hidden', 'panel-gates', 'panel-cell-state'].entries()) {
      const canvases = page.getByTestId(id).locator('canvas.viz-heatmap-cells');
      await expect(canvases).toHaveCount(expected[k]);
      for (const canvas of await canvases.all()) {
        const stats = await canvasStats(canvas);
        expect(stats.opaque, `${id} opaque`).toBeGreaterThan(0.95);
        expect(stats.colours, `${id} colours`).toBeGreaterThan(4);
      }
    }
    await expect(page.getByTestId('panel-cell-state').locator('.viz-line path[d^="M"]').first()).toBeAttached();
    await expect(page.getByTestId('panel-loss').locator('.viz-line-paths path[d^="M"]').first()).toBeAttached();
    expect(errors).toEqual([]);
  });
}

test('the state panels change while the network trains', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await waitForFirstSnapshot(page);
  const before = { hidden: await cellsSignature(page, 'panel-hidden'), gates: await cellsSignature(page, 'panel-gates') };
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(10);
  await expect.poll(() => cellsSignature(page, 'panel-hidden')).not.toBe(before.hidden);
  await expect.poll(() => cellsSignature(page, 'panel-gates')).not.toBe(before.gates);
  await page.getByTestId('control-play').click();
  expect(errors).toEqual([]);
});

test('hovering a hidden-state cell reads out its value and highlights the step in the other panels', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await waitForFirstSnapshot(page);
  const overlay = page.getByTestId('panel-hidden').locator('canvas.viz-heatmap-overlay');
  await overlay.scrollIntoViewIfNeeded();
  const box = (await overlay.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  const tip = page.getByTestId('panel-hidden').locator('.viz-heatmap-tip');
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^time step \d+ · unit \d+ .*: [−-]?\d/);
  const gatesOverlay = page.getByTestId('panel-gates').locator('canvas.viz-heatmap-overlay').first();
  await expect.poll(async () => (await canvasStats(gatesOverlay)).opaque).toBeGreaterThan(0);
  // the equation that produced the hovered value (h_t) lights up in the equations panel
  const equations = page.getByTestId('panel-equations');
  await expect(equations.locator('[data-defines="h"].is-active')).toHaveCount(1);
  await expect(equations.locator('[data-defines].is-active')).toHaveCount(1);
  await page.mouse.move(0, 0);
  await expect(equations.locator('[data-defines].is-active')).toHaveCount(0);
  await expect(tip).toBeHidden();
  await expect.poll(async () => (await canvasStats(gatesOverlay)).opaque).toBe(0);
  expect(errors).toEqual([]);
});

test('the loss chart toggles a log scale and reads out the hovered step', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await waitForFirstSnapshot(page);
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(20);
  await page.getByTestId('control-play').click();
  const panel = page.getByTestId('panel-loss');
  const toggle = panel.getByRole('button', { name: 'Log scale' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const svg = panel.locator('svg');
  await svg.scrollIntoViewIfNeeded();
  const box = (await svg.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5);
  await expect(panel.locator('.viz-heatmap-tip')).toHaveText(/step [\d,]+ · RNN \d/);
  expect(errors).toEqual([]);
});

for (const cell of ['rnn', 'lstm', 'gru'] as const) {
  test(`the state heatmaps of a fresh seeded network match their baselines (${cell})`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`./?task=charlm&cell=${cell}&seed=1&hidden=16&seqlen=12`);
    await waitForFirstSnapshot(page);
    // step 0 of seed 1: the untrained weights are the same in every run, so are the pictures
    for (const id of ['panel-hidden', 'panel-gates']) {
      const cells = page.getByTestId(id).locator('canvas.viz-heatmap-cells').first();
      // panels draw one a frame after the first snapshot: wait for this one's cells (a canvas starts 300 × 150)
      await expect.poll(() => cells.evaluate((c: HTMLCanvasElement) => `${c.width}x${c.height}`)).not.toBe('300x150');
      // the canvas's own pixels, not a screenshot of the page: independent of where the panel sits
      const png = Buffer.from((await cells.evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'))).split(',')[1]!, 'base64');
      expect(png).toMatchSnapshot(`${id}-${cell}.png`, { maxDiffPixelRatio: 0.01 });
    }
  });
}
