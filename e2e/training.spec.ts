import { expect, test, type Page } from '@playwright/test';
import { loss, openSettings, stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

test('Play trains the default task: the step count rises and the loss falls', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  // the default: the article's first example, a small vanilla RNN, Settings one click away
  await expect(page.getByTestId('control-settings')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('control-task')).toBeHidden();
  await expect(page.getByTestId('control-task')).toHaveValue('meet');
  await expect(page.getByTestId('control-cell')).toHaveValue('rnn');
  await expect(page.getByTestId('control-hidden')).toHaveValue('16');
  await expect(page.getByTestId('lesson')).toBeVisible();
  await waitForFirstSnapshot(page);
  const play = page.getByTestId('control-play');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(20);
  const early = await loss(page);
  expect(early).toBeGreaterThan(0);
  await expect.poll(() => loss(page), { timeout: 45_000 }).toBeLessThan(early - 0.3);
  const later = await stepCount(page);
  await expect.poll(() => stepCount(page)).toBeGreaterThan(later);
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  expect(errors).toEqual([]);
});

test('changing the cell type starts a new run with that cell, and it trains', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  for (const cell of ['gru', 'lstm']) {
    await page.getByTestId('control-cell').selectOption(cell);
    await expect.poll(() => stepCount(page)).toBe(0);
    await page.getByTestId('control-play').click();
    await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(10);
    await page.getByTestId('control-play').click();
    await expect(page).toHaveURL(new RegExp(`cell=${cell}`));
  }
  expect(errors).toEqual([]);
});

test('lr = 1000 with clipping off diverges within seconds; the page stays alive; restore recovers', async ({ page }) => {
  const errors = watchErrors(page);
  // the text is named, so switching the language below keeps the run (and its divergence)
  await page.goto('./?corpus=en');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  await page.getByTestId('control-optimizer').selectOption('sgd');
  await page.getByTestId('control-clip').fill('0');
  await page.getByTestId('control-clip').press('Enter');
  await page.getByTestId('control-lr').fill('1000');
  await page.getByTestId('control-lr').press('Enter');
  await expect(page.getByTestId('control-lr')).toHaveValue('1000');
  await page.getByTestId('control-play').click();
  const diverged = page.getByTestId('status-diverged');
  await expect(diverged).toBeVisible({ timeout: 10_000 });
  await expect(diverged).toContainText(/learning rate/i);
  await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'false');
  // the page answers: a control still works while diverged
  await page.getByTestId('control-lang').selectOption('zh-CN');
  await expect(diverged).toContainText('学习率');
  await page.getByTestId('control-lang').selectOption('en');
  await page.getByTestId('control-restore').click();
  await expect(diverged).toHaveCount(0);
  expect(Number.isFinite(await loss(page))).toBe(true);
  // the advice works: a lower learning rate and clipping on, then training goes on from a fresh start
  await page.getByTestId('control-lr').fill('0.05');
  await page.getByTestId('control-lr').press('Enter');
  await page.getByTestId('control-clip').fill('5');
  await page.getByTestId('control-clip').press('Enter');
  await page.getByTestId('control-reset').click();
  await expect.poll(() => stepCount(page)).toBe(0);
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(60);
  await expect(diverged).toHaveCount(0);
  await expect(page.getByTestId('control-lr')).toHaveValue('0.05');
  await expect(page.getByTestId('control-optimizer')).toHaveValue('sgd');
  expect(errors).toEqual([]);
});

test('switching language keeps the run and the settings (when the link names its text)', async ({ page }) => {
  await page.goto('./?seed=5&corpus=en');
  await waitForFirstSnapshot(page);
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(5);
  await page.getByTestId('control-lang').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('control-play')).toContainText('暂停');
  await expect(page.getByTestId('control-seed')).toHaveValue('5');
  await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'true');
  const n = await stepCount(page);
  await expect.poll(() => stepCount(page)).toBeGreaterThan(n);
  await expect(page).toHaveURL(/lang=zh-CN/);
  await expect(page).toHaveURL(/corpus=en/);
});

/** The tokens the unrolled diagram shows, joined. */
const shownTokens = async (page: Page) => (await page.locator('.ur-step text.ur-token').allTextContents()).join('');
const CJK = /[\u4e00-\u9fff]/;

test('in Chinese the character model trains on the Tang poems, unless the link names a text', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?lang=zh-CN&task=charlm');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  await expect(page.getByTestId('control-task')).toHaveValue('charlm');
  await expect(page.getByTestId('control-corpus')).toHaveValue('zh');
  await expect.poll(() => shownTokens(page)).toMatch(CJK);
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(5);
  await page.getByTestId('control-play').click();
  expect(new URL(page.url()).searchParams.get('corpus')).toBeNull();

  // no text picked: switching the language switches the text (and starts over on it), settings kept
  await page.goto('./?seed=5');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  await expect(page.getByTestId('control-corpus')).toHaveValue('en');
  await expect.poll(() => shownTokens(page)).not.toMatch(CJK);
  await page.getByTestId('control-lang').selectOption('zh-CN');
  await expect(page.getByTestId('control-corpus')).toHaveValue('zh');
  await expect.poll(() => shownTokens(page)).toMatch(CJK);
  await expect(page.getByTestId('control-seed')).toHaveValue('5');
  await expect(page).toHaveURL(/lang=zh-CN/);
  expect(new URL(page.url()).searchParams.get('corpus')).toBeNull();
  await page.getByTestId('control-lang').selectOption('en');
  await expect(page.getByTestId('control-corpus')).toHaveValue('en');

  // a link that names the text keeps it in either language
  await page.goto('./?lang=zh-CN&corpus=en');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  await expect(page.getByTestId('control-corpus')).toHaveValue('en');
  await expect.poll(() => shownTokens(page)).not.toMatch(CJK);
  await page.getByTestId('control-lang').selectOption('en');
  await page.getByTestId('control-lang').selectOption('zh-CN');
  await expect(page.getByTestId('control-corpus')).toHaveValue('en');
  expect(errors).toEqual([]);
});

test('invalid number entries show a message and change nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  await page.getByTestId('control-hidden').fill('100000');
  await page.getByTestId('control-hidden').press('Enter');
  await expect(page.getByTestId('control-hidden')).toHaveValue('256');
  await expect(page.locator('.field-hidden [role="status"]')).toContainText('256');
  await page.getByTestId('control-seed').fill('1.5');
  await page.getByTestId('control-seed').press('Enter');
  await expect(page.locator('.field-seed [role="status"]')).toBeVisible();
  await expect(page).not.toHaveURL(/seed=/);
  expect(errors).toEqual([]);
});
