// The hidden-state space: points with their explained variance; on the meet and recall tasks the
// states group by the answer as training goes on; the colour and points controls; the path growing
// with the forward sweep; hovering; compare mode; a loaded checkpoint; Chinese; PNG and SVG export.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

const plot = (page: Page) => page.getByTestId('trajectory-plot');
const attr = async (page: Page, name: string): Promise<string> => (await plot(page).getAttribute(`data-${name}`)) ?? '';
const num = async (page: Page, name: string): Promise<number> => Number(await attr(page, name));

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await waitForFirstSnapshot(page);
  await page.getByTestId('panel-trajectory').scrollIntoViewIfNeeded();
  await expect(plot(page)).toHaveAttribute('data-points', /^[1-9]\d*$/, { timeout: 20_000 });
}

/** Trains until the run's maxsteps stop (given in the address), then comes back to the panel and waits for the answer at that step. */
async function trainToStop(page: Page, steps: number): Promise<void> {
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBe(steps);
  await page.getByTestId('panel-trajectory').scrollIntoViewIfNeeded();
  await expect(plot(page)).toHaveAttribute('data-step', String(steps), { timeout: 15_000 });
}

test('meet: points with their explained variance; the answering states group by the meal after training', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '?maxsteps=1000');
  const [a, b] = (await attr(page, 'explained')).split(',').map(Number);
  expect(a! > 0 && a! <= 1 && b! > 0 && b! <= a!).toBe(true);
  await expect(page.getByTestId('trajectory-explained')).toContainText(`PC1 holds ${Math.round(a! * 100)} %`);
  await expect(plot(page).locator('.tj-axis-title').first()).toContainText('PC1 (');
  // the default: a many-to-one task shows the steps that answer, coloured by target
  expect([await attr(page, 'mode'), await attr(page, 'color'), await num(page, 'points')]).toEqual(['answer', 'target', 200]);
  const before = await num(page, 'separation');
  expect(before).toBeLessThan(0.15); // measured 0.028 at step 0
  await trainToStop(page, 1000);
  expect(await num(page, 'separation')).toBeGreaterThan(0.8); // measured 0.992 at step 1000
  await expect(plot(page).locator('.tj-legend-row')).toHaveCount(4); // the four meals

  // colour by input token: every answering step reads "for", one class, nothing between classes
  await page.getByTestId('control-trajectory-color').selectOption('token');
  await expect(plot(page)).toHaveAttribute('data-color', 'token');
  await expect(plot(page)).toHaveAttribute('data-separation', '0.0000');
  await expect(plot(page).locator('.tj-legend-row')).toHaveCount(1);
  await expect(plot(page).locator('.tj-legend-row text')).toHaveText('for');
  // every step: 200 sequences of 9 steps, and the input word now sets most of the picture
  await page.getByTestId('control-trajectory-points').selectOption('all');
  await expect(plot(page)).toHaveAttribute('data-points', '1800');
  await expect(plot(page)).toHaveAttribute('data-mode', 'all');
  const byToken = await num(page, 'separation');
  expect(byToken > 0 && byToken <= 1).toBe(true);
  expect(errors).toEqual([]);
});

test('recall: the states group by the symbol to recall after training', async ({ page }) => {
  await open(page, '?task=recall&cell=gru&lag=8&maxsteps=600');
  expect(await num(page, 'separation')).toBeLessThan(0.15); // measured 0.009 at step 0
  await trainToStop(page, 600);
  expect(await num(page, 'separation')).toBeGreaterThan(0.8); // measured 1.000 at step 600
  await expect(plot(page).locator('.tj-legend-row text')).toHaveText(['A', 'B', 'C', 'D']);
});

test('the path grows with the forward sweep, its steps numbered from 1; hovering names token, target and step', async ({ page }) => {
  await open(page);
  await page.getByTestId('control-trajectory-points').selectOption('all');
  await expect(plot(page)).toHaveAttribute('data-mode', 'all');
  const T = Number(await page.getByTestId('panel-unrolled').locator('.unrolled').getAttribute('data-steps'));
  await expect(plot(page)).toHaveAttribute('data-path-length', String(T));
  await expect(plot(page).locator('.tj-path circle')).toHaveCount(T);
  await expect(plot(page).locator('.tj-path text').first()).toHaveText('1');
  // the same path as a data table: one row per step, counted from 1
  await page.getByTestId('panel-trajectory-table-toggle').click();
  await expect(page.getByTestId('panel-trajectory-table').locator('tbody tr')).toHaveCount(T);
  await expect(page.getByTestId('panel-trajectory-table').locator('tbody tr').first().locator('th, td').first()).toHaveText('1');
  await page.getByTestId('panel-trajectory-table-toggle').click();
  // record every path length the plot shows while the unrolled diagram sweeps forward
  await plot(page).evaluate((el) => {
    const seen: number[] = [];
    (window as unknown as { seen: number[] }).seen = seen;
    new MutationObserver(() => seen.push(Number(el.getAttribute('data-path-length')))).observe(el, { attributes: true, attributeFilter: ['data-path-length'] });
  });
  await page.getByTestId('unrolled-forward').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: number[] }).seen.at(-1)), { timeout: 10_000 }).toBe(T);
  const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
  const growing = seen.slice(0, -1);
  expect(growing.length).toBeGreaterThan(3);
  expect(Math.min(...growing)).toBeLessThan(3);
  for (let i = 1; i < growing.length; i++) expect(growing[i]!).toBeGreaterThanOrEqual(growing[i - 1]!);

  await page.getByTestId('panel-trajectory').scrollIntoViewIfNeeded();
  await plot(page).locator('.tj-path circle[data-step="3"]').hover({ force: true });
  await expect(page.getByTestId('trajectory-readout')).toContainText('step 3');
  await expect(page.getByTestId('trajectory-readout')).toContainText('target “');
  // a point of the cloud: sweep the pointer over the plot until one answers
  const box = (await plot(page).boundingBox())!;
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    for (let j = 0; j < 12 && !found; j++) {
      await page.mouse.move(box.x + 60 + ((box.width - 220) * i) / 39, box.y + 15 + ((box.height - 70) * j) / 11);
      found = /of its sequence/.test((await page.getByTestId('trajectory-readout').textContent()) ?? '');
    }
  }
  expect(found).toBe(true);
  await expect(page.getByTestId('trajectory-readout')).toContainText(/Token “.+”, target “.+”, step \d+ of its sequence/);
});

