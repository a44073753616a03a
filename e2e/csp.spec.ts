import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { stepCount, watchErrors } from './helpers';

test('the built page declares a strict Content-Security-Policy', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("worker-src 'self' blob:");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/https?:|\*/);
});

test('the page trains under its Content-Security-Policy with no violation and no console error', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto('./');
  await expect(page.getByTestId('app-title')).toHaveText('Unrolled');
  await expect(page.locator('.katex').first()).toBeVisible();
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(5);
  await page.getByTestId('control-play').click();
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(errors).toEqual([]);
});
