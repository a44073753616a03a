// One way of counting: the step the page calls 3 is step 3 in the address, the status bar, the
// heatmap tooltips, the equations, the tables and the memory panel.
import { expect, test, type Page } from '@playwright/test';
import { waitForFirstSnapshot, watchErrors } from './helpers';

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** The hidden-state heatmap's overlay (it takes the keyboard) and its tooltip. */
function hiddenGrid(page: Page) {
  const host = page.getByTestId('panel-hidden').locator('[data-grid="h"]');
  return { overlay: host.locator('canvas.viz-heatmap-overlay'), tip: host.locator('.viz-heatmap-tip') };
}

/** Moves the heatmap's keyboard focus from its first cell to (column `col`, row `row`), 0-based. */
async function focusCell(page: Page, col: number, row: number): Promise<void> {
  const { overlay } = hiddenGrid(page);
  // panels mount one a frame and the grids draw in slices: keys count only once the grid is drawn
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-panel-mounting]').length)).toBe(0);
  await expect.poll(() => overlay.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await overlay.focus();
  await overlay.press('ArrowRight'); // the first key lands on the first cell
  for (let i = 0; i < col; i++) await overlay.press('ArrowRight');
  for (let i = 0; i < row; i++) await overlay.press('ArrowDown');
}

test('step=3&unit=2 selects what the page calls step 3, unit 2, and every place agrees', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?cell=lstm&hidden=8&step=3&unit=2');
  await waitForFirstSnapshot(page);
  const selection = page.getByTestId('readout-selection');
  const where = page.getByTestId('panel-equations').locator('.eq-where');
  const unitField = page.getByTestId('equations-unit');
  await expect(selection).toHaveText('time step 3 · unit 2');
  await expect(where).toHaveText('At time step 3 · unit 2, layer 1:');
  await expect(unitField).toHaveValue('2');

  // the heatmap cell of the third step and second unit (third column, second row) says so
  const { tip } = hiddenGrid(page);
  await focusCell(page, 2, 1);
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^time step 3 · unit 2 \(“.+”\): /);
  // rows are labelled from 1: the memory panel's unit follows the hovered row
  await expect(page.getByTestId('panel-cell-state').locator('.states-unit-lines figcaption')).toContainText('Unit 2:');

  // hovering another unit: the tooltip, the equations and their unit field follow the hover…
  for (let i = 0; i < 3; i++) await hiddenGrid(page).overlay.press('ArrowDown');
  await expect(tip).toHaveText(/^time step 3 · unit 5 \(/);
  await expect(unitField).toHaveValue('5');
  await expect(where).toHaveText('At time step 3 · unit 5, layer 1:');
  // …while the selection read-out and the address keep the selection
  await expect(selection).toHaveText('time step 3 · unit 2');
  expect([param(page, 'step'), param(page, 'unit')]).toEqual(['3', '2']);
  await hiddenGrid(page).overlay.press('Escape');
  await expect(unitField).toHaveValue('2');

  // selecting the hovered cell writes the page's own numbers into the address
  await focusCell(page, 4, 6);
  await hiddenGrid(page).overlay.press('Enter');
  await expect(selection).toHaveText('time step 5 · unit 7');
  await expect.poll(() => [param(page, 'step'), param(page, 'unit')]).toEqual(['5', '7']);
  await hiddenGrid(page).overlay.press('Escape');
  await expect(where).toHaveText('At time step 5 · unit 7, layer 1:');
  await expect(unitField).toHaveValue('7');

  // the link reopens the same place
  await page.reload();
  await waitForFirstSnapshot(page);
  await expect(selection).toHaveText('time step 5 · unit 7');
  await expect(unitField).toHaveValue('7');

  // the hidden-state table counts its steps and units from 1, on layer 1
  await page.getByTestId('panel-hidden-table-toggle').click();
  const table = page.locator('table[data-testid="panel-hidden-table"]');
  await expect(table.locator('thead th').nth(1)).toHaveText('Unit 1');
  await expect(table.locator('tbody tr').first().locator('th, td').first()).toHaveText('1');
  await expect(table.locator('caption')).toContainText('layer 1');
  await expect(page.getByTestId('panel-spectrum')).toContainText('of layer 1');
  expect(errors).toEqual([]);
});

test('the selection read-out in Chinese, with a step only, and with none', async ({ page }) => {
  await page.goto('./?lang=zh-CN&step=3&unit=2');
  await waitForFirstSnapshot(page);
  const selection = page.getByTestId('readout-selection');
  await expect(selection).toHaveText('第 3 个时间步 · 单元 2');
  await page.goto('./?step=4');
  await waitForFirstSnapshot(page);
  await expect(selection).toHaveText('time step 4');
  await page.goto('./');
  await waitForFirstSnapshot(page);
  await expect(selection).toHaveText('—');
});

test('a step or unit 0 is outside the address\'s counting: a notice names the range', async ({ page }) => {
  await page.goto('./?step=0&unit=2');
  await waitForFirstSnapshot(page);
  await expect(page.getByTestId('notice')).toContainText('“step” (0) is outside 1 … 10,001');
  await expect(page.getByTestId('readout-selection')).toHaveText('unit 2');
});
