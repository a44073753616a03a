import { expect, test, type Page } from '@playwright/test';
import { singleSteps, waitForFirstSnapshot, watchErrors } from './helpers';

/**
 * Presentation mode at 1280×720 (a projector): every text a panel draws — SVG ticks, legends, token
 * labels, canvas heatmap labels, read-outs, tooltips — is at least 16 CSS px, measured from the page.
 * Sub- and superscripts (KaTeX's and the diagram's W_hh-style subscripts) may be smaller, but not
 * under 12 px.
 */

const MIN_PX = 16;
const MIN_SUB_PX = 12;
/** A magnified SVG's scale may round a hair under the exact factor. */
const ROUNDING = 0.01;
const PANELS = [
  'panel-unrolled', 'panel-loss', 'panel-predictions', 'panel-hidden', 'panel-gates', 'panel-cell-state', 'panel-equations',
  'panel-gradients', 'panel-spectrum', 'panel-clipping', 'panel-gradcheck',
];

interface TextSizes {
  /** Smallest text (CSS px) and what it said, over body text, SVG text and canvas labels. */
  min: number;
  example: string;
  /** Smallest sub-/superscript (Infinity when none). */
  minSub: number;
  /** How many texts were measured: HTML, SVG, canvas label sets. */
  html: number;
  svg: number;
  canvas: number;
}

/** Measures the rendered size of every visible text in the panel with data-testid `id`. */
async function textSizes(page: Page, id: string): Promise<TextSizes> {
  return page.getByTestId(id).first().evaluate((panel) => {
    const out = { min: Infinity, example: '', minSub: Infinity, html: 0, svg: 0, canvas: 0 };
    const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('.katex-mathml, title, desc, style, script')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue; // not rendered (hidden, collapsed, screen-reader only)
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      let px = parseFloat(cs.fontSize);
      const svg = el instanceof SVGElement;
      if (svg) {
        // SVG text in user units: times the scale the SVG is drawn at
        const m = (el as unknown as SVGGraphicsElement).getScreenCTM?.() ?? null;
        if (m) px *= Math.hypot(m.a, m.b);
      }
      if (el.closest('.katex .msupsub, tspan.sub, sub, sup')) {
        out.minSub = Math.min(out.minSub, px);
        continue;
      }
      if (svg) out.svg++;
      else out.html++;
      if (px < out.min) {
        out.min = px;
        out.example = `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${text.slice(0, 24)}"`;
      }
    }
    // canvas labels: the renderer states the font size it painted them with
    for (const c of panel.querySelectorAll('canvas[data-label-px]')) {
      if (!c.getClientRects().length) continue;
      const px = Number(c.getAttribute('data-label-px'));
      out.canvas++;
      if (px < out.min) {
        out.min = px;
        out.example = 'canvas labels';
      }
    }
    return out;
  });
}

/** Opens `query` at 1280×720, trains `steps` steps, then measures every panel in the page (scrolled into view first). */
async function measurePanels(page: Page, query: string, steps = 3): Promise<Record<string, TextSizes>> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`./${query}`);
  await waitForFirstSnapshot(page);
  await singleSteps(page, steps);
  const sizes: Record<string, TextSizes> = {};
  for (const id of PANELS) {
    const panel = page.getByTestId(id).first();
    await panel.scrollIntoViewIfNeeded();
    // a panel draws once it is in view (its picture: SVG or canvas; the equations are typeset HTML)
    await expect.poll(async () => {
      const s = await textSizes(page, id);
      return id === 'panel-equations' ? s.html : s.svg + s.canvas;
    }, { message: `${id} draws its picture` }).toBeGreaterThan(0);
    sizes[id] = await textSizes(page, id);
  }
  return sizes;
}

function expectReadable(sizes: Record<string, TextSizes>, where: string): void {
  for (const [id, s] of Object.entries(sizes)) {
    expect(s.min, `${where}: smallest text in ${id} is ${s.example} at ${s.min.toFixed(1)} px`).toBeGreaterThanOrEqual(MIN_PX - ROUNDING);
    expect(s.minSub, `${where}: smallest subscript in ${id}`).toBeGreaterThanOrEqual(MIN_SUB_PX - ROUNDING);
  }
}

