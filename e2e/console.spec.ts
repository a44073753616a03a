import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Serious and critical axe violations of the page, one line each. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const isPresent = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('present'));

/** Opens the console from the stage's lecture tools; returns the console's page once it is connected. */
async function openConsole(stage: Page): Promise<Page> {
  const [consolePage] = await Promise.all([
    stage.context().waitForEvent('page'),
    stage.getByTestId('control-presenter').click(),
  ]);
  await consolePage.waitForLoadState();
  await expect(consolePage.getByTestId('console')).toHaveAttribute('data-connected', 'true');
  return consolePage;
}

test('the console drives the stage: PageDown runs the next beat, play plays, closing it leaves the stage working', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?lesson=vanishing');
  await waitForFirstSnapshot(page);
  await expect(page.getByTestId('lesson-beat-count')).toContainText('1');

  const con = await openConsole(page);
  const conErrors = watchErrors(con);
  expect(new URL(con.url()).searchParams.get('console')).toBe('1');
  // the console shows the stage's chapter, its notes and the beat PageDown runs next
  await expect(con.getByTestId('console-chapter')).toHaveText('Vanishing and exploding gradients');
  await expect(con.getByTestId('console-notes')).toContainText('Expect');
  await expect(con.getByTestId('console-next')).toContainText('σ_max = 0.5');
  await expect(con.getByTestId('console-clock')).not.toBeEmpty();
  // the first window is the stage: presentation mode, no settings
  await expect.poll(() => isPresent(page)).toBe(true);
  await expect(page.getByTestId('control-settings')).toBeHidden();

  // PageDown in the console: the stage's next beat
  await con.keyboard.press('PageDown');
  await expect(page.getByTestId('lesson-beat-count')).toContainText('2');
  await expect(con.getByTestId('console-next')).toContainText('σ_max = 1.5');
  await expect(con.getByTestId('console-beat')).toHaveAttribute('data-turn', '1');
  // PageUp goes back a beat
  await con.keyboard.press('PageUp');
  await expect(page.getByTestId('lesson-beat-count')).toContainText('1');

  // play in the console plays the stage, and the console sees the steps go by
  const before = await stepCount(page);
  await con.getByTestId('console-play').click();
  await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => stepCount(page)).toBeGreaterThan(before + 5);
  await expect(con.getByTestId('console-run')).toHaveAttribute('data-running', 'true');
  await expect.poll(async () => Number(await con.getByTestId('console-run').getAttribute('data-step'))).toBeGreaterThan(before);
  // Space in the console (its play button focused) pauses once, not twice
  await con.keyboard.press(' ');
  await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'false');

  // N in the console: the stage's next chapter; a key on the stage shows in the console
  await con.keyboard.press('n');
  await expect(page.getByTestId('lesson-title')).toHaveText('Gradient clipping');
  await expect(con.getByTestId('console-chapter')).toHaveText('Gradient clipping');
  await page.keyboard.press('p');
  await expect(con.getByTestId('console-chapter')).toHaveText('Vanishing and exploding gradients');

  // closing the console leaves the stage working, out of stage mode
  await con.close();
  await expect.poll(() => isPresent(page), { timeout: 10_000 }).toBe(false);
  await expect(page.getByTestId('control-settings')).toBeVisible();
  const after = await stepCount(page);
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(after + 3);
  await page.getByTestId('control-play').click();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('lesson-beat-count')).toContainText('2');
  expect(errors).toEqual([]);
  expect(conErrors).toEqual([]);
});

