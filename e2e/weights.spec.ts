import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openSettings, singleSteps, stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

interface Box { id: string; x: number; y: number; w: number; h: number; rows: number; cols: number; groups: number; gap: number }

/** The page position of the centre of entry [row][col] of a matrix drawn on the weights canvas. */
async function entryPoint(page: Page, id: string, row: number, col: number): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId('weights-canvas');
  await expect(canvas).toHaveAttribute('data-blocks', /weight_hh/);
  const blocks = JSON.parse((await canvas.getAttribute('data-blocks'))!) as Box[];
  const b = blocks.find((x) => x.id === id)!;
  const per = b.rows / b.groups;
  const cellH = (b.h - (b.groups - 1) * b.gap) / b.rows;
  const g = Math.floor(row / per);
  const y = b.y + g * (per * cellH + b.gap) + (row - g * per + 0.5) * cellH;
  const x = b.x + (col + 0.5) * (b.w / b.cols);
  // centred in the viewport, so the sticky run bar does not cover the matrix
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await canvas.boundingBox())!;
  return { x: box.x + x, y: box.y + y };
}

async function openPanel(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await waitForFirstSnapshot(page);
  await page.getByTestId('panel-weights').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('weights-canvas')).toHaveAttribute('data-blocks', /fc\.weight/);
}

test('the weights panel draws every matrix of the layer and names the entry under the pointer', async ({ page }) => {
  const errors = watchErrors(page);
  await openPanel(page, '?cell=lstm&hidden=6');
  const blocks = JSON.parse((await page.getByTestId('weights-canvas').getAttribute('data-blocks'))!) as Box[];
  expect(blocks.map((b) => b.id)).toEqual([
    'rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'rnn.bias_ih_l0', 'rnn.bias_hh_l0', 'fc.weight', 'fc.bias',
  ]);
  const hh = blocks.find((b) => b.id === 'rnn.weight_hh_l0')!;
  expect([hh.rows, hh.cols, hh.groups]).toEqual([24, 6, 4]);
  await expect(page.getByTestId('weights-legend')).toContainText('0');
  // W_hh row 8 is unit 2's forget gate (rows 7–12 are f), column 3 is unit 3 at t−1
  const p = await entryPoint(page, 'rnn.weight_hh_l0', 7, 2);
  await page.mouse.move(p.x, p.y);
  await expect(page.getByTestId('weights-readout')).toContainText('W_hh[8][3]');
  await expect(page.getByTestId('weights-readout')).toContainText('from unit 3 at t−1 to unit 2’s f gate at t');
  // both units it links are outlined in the other panels: unit 2 (the one it feeds) and unit 3 (where it comes from)
  await expect(page.getByTestId('panel-hidden').locator('canvas.viz-heatmap-overlay').first()).toHaveAttribute('data-rows', '1,2');
  // gradient and update exist only after a step
  await page.getByTestId('weights-mode-grad').click();
  await expect(page.getByTestId('weights-no-trail')).toBeVisible();
  await singleSteps(page, 1);
  await expect(page.getByTestId('weights-no-trail')).toHaveCount(0);
  await page.mouse.move(p.x, p.y);
  await expect(page.getByTestId('weights-readout')).not.toContainText('gradient —');
  await page.getByTestId('weights-mode-delta').click();
  await expect(page.getByTestId('weights-mode-delta')).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});

test('editing a weight changes the forward pass at once; undo (button and Ctrl+Z) puts it back', async ({ page }) => {
  const errors = watchErrors(page);
  await openPanel(page);
  const predictions = page.getByTestId('panel-predictions');
  const before = (await predictions.textContent())!;
  const p = await entryPoint(page, 'rnn.weight_hh_l0', 1, 1);
  await page.mouse.click(p.x, p.y);
  const input = page.getByTestId('weights-edit-input');
  await expect(input).toBeFocused();
  const original = await input.inputValue();
  expect(Number.isFinite(Number(original))).toBe(true);

  // not a number: a message, nothing changes
  await input.fill('lots');
  await input.press('Enter');
  await expect(page.getByTestId('weights-edit-message')).toBeVisible();
  await expect(page.getByTestId('weights-edited')).toHaveCount(0);

  await input.fill('6');
  await input.press('Enter');
  await expect(page.getByTestId('weights-edited')).toContainText('W_hh[2][2]');
  await expect(page.getByTestId('weights-edited')).toHaveAttribute('data-count', '1');
  await expect(predictions).not.toHaveText(before);
  await page.mouse.move(0, 0);
  const q = await entryPoint(page, 'rnn.weight_hh_l0', 1, 1);
  await page.mouse.move(q.x, q.y);
  await expect(page.getByTestId('weights-readout')).toContainText('Value 6');

  await page.getByTestId('weights-undo').click();
  await expect(page.getByTestId('weights-edited')).toHaveCount(0);
  await expect(predictions).toHaveText(before);
  await expect(page.getByTestId('weights-undo')).toBeDisabled();

  // again, then Ctrl+Z from outside a text field
  await page.mouse.click(p.x, p.y);
  await input.fill('-6');
  await input.press('Enter');
  await expect(page.getByTestId('weights-edited')).toHaveAttribute('data-count', '1');
  await expect(predictions).not.toHaveText(before);
  await page.getByTestId('panel-weights').getByRole('heading').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('weights-edited')).toHaveCount(0);
  await expect(predictions).toHaveText(before);

  // training goes on from an edited weight
  await page.mouse.click(p.x, p.y);
  await input.fill('2');
  await input.press('Enter');
  await expect(page.getByTestId('weights-edited')).toHaveAttribute('data-count', '1');
  await singleSteps(page, 2);
  expect(errors).toEqual([]);
});

