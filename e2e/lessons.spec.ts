import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { lessons as en } from '../src/i18n/en/lessons';
import { lessons as zh } from '../src/i18n/zh-CN/lessons';
import { presetConfig } from '../src/store/lessons';
import { CHAPTERS as CHAPTER_TABLE } from '../src/store/lessonChapters';
import { waitForFirstSnapshot, watchErrors } from './helpers';

/** The chapters in order, with the task each preset loads and the panels it stages. */
const CHAPTERS = CHAPTER_TABLE.map((c) => ({ id: c.id, task: presetConfig(c, 'en').task!, panels: c.focus }));
const LANGS = [{ lang: 'en', table: en }, { lang: 'zh-CN', table: zh }] as const;

/** Checks the pane shows chapter `i` and its preset and panels are in the page. */
async function expectChapter(page: Page, table: Record<string, string>, i: number): Promise<void> {
  const c = CHAPTERS[i]!;
  const pane = page.getByTestId('lesson');
  await expect(pane.getByTestId('lesson-title')).toHaveText(table[`lesson.${c.id}.title`]!);
  await expect(pane.getByTestId(`lesson-chapter-${c.id}`)).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('control-task')).toHaveValue(c.task);
  for (const id of c.panels) {
    await expect(page.getByTestId(id)).toHaveCount(1);
    await expect(page.getByTestId(id)).toHaveAttribute('data-lesson-focus', '');
  }
}

async function attachShot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

for (const { lang, table } of LANGS) {
  test(`walks every chapter with the next button (${lang})`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`./?lang=${lang}`);
    await expect(page.getByTestId('lesson-free')).toBeVisible();
    await page.getByTestId('lesson-resume').click();
    for (let i = 0; i < CHAPTERS.length; i++) {
      await expectChapter(page, table, i);
      await expect(page).toHaveURL(new RegExp(`lesson=${CHAPTERS[i]!.id}`));
      if (i < CHAPTERS.length - 1) await page.getByTestId('lesson-next').click();
    }
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
    await page.getByTestId('lesson-prev').click();
    await expectChapter(page, table, CHAPTERS.length - 2);
    expect(errors).toEqual([]);
  });

  test(`opens every chapter from a link, with screenshots (${lang})`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    for (let i = 0; i < CHAPTERS.length; i++) {
      const c = CHAPTERS[i]!;
      await page.goto(`./?lesson=${c.id}&lang=${lang}`);
      await waitForFirstSnapshot(page);
      await expectChapter(page, table, i);
      await page.waitForTimeout(400);
      await attachShot(page, testInfo, `${lang}-${String(i + 1).padStart(2, '0')}-${c.id}.png`);
    }
    expect(errors).toEqual([]);
  });
}

test('a link keeps its own settings over the chapter preset', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?lesson=vanishing&seed=3');
  await expect(page.getByTestId('lesson-title')).toHaveText(en['lesson.vanishing.title']!);
  await expect(page.getByTestId('control-task')).toHaveValue('charlm');
  await expect(page.getByTestId('control-seed')).toHaveValue('3');
  await expect(page).toHaveURL(/seed=3/);
  await expect(page).toHaveURL(/lesson=vanishing/);
  expect(errors).toEqual([]);
});

test('collapsing keeps the header and chapter list; free play and resume', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?lesson=shapes');
  const pane = page.getByTestId('lesson');
  await expect(pane.getByTestId('lesson-body')).toBeVisible();
  await pane.getByTestId('lesson-toggle').click();
  await expect(pane.getByTestId('lesson-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect(pane.getByTestId('lesson-body')).toBeHidden();
  await expect(pane.getByRole('heading', { level: 2 })).toBeVisible();
  for (const c of CHAPTERS) await expect(pane.getByTestId(`lesson-chapter-${c.id}`)).toBeVisible();
  await expect(pane.getByTestId('lesson-chapter-shapes')).toHaveAttribute('aria-current', 'step');
  await pane.getByTestId('lesson-toggle').click();
  await expect(pane.getByTestId('lesson-body')).toBeVisible();

  await pane.getByTestId('lesson-try').click();
  await expect(page.getByTestId('control-task')).toHaveValue('meet');
  await pane.getByTestId('lesson-leave').click();
  await expect(pane.getByTestId('lesson-free')).toBeVisible();
  await expect(page).not.toHaveURL(/lesson=/);
  await expect(page.getByTestId('control-task')).toHaveValue('meet');
  await pane.getByTestId('lesson-resume').click();
  await expect(pane.getByTestId('lesson-title')).toHaveText(en['lesson.shapes.title']!);
  await expect(page.getByTestId('control-task')).toHaveValue('spell');
  await pane.getByTestId('lesson-chapter-gru').click();
  await expect(pane.getByTestId('lesson-title')).toHaveText(en['lesson.gru.title']!);
  expect(errors).toEqual([]);
});
