import { expect, test, type Page } from '@playwright/test';
import { singleSteps, waitForFirstSnapshot, watchErrors } from './helpers';

const PANELS = ['panel-gradients', 'panel-spectrum', 'panel-clipping', 'panel-gradcheck'];

/** The largest singular value shown by the spectral lens. */
async function sigmaMax(page: Page): Promise<number> {
  return Number(await page.getByTestId('readout-sigma-max').textContent());
}

/** The `d` of the curve of gradient norm versus distance inside `panel`. */
async function curve(page: Page, panel: string): Promise<string> {
  return (await page.getByTestId(panel).locator('path[data-series]').first().getAttribute('d')) ?? '';
}

/** The clip fraction read-out as a number in [0, 1]. */
async function clipFraction(page: Page): Promise<number> {
  const text = (await page.getByTestId('readout-clip-fraction').textContent()) ?? '';
  const m = text.match(/([\d.]+)%/);
  return m ? Number(m[1]) / 100 : NaN;
}

for (const cell of ['rnn', 'lstm', 'gru']) {
  test(`the gradient panels render for ${cell}, with no NaN on screen`, async ({ page }) => {
    const errors = watchErrors(page);
    // the character model: every step carries a loss, so the flow matrix has every row
    await page.goto(`./?task=charlm&cell=${cell}&hidden=16`);
    await waitForFirstSnapshot(page);
    await singleSteps(page, 3);
    for (const id of PANELS) await expect(page.getByTestId(id)).toBeVisible();
    await expect(page.getByTestId('panel-gradients').locator('canvas').first()).toBeVisible();
    await expect.poll(() => curve(page, 'panel-gradients')).toMatch(/^M/);
    await expect(page.getByTestId('readout-sigma-max')).toHaveText(/^\d+\.\d{6}$/);
    await expect(page.getByTestId('panel-spectrum').locator('g.spectrum')).toHaveCount(cell === 'rnn' ? 1 : cell === 'lstm' ? 5 : 4);
    await expect(page.getByTestId('readout-clip-fraction')).toContainText('%');
    for (const id of PANELS) expect(await page.getByTestId(id).innerText()).not.toMatch(/NaN|undefined/);
    expect(await page.locator('.gradient-panels svg path[d*="NaN"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
}

test('the spectral slider sets the largest singular value and the flow curve responds', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?cell=rnn');
  await waitForFirstSnapshot(page);
  await expect.poll(() => curve(page, 'panel-gradients')).toMatch(/^M/);
  const slider = page.getByTestId('control-sigma');
  // a log scale from 0.1 to 10 (1 in the middle) while the largest singular value is small
  for (const [key, s] of [['Home', 0.1], ['End', 10]] as const) {
    const before = await curve(page, 'panel-gradients');
    await slider.focus();
    await slider.press(key);
    await expect(slider).toHaveAttribute('aria-valuetext', s.toFixed(2));
    await expect.poll(async () => Math.abs((await sigmaMax(page)) - s)).toBeLessThan(1e-6);
    await expect.poll(() => curve(page, 'panel-gradients')).not.toBe(before);
  }
  // the number input beside the slider, to a value between the ends
  const before = await curve(page, 'panel-spectrum');
  await page.getByTestId('control-sigma-number').fill('0.8');
  await page.getByTestId('control-sigma-number').press('Enter');
  await expect.poll(async () => Math.abs((await sigmaMax(page)) - 0.8)).toBeLessThan(1e-6);
  await expect.poll(() => curve(page, 'panel-spectrum')).not.toBe(before);
  expect(errors).toEqual([]);
});

test('LSTM: the slider rescales one chosen gate block, and the read-out follows that block', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?cell=lstm');
  await waitForFirstSnapshot(page);
  await page.getByTestId('control-sigma-block').selectOption('f');
  await expect(page.getByTestId('panel-spectrum')).toContainText('forget gate f');
  await page.getByTestId('control-sigma-number').fill('0.7');
  await page.getByTestId('control-sigma-number').press('Enter');
  await expect.poll(async () => Math.abs((await sigmaMax(page)) - 0.7)).toBeLessThan(1e-6);
  await page.getByTestId('control-sigma-block').selectOption('all');
  await expect.poll(() => sigmaMax(page)).not.toBeCloseTo(0.7, 6);
  expect(errors).toEqual([]);
});

test('the clipping threshold (number and dragged line) moves the clip fraction', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?cell=rnn');
  await waitForFirstSnapshot(page);
  await singleSteps(page, 8);
  const input = page.getByTestId('clipping-threshold');
  await input.fill('1e-9');
  await input.press('Enter');
  await expect.poll(() => clipFraction(page)).toBe(1);
  await input.fill('1e9');
  await input.press('Enter');
  await expect.poll(() => clipFraction(page)).toBe(0);
  // drag the line from the top of the chart to its bottom: every step ends up above it
  await input.fill('1000');
  await input.press('Enter');
  const line = page.getByTestId('clip-threshold-line');
  const chart = page.getByTestId('panel-clipping').locator('svg.viz-clipping');
  await chart.scrollIntoViewIfNeeded();
  const box = (await line.boundingBox())!;
  const area = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width - 6, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 6, area.y + area.height * 0.8, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => clipFraction(page)).toBeGreaterThan(0);
  expect(Number(await input.inputValue())).toBeLessThan(1000);
  await page.getByTestId('clipping-mode-value').check();
  await expect(page.getByTestId('panel-clipping')).toContainText('component');
  expect(errors).toEqual([]);
});

test('the gradient check agrees with BPTT to a relative error below 1e-6', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?cell=lstm');
  await waitForFirstSnapshot(page);
  await page.getByTestId('gradcheck-key').selectOption('rnn.weight_hh_l0');
  await page.getByTestId('gradcheck-row').fill('5');
  await page.getByTestId('gradcheck-col').fill('3');
  await page.getByTestId('gradcheck-run').click();
  const cell = page.getByTestId('readout-grad-relerror');
  await expect(cell).toHaveAttribute('data-value', /\d/);
  expect(Number(await cell.getAttribute('data-value'))).toBeLessThan(1e-6);
  await expect(page.getByTestId('readout-grad-analytic')).not.toHaveText('—');
  await expect(page.getByTestId('readout-grad-numeric')).not.toHaveText('—');
  expect(errors).toEqual([]);
});

test('compare mode overlays the rnn, lstm and gru curves', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?compare=1');
  await waitForFirstSnapshot(page);
  const lines = page.getByTestId('panel-gradients').locator('[data-testid="flow-curve"] path[data-series]');
  await expect(lines).toHaveCount(3);
  expect(await lines.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-series')))).toEqual(['rnn', 'lstm', 'gru']);
  expect(errors).toEqual([]);
});