test('presentation mode: no text in any panel under 16 px at 1280×720 (default page)', async ({ page }) => {
  const errors = watchErrors(page);
  const sizes = await measurePanels(page, '?present=1');
  expect(Object.keys(sizes)).toEqual(PANELS);
  // the pictures were measured, not just the panel titles (the default task has one loss step, so the
  // flow panel shows its curve without a matrix: the character model's matrix is measured below)
  for (const id of ['panel-hidden', 'panel-gates', 'panel-cell-state']) expect(sizes[id]!.canvas, id).toBeGreaterThan(0);
  for (const id of ['panel-unrolled', 'panel-loss', 'panel-predictions', 'panel-gradients', 'panel-spectrum', 'panel-clipping', 'panel-gradcheck']) {
    expect(sizes[id]!.svg, id).toBeGreaterThan(0);
  }
  expectReadable(sizes, 'default page');
  const charlm = await measurePanels(page, '?present=1&task=charlm');
  expect(charlm['panel-gradients']!.canvas).toBeGreaterThan(0);
  expectReadable(charlm, 'character model');
  expect(errors).toEqual([]);
});

test('presentation mode: tooltips of a heatmap and of the loss chart are at least 16 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?present=1');
  await waitForFirstSnapshot(page);
  await singleSteps(page, 3);
  const hidden = page.getByTestId('panel-hidden');
  await hidden.scrollIntoViewIfNeeded();
  const overlay = hidden.locator('canvas.viz-heatmap-overlay').first();
  const box = (await overlay.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.6);
  const tip = hidden.locator('.viz-heatmap-tip').first();
  await expect(tip).toBeVisible();
  expect(await tip.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(MIN_PX);

  const loss = page.getByTestId('panel-loss');
  await loss.scrollIntoViewIfNeeded();
  const svg = loss.locator('svg').first();
  const lb = (await svg.boundingBox())!;
  await page.mouse.move(lb.x + lb.width * 0.7, lb.y + lb.height * 0.5);
  const lossTip = loss.locator('.viz-heatmap-tip');
  await expect(lossTip).toBeVisible();
  expect(await lossTip.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(MIN_PX);
});

// chapters stage their panels compactly, two side by side beside the lesson
for (const chapter of ['why', 'vanishing', 'clipping', 'lstm', 'gru']) {
  test(`presentation mode: no text in any panel under 16 px in chapter ${chapter}`, async ({ page }) => {
    const sizes = await measurePanels(page, `?lesson=${chapter}&present=1`, 2);
    expectReadable(sizes, `chapter ${chapter}`);
  });
}

test('presentation mode: the magnified unrolled diagram says which steps are in view and scrolls to the rest', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // the character model's 25 steps do not all fit when magnified (the BPTT chapter fits its 8 on purpose)
  await page.goto('./?task=charlm&present=1');
  await waitForFirstSnapshot(page);
  const panel = page.getByTestId('panel-unrolled');
  const steps = Number(await panel.locator('.unrolled').getAttribute('data-steps'));
  expect(steps).toBeGreaterThan(5);
  const more = panel.getByTestId('unrolled-more');
  await expect(more).toHaveText(new RegExp(`^Steps 1–\\d+ of ${steps} in view`));
  const shownTo = Number(/–(\d+)/.exec((await more.textContent()) ?? '')![1]);
  expect(shownTo).toBeLessThan(steps);
  // scrolled to the end, the last step is in view
  await panel.locator('.ur-scroll').evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  await expect(more).toHaveText(new RegExp(`–${steps} of ${steps} in view`));
  // "Fit all steps" shows every step: nothing left to scroll to
  await panel.getByTestId('unrolled-fit').click();
  await expect(more).toBeHidden();
});

test('outside presentation mode the panels keep their normal text size', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./');
  await waitForFirstSnapshot(page);
  const labels = page.getByTestId('panel-hidden').locator('canvas.viz-heatmap-labels').first();
  await labels.scrollIntoViewIfNeeded();
  await expect(labels).toHaveAttribute('data-label-px', '10');
  await expect(page.getByTestId('unrolled-more')).toBeHidden();
  // switching presentation mode on redraws them larger at once
  await page.keyboard.press('f');
  await expect(page.getByTestId('panel-hidden').locator('canvas.viz-heatmap-labels').first()).toHaveAttribute('data-label-px', '16');
});