test('compare mode: choose the model; a loaded checkpoint is placed too', async ({ page }) => {
  await open(page, '?compare=1');
  const which = page.getByTestId('control-trajectory-model');
  await expect(which.locator('option')).toHaveCount(3);
  await expect(plot(page)).toHaveAttribute('data-cell', 'rnn');
  await which.selectOption({ index: 1 });
  await expect(plot(page)).toHaveAttribute('data-cell', 'lstm');
  await which.selectOption({ index: 2 });
  await expect(plot(page)).toHaveAttribute('data-cell', 'gru');

  await open(page, '?task=charlm&cell=lstm&hidden=64');
  const fresh = await attr(page, 'explained');
  await page.getByTestId('control-pretrained').click();
  await expect(page.getByTestId('model-file-status')).toHaveAttribute('data-kind', 'accepted');
  await page.getByTestId('panel-trajectory').scrollIntoViewIfNeeded();
  await expect.poll(() => attr(page, 'explained'), { timeout: 15_000 }).not.toBe(fresh);
  expect(await attr(page, 'mode')).toBe('all'); // a many-to-many task: every step
  expect(await num(page, 'points')).toBeGreaterThan(100);
});

test('in Chinese; PNG and SVG export of the panel', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '?lang=zh-CN');
  await expect(page.getByTestId('panel-trajectory').locator('h2')).toHaveText('隐藏状态空间');
  await expect(plot(page).locator('.tj-axis-title').first()).toContainText('PC1（方差的');
  await expect(page.getByTestId('trajectory-explained')).toContainText('PC1 占 h 方差的');
  await expect(page.getByTestId('control-trajectory-color').locator('option')).toHaveText(['目标', '输入词元']);

  const download = async (id: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    return readFile(await file.path());
  };
  await page.getByTestId('export-panel-trajectory').click();
  const png = await download('export-panel-trajectory-png');
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.readUInt32BE(16)).toBeGreaterThan(400); // IHDR width
  await page.getByTestId('export-panel-trajectory').click();
  const svg = (await download('export-panel-trajectory-svg')).toString('utf8');
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return {
      root: doc.documentElement.nodeName, error: doc.getElementsByTagName('parsererror').length,
      images: doc.getElementsByTagName('image').length, text: doc.documentElement.textContent ?? '',
    };
  }, svg);
  expect(parsed.root).toBe('svg');
  expect(parsed.error).toBe(0);
  expect(parsed.images).toBeGreaterThan(0); // the canvas of points
  expect(parsed.text).toContain('PC1（方差的');
  expect(errors).toEqual([]);
});

test('presentation mode at 1280×720: every text of the panel is at least 16 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, '?present=1');
  await plot(page).locator('.tj-path circle[data-step="2"]').hover({ force: true });
  await expect(page.getByTestId('trajectory-readout')).toContainText('step 2');
  const sizes = await page.getByTestId('panel-trajectory').evaluate((panel) => {
    const out: { px: number; text: string }[] = [];
    const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('title, desc, style, script, option')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      let px = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement) {
        const m = (el as unknown as SVGGraphicsElement).getScreenCTM?.() ?? null;
        if (m) px *= Math.hypot(m.a, m.b);
      }
      out.push({ px, text: text.slice(0, 20) });
    }
    return out;
  });
  expect(sizes.filter((s) => s.text.startsWith('PC1')).length).toBeGreaterThan(0); // the chart's text was measured
  const small = sizes.filter((s) => s.px < 16 - 0.01).map((s) => `${s.text} ${s.px.toFixed(1)}px`);
  expect(small).toEqual([]);
});

const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

test('accessible: axe finds no serious problem in the panel, normal and in presentation mode', async ({ page }) => {
  for (const query of ['?compare=1', '?compare=1&present=1']) {
    await open(page, query);
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Element, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return (await axe.run(document.querySelector('[data-testid="panel-trajectory"]')!, { resultTypes: ['violations'] })).violations;
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(serious, query).toEqual([]);
  }
});
