import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { singleSteps, waitForFirstSnapshot, watchErrors } from './helpers';

const QUANTITY_COUNT: Record<string, number> = { lstm: 6, gru: 4, rnn: 2 }; // h (+ c) + gates, per layer
const GRADIENT_COUNT: Record<string, number> = { lstm: 2, gru: 1, rnn: 1 }; // dh (+ dc), top layer only

/** Clicks `testId` and returns the download's suggested name and its bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: await readFile(path) };
}

interface ActivationsModel { cell: string; layers: number; hidden: number; T: number; h: number[][][]; dh: number[][]; gates: Record<string, number[][][]>; tokens: string[] }

async function open(page: Page): Promise<void> {
  await page.goto('./?task=charlm&cell=lstm&seed=3&layers=2&hidden=8&seqlen=12');
  await waitForFirstSnapshot(page);
  await singleSteps(page, 3);
}

test('the run and the activations download as files that parse, with the right shapes', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await expect(page.getByTestId('panel-export')).toBeVisible();

  const run = await download(page, 'export-run');
  expect(run.name).toMatch(/^unrolled-run-lstm-charlm-step3\.json$/);
  const runJson = JSON.parse(run.body.toString('utf8'));
  expect(runJson.format).toBe('unrolled-run');
  expect(runJson.config.seed).toBe(3);
  expect(runJson.config.layers).toBe(2);
  expect(runJson.models[0].history.loss.length).toBe(runJson.models[0].history.step.length);
  expect(runJson.models[0].history.step.at(-1)).toBe(3);

  const json = await download(page, 'export-activations-json');
  expect(json.name).toMatch(/^unrolled-activations-lstm-charlm-step3\.json$/);
  const act = JSON.parse(json.body.toString('utf8')) as { format: string; models: ActivationsModel[] };
  expect(act.format).toBe('unrolled-activations');
  let expectedRows = 0;
  for (const m of act.models) {
    expect([m.layers, m.hidden]).toEqual([2, 8]);
    expect([m.h.length, m.h[0].length, m.h[0][0].length]).toEqual([m.layers, m.T, m.hidden]);
    expect([m.dh.length, m.dh[0].length]).toEqual([m.T, m.hidden]);
    expect(Object.keys(m.gates).sort()).toEqual(['f', 'g', 'i', 'o']);
    expectedRows += m.layers * m.T * m.hidden * QUANTITY_COUNT[m.cell] + m.T * m.hidden * GRADIENT_COUNT[m.cell] + m.T;
  }

  const csv = await download(page, 'export-activations-csv');
  expect(csv.name).toMatch(/^unrolled-activations-lstm-charlm-step3\.csv$/);
  const text = csv.body.toString('utf8');
  const firstLine = text.slice(0, text.indexOf('\n'));
  expect(firstLine).toBe('model,cell,layer,step,token,target,unit,quantity,value');
  // counted from 1, as on the page: the first data row is model 1, layer 1, step 1, unit 1
  expect(text.split('\n')[1]).toMatch(/^1,lstm,1,1,.*,1,h,/);
  // rows: count line ends outside quoted fields (a token may be a quoted line break)
  let rows = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) rows++;
  }
  expect(rows - 1).toBe(expectedRows);
  expect(errors).toEqual([]);
});

test('a canvas panel exports as PNG, the unrolled diagram as SVG with its tokens', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);

  const hidden = page.getByTestId('panel-hidden');
  await hidden.scrollIntoViewIfNeeded();
  await page.getByTestId('export-panel-hidden').click();
  const png = await download(page, 'export-panel-hidden-png');
  expect(png.name).toMatch(/^unrolled-hidden-lstm-charlm-step3\.png$/);
  expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.body.length).toBeGreaterThan(5_000);
  const box = (await hidden.boundingBox())!;
  expect(png.body.readUInt32BE(16)).toBeGreaterThanOrEqual(Math.floor(box.width * 2) - 2); // IHDR width, scale 2
  expect(png.body.readUInt32BE(20)).toBeGreaterThanOrEqual(Math.floor(box.height * 2) - 2);

  await page.getByTestId('export-panel-unrolled').click();
  const svg = await download(page, 'export-panel-unrolled-svg');
  expect(svg.name).toMatch(/^unrolled-unrolled-lstm-charlm-step3\.svg$/);
  const source = svg.body.toString('utf8');
  expect(source).toContain('<svg');
  const pageTokens = await page.locator('[data-testid="panel-unrolled"] svg text.ur-token').allTextContents();
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return {
      error: doc.getElementsByTagName('parsererror').length > 0,
      root: doc.documentElement.localName,
      texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent ?? ''),
      images: doc.querySelectorAll('image').length,
      title: doc.querySelector('title')?.textContent ?? '',
    };
  }, source);
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe('svg');
  expect(parsed.title).toBe(await page.getByTestId('panel-unrolled').locator('.panel-title').textContent());
  const tokens = pageTokens.filter((t) => t.trim() !== '');
  expect(tokens.length).toBeGreaterThan(3);
  for (const tok of tokens) expect(parsed.texts).toContain(tok);
  expect(errors).toEqual([]);
});

test('a long sequence: steps scrolled into view show their values, and the export has every step', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?task=charlm&cell=lstm&seed=3&seqlen=100');
  await waitForFirstSnapshot(page);
  await singleSteps(page, 2);
  const panel = page.getByTestId('panel-unrolled');
  await panel.scrollIntoViewIfNeeded();
  const scroller = panel.locator('.ur-scroll');
  const lastInput = panel.locator('.ur-step[data-step="99"] text.ur-token').first();
  // only what is in view is drawn: the end of the sequence waits until it is scrolled to
  await expect(panel.locator('.ur-step[data-step="0"] text.ur-token').first()).not.toBeEmpty();
  await expect(lastInput).toBeEmpty();
  await scroller.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  await expect(lastInput).not.toBeEmpty();
  // the strip canvas covers the view and is painted there
  const painted = await panel.evaluate((root) => {
    const canvas = root.querySelector<HTMLCanvasElement>('canvas.ur-canvas')!;
    const scroll = root.querySelector<HTMLElement>('.ur-scroll')!;
    const c = canvas.getBoundingClientRect();
    const s = scroll.getBoundingClientRect();
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
    return { coversView: c.left <= s.left + 1 && c.right >= s.right - 1, narrower: c.width < root.querySelector('svg.ur-svg')!.getBoundingClientRect().width, inked };
  });
  expect(painted).toMatchObject({ coversView: true, narrower: true });
  expect(painted.inked).toBeGreaterThan(1000);
  const styledBars = await panel.locator('.ur-bar[height]').count();
  expect(styledBars).toBeLessThan(100);
  // scrolled to the end, then "fit all steps": the narrower drawing shows every step, drawn
  await page.getByTestId('unrolled-fit').click();
  await expect(panel.locator('.ur-bar[height]')).toHaveCount(100);
  const fit = await panel.evaluate((root) => ({
    canvas: root.querySelector('canvas.ur-canvas')!.getBoundingClientRect().width,
    svg: root.querySelector('svg.ur-svg')!.getBoundingClientRect().width,
  }));
  expect(fit.canvas).toBeGreaterThanOrEqual(fit.svg - 1);
  await page.getByTestId('unrolled-fit').click(); // back to reading size for the export
  // the SVG export lays out the whole diagram: every input token, and a strip image as wide as the diagram
  await page.getByTestId('export-panel-unrolled').click();
  const svg = await download(page, 'export-panel-unrolled-svg');
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    const widths = Array.from(doc.querySelectorAll('image')).map((i) => Number(i.getAttribute('width')));
    return { tokens: doc.querySelectorAll('text.ur-token').length, filled: Array.from(doc.querySelectorAll('text.ur-token')).filter((t) => (t.textContent ?? '') !== '').length, widest: Math.max(...widths) };
  }, svg.body.toString('utf8'));
  const diagramWidth = await panel.locator('svg.ur-svg').evaluate((e) => e.getBoundingClientRect().width);
  expect(parsed.filled).toBe(parsed.tokens);
  expect(parsed.widest).toBeGreaterThanOrEqual(diagramWidth - 1);
  expect(errors).toEqual([]);
});

test('the equations export with KaTeX’s own fonts inlined, as SVG and as PNG', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const panel = page.getByTestId('panel-equations');
  await panel.scrollIntoViewIfNeeded();
  await page.getByTestId('export-panel-equations').click();
  const svg = await download(page, 'export-panel-equations-svg');
  const source = svg.body.toString('utf8');
  const faces = [...source.matchAll(/@font-face\{font-family:"([^"]+)";font-weight:(\d+);font-style:(\w+);src:url\(data:font\/woff2;base64,/g)]
    .map((m) => `${m[1]} ${m[2]} ${m[3]}`);
  expect(faces).toContain('KaTeX_Main 400 normal');
  expect(faces).toContain('KaTeX_Math 400 italic');
  // only the faces the text uses, each once
  expect(new Set(faces).size).toBe(faces.length);
  expect(faces.length).toBeLessThan(10);
  // the inlined fonts are real fonts the browser accepts
  const loaded = await page.evaluate(async (s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    const css = doc.querySelector('style')?.textContent ?? '';
    const m = /font-family:"KaTeX_Math";font-weight:400;font-style:italic;src:url\((data:[^)]+)\)/.exec(css);
    if (!m) return false;
    const face = new FontFace('ExportCheck', `url(${m[1]})`);
    await face.load();
    return face.status === 'loaded';
  }, source);
  expect(loaded).toBe(true);
  // painted as an image (the PNG path), the inlined fonts change the letterforms: compare with the same SVG without them
  const differing = await page.evaluate(async (s) => {
    const paint = async (text: string) => {
      const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
      const img = new Image();
      img.src = url;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      c.getContext('2d')!.drawImage(img, 0, 0);
      URL.revokeObjectURL(url);
      return c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    };
    const withFonts = await paint(s);
    const without = await paint(s.replace(/<style>[\s\S]*?<\/style>/, ''));
    let n = 0;
    for (let i = 0; i < withFonts.length; i += 4) if (withFonts[i] !== without[i] || withFonts[i + 1] !== without[i + 1]) n++;
    return n;
  }, source);
  expect(differing).toBeGreaterThan(2000);
  await page.getByTestId('export-panel-equations').click();
  const png = await download(page, 'export-panel-equations-png');
  expect([...png.body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(errors).toEqual([]);
});
