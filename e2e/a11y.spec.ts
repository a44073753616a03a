import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-CN';
import { CHAPTERS } from '../src/store/lessonChapters';

const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const IDS = CHAPTERS.map((c) => c.id);
const LANGS = ['en', 'zh-CN'] as const;

test.describe.configure({ mode: 'parallel' });

/** Opens a page and waits for the panels and the first snapshot (not for training). */
async function open(page: Page, query: string): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByTestId('panel-loss')).toHaveCount(1);
  await expect(page.getByTestId('readout-chance')).not.toBeEmpty({ timeout: 20_000 });
}

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

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

for (const lang of LANGS) {
  for (const id of IDS) {
    test(`axe: chapter ${id} (${lang}), normal and presentation`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, `?lesson=${id}&lang=${lang}`);
      expect(await axeProblems(page), 'normal theme').toEqual([]);
      expect(await noSideScroll(page)).toBe(true);
      await open(page, `?lesson=${id}&lang=${lang}&present=1`);
      expect(await page.evaluate(() => document.documentElement.classList.contains('theme-contrast'))).toBe(true);
      expect(await axeProblems(page), 'presentation theme').toEqual([]);
      expect(await noSideScroll(page)).toBe(true);
    });
  }
}

test('no English UI words are left in the Chinese page, and Chinese glyphs render', async ({ page }, testInfo) => {
  await open(page, '?lang=zh-CN&lesson=lstm');
  const zhValues = new Set(Object.values(zhCN).map((v) => v.trim()));
  const english = [...new Set(Object.values(en).map((v) => v.trim()))]
    .filter((v) => v.length > 3 && !zhValues.has(v) && !/^[\d\s\W]*$/.test(v));
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!el || text === '' || el.closest('.katex, script, style, [lang="en"]')) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      out.push(text);
    }
    return out;
  });
  expect(texts.length).toBeGreaterThan(50);
  expect(texts.filter((text) => english.includes(text))).toEqual([]);
  // Chinese characters are full-width glyphs from a CJK font: six of them at 20 px measure 120 px.
  const width = await page.evaluate(() => {
    const span = document.createElement('span');
    span.style.cssText = 'font-size:20px;position:absolute;white-space:nowrap;font-family:inherit';
    span.textContent = '循环神经网络';
    document.body.append(span);
    const w = span.getBoundingClientRect().width;
    span.remove();
    return w;
  });
  expect(Math.abs(width - 120)).toBeLessThan(3);
  await testInfo.attach('zh-CN', { body: await page.screenshot(), contentType: 'image/png' });
});

test('phone 390×844: no horizontal scroll on any chapter, touch-sized controls', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  for (const id of IDS) {
    await open(page, `?lesson=${id}`);
    expect(await noSideScroll(page), id).toBe(true);
    const small = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('button, select, input:not([type="checkbox"]):not([type="radio"]), summary')]
      .filter((el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0 && b.height < 40; })
      .map((el) => el.dataset.testid ?? el.textContent?.trim() ?? el.tagName));
    expect(small, id).toEqual([]);
    if (id === 'why') await testInfo.attach('phone-en', { body: await page.screenshot(), contentType: 'image/png' });
  }
  await open(page, '?lesson=why&lang=zh-CN');
  expect(await noSideScroll(page)).toBe(true);
  await testInfo.attach('phone-zh-CN', { body: await page.screenshot(), contentType: 'image/png' });
  await context.close();
});

test('1920×1080: no horizontal scroll on any chapter', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const id of IDS) {
    await open(page, `?lesson=${id}`);
    expect(await noSideScroll(page), id).toBe(true);
  }
});

test('keyboard: every focus stop shows a focus ring and has a name', async ({ page }) => {
  await open(page, '?lesson=why');
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const labelled = el.getAttribute('aria-labelledby')?.split(/\s+/).map((x) => document.getElementById(x)?.textContent ?? '').join(' ');
      const label = (el as HTMLInputElement).labels?.[0]?.textContent;
      const name = (el.getAttribute('aria-label') || labelled || label || el.textContent || el.getAttribute('title') || '').trim();
      return { id: el.dataset.testid ?? el.tagName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, name };
    });
    if (!info) continue;
    seen.push(info.id);
    expect(info.ring, `focus ring on ${info.id}`).toBe(true);
    expect(info.name, `name of ${info.id}`).not.toBe('');
  }
  expect(seen).toContain('control-present');
  expect(seen).toContain('control-play');
});