test('closing the stage leaves the console working: it pages through the notes and reopens the stage', async ({ page }) => {
  await page.goto('./?lesson=lstm&lang=zh-CN');
  await waitForFirstSnapshot(page);
  const con = await openConsole(page);
  await expect(con.getByTestId('console-chapter')).toHaveText('LSTM');
  await expect(con.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.close();
  await expect(con.getByTestId('console')).toHaveAttribute('data-connected', 'false', { timeout: 10_000 });
  // without a stage the chapter buttons page through the notes
  await con.getByTestId('console-next-chapter').click();
  await expect(con.getByTestId('console-chapter')).toHaveText('细胞状态这条高速路');
  await expect(con.getByTestId('console-notes')).toContainText('40');
  // and the stage opens again, at that chapter, connected
  const [stage] = await Promise.all([con.context().waitForEvent('page'), con.getByTestId('console-open-stage').click()]);
  await waitForFirstSnapshot(stage);
  await expect(con.getByTestId('console')).toHaveAttribute('data-connected', 'true');
  expect(new URL(stage.url()).searchParams.get('lesson')).toBe('highway');
  await con.getByTestId('console-next-beat').click();
  await expect(stage.getByTestId('lesson-beat-count')).toContainText('2');
});

test('a second tab of the page is not driven by the console', async ({ page, context }) => {
  const other = await context.newPage();
  await other.goto('./?lesson=vanishing');
  await page.goto('./?lesson=vanishing');
  await waitForFirstSnapshot(page);
  await waitForFirstSnapshot(other);
  const con = await openConsole(page);
  await con.keyboard.press('PageDown');
  await expect(page.getByTestId('lesson-beat-count')).toContainText('2');
  await con.keyboard.press('PageDown');
  await expect(page.getByTestId('lesson-beat-count')).toContainText('3');
  await expect(other.getByTestId('lesson-beat-count')).toContainText('1');
  expect(await isPresent(other)).toBe(false);
});

test('embed=1&show= shows exactly the named panels, in order, and its play button trains', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?embed=1&show=panel-gradients,panel-nope,panel-spectrum');
  const panels = page.locator('section.panel');
  await expect(panels).toHaveCount(2);
  expect(await panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['panel-gradients', 'panel-spectrum']);
  await expect(page.getByTestId('lesson')).toHaveCount(0);
  await expect(page.getByTestId('control-settings')).toHaveCount(0);
  await expect(page.getByTestId('embed-loss')).toBeVisible();
  await expect.poll(() => page.getByTestId('readout-step').textContent()).toBe('0');
  await page.getByTestId('control-play').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(5);
  await page.getByTestId('control-play').click();
  await page.getByTestId('control-reset').click();
  await expect.poll(() => stepCount(page)).toBe(0);
  await page.getByTestId('control-step').click();
  await expect.poll(() => stepCount(page)).toBe(1);
  expect(errors).toEqual([]);
});

test('an embed that diverges says so in its bar and restores', async ({ page }) => {
  await page.goto('./?embed=1&show=panel-loss&optimizer=sgd&clip=0&lr=1000');
  await page.getByTestId('control-play').click();
  await expect(page.getByTestId('status-diverged')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('control-play')).toHaveAttribute('aria-pressed', 'false');
  await page.getByTestId('control-restore').click();
  await expect(page.getByTestId('status-diverged')).toHaveCount(0);
});

test('the classroom-link dialog builds an iframe embed of the chapter\'s panels', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?lesson=vanishing');
  await waitForFirstSnapshot(page);
  await page.getByTestId('control-classroom-link').click();
  const snippet = page.getByTestId('classroom-embed');
  await expect(snippet).toHaveValue(/^<iframe src="http[^"]+embed=1&amp;show=panel-spectrum,panel-gradients"/);
  await page.getByTestId('classroom-embed-panel-gradients').uncheck();
  await page.getByTestId('classroom-embed-panel-loss').check();
  await expect(snippet).toHaveValue(/show=panel-spectrum,panel-loss"/);
  await page.getByTestId('classroom-embed-copy').click();
  await expect(page.getByTestId('classroom-embed-status')).not.toBeEmpty();
  const src = /src="([^"]+)"/.exec(await snippet.inputValue())![1]!.replace(/&amp;/g, '&');
  // the snippet works: a course page with the iframe shows the chosen panels
  await page.goto(src);
  // panels mount one a frame: wait for both
  await expect.poll(() => page.locator('section.panel').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))
    .toEqual(['panel-spectrum', 'panel-loss']);
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`axe: the console and the embed view (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`./?lesson=clipping&lang=${lang}`);
    await waitForFirstSnapshot(page);
    const con = await openConsole(page);
    await expect(con.getByTestId('console-notes')).not.toBeEmpty();
    expect(await axeProblems(con), 'console').toEqual([]);
    // the stage too, in stage mode
    await expect.poll(() => isPresent(page)).toBe(true);
    expect(await axeProblems(page), 'stage').toEqual([]);
    await con.close();
    await page.goto(`./?embed=1&show=panel-gradients,panel-spectrum&lang=${lang}`);
    await expect(page.locator('section.panel')).toHaveCount(2);
    expect(await axeProblems(page), 'embed').toEqual([]);
  });
}
