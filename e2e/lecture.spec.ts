import { expect, test, type Page } from '@playwright/test';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-CN';
import { openSettings, singleSteps, stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

/** The selected time step as the address carries it (null when none). */
async function urlStep(page: Page): Promise<number | null> {
  const v = new URL(page.url()).searchParams.get('step');
  return v === null || v === '' ? null : Number(v);
}

const lessonOf = (page: Page) => new URL(page.url()).searchParams.get('lesson');
const isPresent = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('present'));

test('every keyboard shortcut', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?lesson=why');
  await waitForFirstSnapshot(page);
  const play = page.getByTestId('control-play');

  // →: exactly one training step
  const before = await stepCount(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => stepCount(page)).toBe(before + 1);

  // ↓ / ↑: the selected time step moves
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => urlStep(page)).not.toBeNull();
  const s0 = (await urlStep(page))!;
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => urlStep(page)).toBe(s0 + 1);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => urlStep(page)).toBe(s0);

  // Space: play, then pause
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => stepCount(page)).toBeGreaterThan(before + 1);
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('aria-pressed', 'false');

  // R: back to step 0
  await page.keyboard.press('r');
  await expect.poll(() => stepCount(page)).toBe(0);

  // N / P: whole chapters
  await page.keyboard.press('n');
  await expect.poll(() => lessonOf(page)).toBe('shapes');
  await page.keyboard.press('P');
  await expect.poll(() => lessonOf(page)).toBe('why');

  // PageDown (a presenter's clicker): the chapter's beats first ("why" has two: train it, then the evening
  // message), then the next chapter
  await page.keyboard.press('PageDown');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  expect(lessonOf(page)).toBe('why');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('panel-predictions')).toContainText('dinner');
  expect(lessonOf(page)).toBe('why');
  await page.keyboard.press('PageDown');
  await expect.poll(() => lessonOf(page)).toBe('shapes');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('lesson-beat-count')).toContainText('2');
  // PageUp: back a beat, then a chapter
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('lesson-beat-count')).toContainText('1');
  await page.keyboard.press('PageUp');
  await expect.poll(() => lessonOf(page)).toBe('why');

  // F: presentation mode on and off
  await page.keyboard.press('f');
  await expect.poll(() => isPresent(page)).toBe(true);
  await page.keyboard.press('F');
  await expect.poll(() => isPresent(page)).toBe(false);

  // ?: the shortcut sheet, focus kept inside, Escape closes and gives the focus back
  const present = page.getByTestId('control-present');
  await present.focus();
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText(en['lecture.action.play']!);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await sheet.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('f'); // shortcuts sleep while the sheet is open
  expect(await isPresent(page)).toBe(false);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(present).toBeFocused();
  expect(errors).toEqual([]);
});

test('shortcuts never fire while typing or with modifier keys', async ({ page }) => {
  await page.goto('./?lesson=why');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  const seed = page.getByTestId('control-seed');
  await seed.focus();
  for (const key of ['f', 'n', 'r', ' ', 'ArrowRight', '?']) await page.keyboard.press(key);
  await page.getByTestId('app-title').click();
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Alt+n');
  await page.keyboard.press('Meta+f');
  await page.waitForTimeout(400);
  expect(await isPresent(page)).toBe(false);
  expect(lessonOf(page)).toBe('why');
  expect(await stepCount(page)).toBe(0);
  await expect(page.getByTestId('shortcut-sheet')).toBeHidden();
  await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'false');
});

test('Space on a focused "try this" plays and pauses; it never presses the button', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?lesson=clipping');
  await waitForFirstSnapshot(page);
  const tryButton = page.getByTestId('lesson-try');
  const label = await tryButton.textContent();
  await tryButton.focus();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'false');
  await expect(tryButton).toHaveText(label!);
  await expect(page.getByTestId('status-diverged')).toHaveCount(0);
  // Enter still presses it
  await page.keyboard.press('Enter');
  await expect(tryButton).not.toHaveText(label!);
  expect(errors).toEqual([]);
});

