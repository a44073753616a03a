/**
 * The twelfth chapter's claim, in numbers, as a student sees it: on "let's meet for ___" the states of
 * the hidden-state space pull apart by answer as the LSTM learns; on the trained character LSTM the
 * unit the page picks for a feature tracks word starts, and the unit it ranks first for the marked
 * vowels separates them from the other characters.
 */
import { expect, test, type Page } from '@playwright/test';
import { UNITS_PASSAGE } from '../src/store/lessonChapters';
import { waitForFirstSnapshot, watchErrors } from './helpers';

const beat = (page: Page) => page.getByTestId('lesson-try').click();
const tokens = (page: Page) => page.getByTestId('neuron-text').locator('.nt-token');

async function separation(page: Page): Promise<number> {
  const v = await page.getByTestId('trajectory-plot').getAttribute('data-separation');
  return v === null || v === '' ? Number.NaN : Number(v);
}

/** The chosen unit's value after each token of the passage. */
async function values(page: Page): Promise<number[]> {
  return tokens(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** |mean(marked) − mean(rest)| over the pooled standard deviation. */
function separationScore(v: readonly number[], marked: readonly boolean[]): number {
  const a = v.filter((_, i) => marked[i]);
  const b = v.filter((_, i) => !marked[i]);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = (xs: number[], m: number) => xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
  const ma = mean(a);
  const mb = mean(b);
  return Math.abs(ma - mb) / Math.sqrt((variance(a, ma) + variance(b, mb)) / 2);
}

test('units: the states pull apart by answer as the LSTM learns; named units track word starts and vowels', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('./?lesson=units&lang=en');
  await waitForFirstSnapshot(page);
  await expect(page.getByTestId('lesson-title')).toHaveText('What the units learned');
  const stage = page.getByTestId('stage');
  await expect(stage.getByTestId('panel-trajectory')).toBeVisible();
  await expect(stage.getByTestId('panel-neurons')).toBeVisible();

  // the untrained states: one cloud
  await expect.poll(() => separation(page), { timeout: 20_000 }).not.toBeNaN();
  const before = await separation(page);
  expect(before).toBeLessThan(0.5);
  await beat(page); // train, at the chapter's pace
  await expect.poll(() => separation(page), { timeout: 60_000 }).toBeGreaterThan(0.8);
  console.log(`measured: units chapter: separation by answer ${before.toFixed(3)} → ${(await separation(page)).toFixed(3)}`);

  // the trained character model, the chapter's passage
  await beat(page);
  await expect(page.getByTestId('model-file-status')).toHaveAttribute('data-kind', 'accepted', { timeout: 30_000 });
  const chars = Array.from(UNITS_PASSAGE);
  await expect(tokens(page)).toHaveCount(chars.length, { timeout: 20_000 });

  // the unit whose forget gate follows word starts: the panel names the feature, and on the passage
  // the gate's values follow the word starts too
  await beat(page);
  await expect(page.getByTestId('neuron-features')).toBeVisible({ timeout: 20_000 });
  const best = await page.getByTestId('neuron-features').locator('li[data-feature="wordStart"]').getAttribute('data-unit');
  await expect(page.getByTestId('control-neuron-unit')).toHaveValue(best!);
  await expect(page.getByTestId('control-neuron-quantity')).toHaveValue('f');
  await expect(page.getByTestId('neuron-unit-feature')).toHaveAttribute('data-features', /wordStart/);
  await expect(page.getByTestId('neuron-unit-feature')).toContainText('start of a word');
  await expect.poll(async () => (await values(page)).length).toBe(chars.length);
  const wordStart = chars.map((c, i) => (/\p{L}/u.test(c) && (i === 0 || !/\p{L}/u.test(chars[i - 1]!)) ? 1 : 0));
  const r = pearson(await values(page), wordStart);
  console.log(`measured: units chapter: unit ${best}, r with word starts on the passage ${r.toFixed(3)}`);
  expect(Math.abs(r)).toBeGreaterThan(0.5);

  // mark the vowels: the unit ranked first separates them from the rest
  await beat(page);
  await expect(page.getByTestId('neuron-ranking').locator('li').first()).toBeVisible({ timeout: 20_000 });
  const top = await page.getByTestId('neuron-ranking').locator('li').first().getAttribute('data-unit');
  await expect(page.getByTestId('control-neuron-unit')).toHaveValue(top!);
  const vowels = chars.map((c) => /[aeiou]/.test(c));
  const score = separationScore(await values(page), vowels);
  console.log(`measured: units chapter: vowel unit ${top}, separation ${score.toFixed(2)}`);
  expect(score).toBeGreaterThan(1);
  expect(errors).toEqual([]);
});