test('weight decay and AdamW: the control, the address key wd, and the choice of optimizer', async ({ page }) => {
  await page.goto('./?optimizer=adamw&wd=0.05');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  await expect(page.getByTestId('control-optimizer')).toHaveValue('adamw');
  await expect(page.getByTestId('control-weight-decay')).toHaveValue('0.05');
  await page.getByTestId('control-weight-decay').fill('0.2');
  await page.getByTestId('control-weight-decay').press('Enter');
  await expect(page).toHaveURL(/[?&]wd=0\.2(&|$)/);
  await page.getByTestId('control-optimizer').selectOption('sgd');
  await expect(page).toHaveURL(/optimizer=sgd/);
  await expect(page).toHaveURL(/[?&]wd=0\.2(&|$)/);
  await page.getByTestId('control-weight-decay').fill('-1');
  await page.getByTestId('control-weight-decay').press('Enter');
  await expect(page.getByTestId('controls')).toContainText('0 to 10');
  await singleSteps(page, 2);
  // a bad wd in a link falls back to 0 with a notice
  await page.goto('./?wd=lots');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  await expect(page.getByTestId('control-weight-decay')).toHaveValue('0');
  await expect(page.locator('body')).toContainText('wd');
});

test('the weights panel exports as PNG and SVG like the others', async ({ page }) => {
  const errors = watchErrors(page);
  await openPanel(page);
  const files: Record<string, Buffer> = {};
  for (const kind of ['png', 'svg']) {
    await page.getByTestId('export-panel-weights').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-panel-weights-${kind}`).click()]);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^unrolled-weights-.*\\.${kind}$`));
    files[kind] = await readFile(await file.path());
  }
  expect([...files.png!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(files.png!.length).toBeGreaterThan(5_000);
  const svg = files.svg!.toString('utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('<image'); // the heatmap canvas, embedded
  expect(errors).toEqual([]);
});

test('vanishing chapter: W_hh set by hand on one unit, 0.5 vanishes and 1.5 explodes', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?lesson=vanishing');
  await waitForFirstSnapshot(page);
  const growth = async () => Number(await page.getByTestId('readout-gradient-growth').getAttribute('data-value'));
  for (let i = 0; i < 4; i++) await page.getByTestId('lesson-try').click();
  const sigma = async () => Number(await page.getByTestId('readout-sigma-max').textContent());
  await expect.poll(sigma).toBeCloseTo(0.5, 6); // the 1×1 W_hh: its singular value is |w|
  const reach = async () => Number(await page.getByTestId('readout-gradient-reach').getAttribute('data-value'));
  await expect.poll(reach).toBeLessThan(10); // halved at every step back: under 1 % within about 7 steps
  expect(await growth()).toBe(1); // never above its size at the loss
  await page.getByTestId('lesson-try').click();
  await expect.poll(sigma).toBeCloseTo(1.5, 6);
  await expect.poll(growth).toBeGreaterThan(100); // 1.5 per step back, over 24 steps
  expect(errors).toEqual([]);
});

test('the keyboard reaches every entry: arrows move (across matrices), Enter edits', async ({ page }) => {
  await openPanel(page, '?hidden=3');
  const focus = page.getByTestId('weights-focus');
  await focus.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('weights-readout')).toContainText('W_hh[1][1]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('weights-readout')).toContainText('W_hh[2][2]');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('weights-readout')).toContainText('b_ih[2]');
  expect(await stepCount(page)).toBe(0); // → is the page's "one step" key: inside the heatmap it moves instead
  await page.keyboard.press('Enter');
  const input = page.getByTestId('weights-edit-input');
  await expect(input).toBeFocused();
  await input.fill('0.25');
  await input.press('Enter');
  await expect(page.getByTestId('weights-edited')).toContainText('b_ih[2]');
});