test('presentation mode at 1280×720: large type, high contrast, controls collapsed', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?lesson=lstm');
  await waitForFirstSnapshot(page);
  await page.getByTestId('control-present').click();
  await expect(page).toHaveURL(/present=1/);
  const look = await page.evaluate(() => ({
    size: parseFloat(getComputedStyle(document.body).fontSize),
    contrast: document.documentElement.classList.contains('theme-contrast'),
    bg: getComputedStyle(document.body).backgroundColor,
  }));
  expect(look.size).toBeGreaterThanOrEqual(20);
  expect(look.contrast).toBe(true);
  expect(look.bg).toBe('rgb(0, 0, 0)');
  await expect(page.getByTestId('controls')).toBeHidden();
  for (const id of ['control-play', 'control-step', 'control-reset']) await expect(page.getByTestId(id)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await testInfo.attach('presentation-1280x720', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('?');
  await testInfo.attach('shortcut-sheet', { body: await page.screenshot(), contentType: 'image/png' });
});

test('slow motion stretches the sweeps; reduced motion makes them instant', async ({ browser }) => {
  const sweeping = (page: Page) => page.locator('[data-testid="panel-unrolled"] .is-sweep').count();
  const slowPage = await browser.newPage();
  await slowPage.goto('./?lesson=why');
  await waitForFirstSnapshot(slowPage);
  // a sweep takes max(0.8 s, 110 ms per step) normally (at most 4 s), four times as long in slow motion
  const T = await slowPage.locator('[data-testid="panel-unrolled"] .ur-column').count();
  const normal = Math.max(800, Math.min(4000, T * 110));
  await slowPage.getByTestId('unrolled-forward').click();
  await slowPage.waitForTimeout(normal + 600);
  expect(await sweeping(slowPage)).toBe(0);
  const slow = slowPage.getByTestId('unrolled-slow');
  await slow.click();
  await expect(slow).toHaveAttribute('aria-pressed', 'true');
  await slowPage.getByTestId('unrolled-forward').click();
  await slowPage.waitForTimeout(normal + 600);
  expect(await sweeping(slowPage)).toBeGreaterThan(0);
  await slowPage.close();

  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const still = await context.newPage();
  await still.goto('./?lesson=why');
  await waitForFirstSnapshot(still);
  await still.getByTestId('unrolled-slow').click();
  await still.getByTestId('unrolled-backward').click();
  expect(await sweeping(still)).toBe(0);
  await still.waitForTimeout(300);
  expect(await sweeping(still)).toBe(0);
  await context.close();
});

test('classroom link: state and hidden controls, copied to the clipboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await page.goto('./?lesson=vanishing');
  await waitForFirstSnapshot(page);
  await page.getByTestId('control-classroom-link').click();
  const dialog = page.getByTestId('classroom-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('classroom-hide-lr').check();
  await dialog.getByTestId('classroom-hide-seed').check();
  const url = await dialog.getByTestId('classroom-url').inputValue();
  expect(url).toContain('lesson=vanishing');
  expect(url).toContain('lang=en');
  expect(url).toMatch(/hide=(lr,seed|seed,lr)/);
  await dialog.getByTestId('classroom-copy').click();
  await expect(dialog.getByTestId('classroom-status')).toHaveText(en['lecture.classroom.copied']!);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.goto(url);
  await waitForFirstSnapshot(page);
  await expect(page.getByTestId('control-task')).toHaveValue('charlm');
  await expect(page.getByTestId('control-lr')).toHaveCount(0);
  await expect(page.getByTestId('control-seed')).toHaveCount(0);
  await expect(page.getByTestId('control-hidden')).toHaveCount(1);
});

test('classroom link without a clipboard selects the link to copy by hand', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
  await page.goto('./');
  await page.getByTestId('control-classroom-link').click();
  await page.getByTestId('classroom-copy').click();
  const field = page.getByTestId('classroom-url');
  await expect(field).toBeFocused();
  const sel = await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, el.value.length]);
  expect(sel[0]).toBe(0);
  expect(sel[1]).toBe(sel[2]);
  await expect(page.getByTestId('classroom-status')).toHaveText(en['lecture.classroom.manual']!);
});

test('switching language keeps the run, the chapter and the selection', async ({ page }) => {
  await page.goto('./?lesson=recurrence');
  await waitForFirstSnapshot(page);
  await singleSteps(page, 3);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => urlStep(page)).not.toBeNull();
  const step = await urlStep(page);
  const task = await page.getByTestId('control-task').inputValue();
  await page.getByTestId('control-lang').selectOption('zh-CN');
  await expect(page.getByTestId('app-title')).toHaveText(zhCN['app.title']!);
  await expect(page.getByTestId('lesson-title')).toHaveText(zhCN['lesson.recurrence.title']!);
  await expect(page).toHaveURL(/lang=zh-CN/);
  expect(await stepCount(page)).toBe(3);
  expect(await urlStep(page)).toBe(step);
  expect(lessonOf(page)).toBe('recurrence');
  await expect(page.getByTestId('control-task')).toHaveValue(task);
  await page.getByTestId('control-lang').selectOption('en');
  await expect(page.getByTestId('lesson-title')).toHaveText(en['lesson.recurrence.title']!);
  expect(await stepCount(page)).toBe(3);
});

test('data tables on demand for the loss, hidden-state and gradient-flow charts', async ({ page }) => {
  await page.goto('./?lesson=bptt');
  await waitForFirstSnapshot(page);
  await singleSteps(page, 2);
  for (const id of ['panel-loss', 'panel-hidden', 'panel-gradients']) {
    const toggle = page.getByTestId(`${id}-table-toggle`);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator(`table[data-testid="${id}-table"] tbody tr`).first()).toBeVisible();
  }
});

test('the room’s full width: at 1920×1080 the panels span at least 80 % of the viewport, normal and presenting', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const query of ['./', './?present=1', './?lesson=vanishing&present=1']) {
    await page.goto(query);
    await waitForFirstSnapshot(page);
    // the panels mount one a frame: the span grows to its full width within a few frames
    const span = () => page.locator('section[data-testid^="panel-"]').evaluateAll((panels) => {
      const boxes = panels.map((p) => p.getBoundingClientRect()).filter((b) => b.width > 0);
      return Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
    });
    await expect.poll(span, { message: query }).toBeGreaterThanOrEqual(0.8 * 1920);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  }
});
