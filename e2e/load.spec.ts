import { expect, test } from '@playwright/test';

test('the built page loads from a sub-path with no failed request and no page error', async ({ page }) => {
  const errors: string[] = [];
  const failed: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await page.goto('./');
  await expect(page.getByTestId('app-title')).toHaveText('Unrolled');
  expect(errors).toEqual([]);
  expect(failed).toEqual([]);
});
