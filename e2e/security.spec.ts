import { expect, test, type Page } from '@playwright/test';
import { openSettings, stepCount } from './helpers';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror=window.__pwned=1>',
];

/** Nothing ran and no element came from the payloads. */
async function expectInert(page: Page): Promise<void> {
  // The panels drew the payload's characters as tokens (text), e.g. '<'.
  await expect(page.locator('svg text').filter({ hasText: /^<$/ }).first()).toBeAttached();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length)).toBe(0);
}

test('markup typed as the training text is drawn as text and never runs', async ({ page }) => {
  await page.goto('./?task=charlm');
  await openSettings(page);
  const text = PAYLOADS.join(' ').repeat(3);
  await page.getByTestId('control-text').fill(text);
  await page.getByTestId('control-text-apply').click();
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(3);
  await page.getByTestId('control-play').click();
  await expect(page.getByTestId('control-text')).toHaveValue(text);
  await expect(page.getByText('onerror', { exact: false }).first()).toBeAttached();
  await expectInert(page);
});

test('markup in the link’s text and sentence is drawn as text and never runs', async ({ page }) => {
  const text = PAYLOADS.join(' ');
  const q = new URLSearchParams({ task: 'charlm', text: text.repeat(2), sentence: PAYLOADS[0]! });
  await page.goto(`./?${q}`);
  await expect(page.getByTestId('app-title')).toHaveText('Unrolled');
  await page.getByTestId('control-step').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('control-text')).toHaveValue(text.repeat(2));
  await expectInert(page);
});
