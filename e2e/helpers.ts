import { expect, type Page } from '@playwright/test';

/** Collects page errors, console errors and dialogs (a sign of injected script) from the moment it is called. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  return errors;
}

/** The training step count shown in the page. */
export async function stepCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('readout-step').textContent())?.replace(/[^\d]/g, '') || '0');
}

/** The smoothed loss shown in the page, at full precision (NaN before the first snapshot). */
export async function loss(page: Page): Promise<number> {
  const v = await page.getByTestId('readout-loss').getAttribute('data-value');
  return v ? Number(v) : Number.NaN;
}

/** Presses the step button `n` times, each time waiting for the count to advance. */
export async function singleSteps(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const before = await stepCount(page);
    await page.getByTestId('control-step').click();
    await expect.poll(() => stepCount(page)).toBe(before + 1);
  }
}

/** Waits until the worker has sent its first snapshot (the chance level is known then). */
export async function waitForFirstSnapshot(page: Page): Promise<void> {
  await expect(page.getByTestId('readout-chance')).not.toBeEmpty({ timeout: 20_000 });
}

/**
 * Opens the Settings (the `control-*` fields live behind `control-settings`, a button with
 * aria-expanded); does nothing when they are open already or the page has no such button.
 */
export async function openSettings(page: Page): Promise<void> {
  const toggle = page.getByTestId('control-settings');
  if ((await toggle.count()) === 0) return;
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}
