import { expect, test } from '@playwright/test';
import { loss, openSettings, singleSteps, stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

test('a shared link reproduces the run: same loss after the same single steps', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await waitForFirstSnapshot(page);
  await openSettings(page);
  await page.getByTestId('control-cell').selectOption('gru');
  await page.getByTestId('control-seed').fill('42');
  await page.getByTestId('control-seed').press('Enter');
  await page.getByTestId('control-hidden').fill('24');
  await page.getByTestId('control-hidden').press('Enter');
  await page.getByTestId('control-lr').fill('0.02');
  await page.getByTestId('control-lr').press('Enter');
  await expect(page).toHaveURL(/cell=gru/);
  await expect(page).toHaveURL(/hidden=24/);
  await expect(page).toHaveURL(/lr=0\.02/);
  await expect(page).toHaveURL(/seed=42/);
  await expect.poll(() => stepCount(page)).toBe(0);
  await singleSteps(page, 6);
  const first = await loss(page);
  expect(Number.isFinite(first)).toBe(true);
  const link = page.url();

  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  await other.goto(link);
  await expect(other.getByTestId('control-cell')).toHaveValue('gru');
  await expect(other.getByTestId('control-seed')).toHaveValue('42');
  await expect(other.getByTestId('control-hidden')).toHaveValue('24');
  await waitForFirstSnapshot(other);
  await singleSteps(other, 6);
  expect(await loss(other)).toBe(first);
  expect([...errors, ...otherErrors]).toEqual([]);
});

const MALFORMED = [
  '?lr=abc',
  '?hidden=-5',
  '?cell=cnn',
  '?task=chess&optimizer=rmsprop',
  '?seed=1e400',
  '?lr=Infinity',
  '?lr=NaN&clip=-1',
  '?layers=99&layer=9',
  '?hide=<script>alert(1)</script>',
  '?text=%ZZ%E0%A4%A&bogus=1',
  `?sentence=${'x'.repeat(700)}`,
  '?step=-1&unit=abc',
  '?lang=fr',
  '?lesson=../../etc/passwd',
  '?compare=maybe',
  '?%00=%00&cell=%00',
  '?batch=0.5&truncate=1.5',
  `?${'a'.repeat(3000)}=1`,
  '?seqlen=1&lag=0',
  '#lr=oops&cell=???',
  '?present=2&embed=x',
  '?clipmode=both&nonlinearity=sigmoid',
];

for (const address of MALFORMED) {
  test(`a malformed address loads with a notice: ${address.slice(0, 50)}`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`./${address}`);
    await expect(page.getByTestId('app-title')).toBeVisible();
    await expect(page.getByTestId('notice')).toBeVisible();
    await expect(page.getByTestId('control-play')).toBeVisible();
    await waitForFirstSnapshot(page);
    await page.getByTestId('notice-dismiss').click();
    await expect(page.getByTestId('notice')).toHaveCount(0);
    expect(await page.locator('script', { hasText: 'alert(1)' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
}

test('hide= hides the named controls, embed=1 shows only the panels and a play / step / reset bar', async ({ page }) => {
  await page.goto('./?task=charlm&hide=lr,seed,text');
  await expect(page.getByTestId('control-play')).toBeVisible();
  await openSettings(page);
  await expect(page.getByTestId('control-lr')).toHaveCount(0);
  await expect(page.getByTestId('control-seed')).toHaveCount(0);
  await expect(page.getByTestId('control-text')).toHaveCount(0);
  await expect(page.getByTestId('control-cell')).toBeVisible();
  await page.goto('./?embed=1&cell=gru');
  await expect(page.locator('.panels')).toBeAttached();
  await expect(page.getByTestId('embed-bar').getByTestId('control-play')).toBeVisible();
  await expect(page.getByTestId('control-settings')).toHaveCount(0);
  await expect(page.getByTestId('lesson')).toHaveCount(0);
  await expect(page.getByTestId('app-title')).toHaveCount(0);
});

test('the address follows the settings, with only what differs from the defaults', async ({ page }) => {
  await page.goto('./');
  await expect(page).toHaveURL(/\/courses\/rnn\/$/);
  await openSettings(page);
  await page.getByTestId('control-task').selectOption('copy');
  await page.getByTestId('control-lag').fill('12');
  await page.getByTestId('control-lag').press('Enter');
  await expect(page).toHaveURL(/\/courses\/rnn\/\?task=copy&lag=12$/);
  await page.reload();
  await expect(page.getByTestId('control-task')).toHaveValue('copy');
  await expect(page.getByTestId('control-lag')).toHaveValue('12');
  await expect(page.getByTestId('control-text')).toHaveCount(0);
});
