// The neuron explorer: the passage's tokens carry the unit's values (the same numbers the equations
// panel shows for that step and unit), the unit / layer / quantity pickers, a passage of one's own,
// find by pattern and by dragging with the ranked units, and both languages.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { waitForFirstSnapshot, watchErrors } from './helpers';

const tokens = (page: Page) => page.getByTestId('neuron-text').locator('.nt-token');

/** The data-value of every token of the passage. */
async function values(page: Page): Promise<number[]> {
  return tokens(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
}

/** The number the equations panel's last line of `part` ends with. */
async function equation(page: Page, part: string): Promise<number> {
  const v = await page.getByTestId('equations-readouts').locator(`[data-part="${part}"]`).last().getAttribute('data-value');
  return v === null ? Number.NaN : Number(v);
}

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await waitForFirstSnapshot(page);
  await page.getByTestId('panel-neurons').scrollIntoViewIfNeeded();
  await expect(tokens(page).first()).toHaveAttribute('data-value', /\d/);
}

test('one element per token, each with the value the equations panel shows for that step and unit', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const steps = Number(await page.getByTestId('panel-unrolled').locator('.unrolled').getAttribute('data-steps'));
  expect(steps).toBeGreaterThan(3);
  await expect(tokens(page)).toHaveCount(steps);
  await expect(page.getByTestId('neuron-source')).toHaveAttribute('data-inspected', 'true');

  for (const unit of [1, 5]) {
    await page.getByTestId('control-neuron-unit').fill(String(unit));
    await expect(page.locator('.nt-host')).toHaveAttribute('data-unit', String(unit));
    for (const k of [0, 2, steps - 1]) {
      const tok = tokens(page).nth(k);
      await tok.hover();
      const v = Number(await tok.getAttribute('data-value'));
      // hovering a token points at its step (and the unit) in every panel: the equations follow
      await expect.poll(() => equation(page, 'h')).toBe(v);
      await expect(page.getByTestId('neuron-readout')).toContainText(`${k + 1}`);
    }
  }
  const unit5 = await values(page);
  await page.getByTestId('control-neuron-unit').fill('1');
  await expect.poll(() => values(page)).not.toEqual(unit5);

  // the quantity: a plain RNN offers h and its pre-activation a
  const options = await page.getByTestId('control-neuron-quantity').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(options).toEqual(['h', 'a']);
  const h = await values(page);
  await page.getByTestId('control-neuron-quantity').selectOption('a');
  await expect.poll(() => values(page)).not.toEqual(h);
  await tokens(page).nth(1).hover();
  const a1 = Number(await tokens(page).nth(1).getAttribute('data-value'));
  await expect.poll(() => equation(page, 'a')).toBe(a1);
  expect(errors).toEqual([]);
});

test('an LSTM offers h, c and its four gates; two layers offer a layer picker', async ({ page }) => {
  await open(page, '?cell=lstm&layers=2');
  const quantity = page.getByTestId('control-neuron-quantity');
  await expect(quantity.locator('option')).toHaveCount(6);
  const options = await quantity.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(options).toEqual(['h', 'c', 'i', 'f', 'g', 'o']);
  const h = await values(page);
  await quantity.selectOption('f');
  await expect.poll(() => values(page)).not.toEqual(h);
  // sigmoid gates lie in (0, 1)
  for (const v of await values(page)) expect(v > 0 && v < 1).toBe(true);
  const f1 = await values(page);
  await page.getByTestId('control-neuron-layer').selectOption({ index: 1 });
  await expect(page.locator('.nt-host')).toHaveAttribute('data-layer', '2');
  await expect.poll(() => values(page)).not.toEqual(f1);
});

test('find by pattern and by dragging ranks the units; choosing one colours the text by it', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await expect(page.getByTestId('neuron-ranking').locator('li')).toHaveCount(0);
  const words = await tokens(page).allTextContents();
  const target = words[0]!;
  await page.getByTestId('control-neuron-find').fill(target);
  await expect(page.getByTestId('neuron-marked')).toHaveAttribute('data-count', String(words.filter((w) => w.includes(target)).length));
  await expect(tokens(page).first()).toHaveClass(/is-marked/);
  const ranking = page.getByTestId('neuron-ranking').locator('li');
  await expect(ranking).toHaveCount(10);
  const scores = await ranking.evaluateAll((ls) => ls.map((l) => Math.abs(Number(l.getAttribute('data-score')))));
  expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  // choosing the second unit colours the text by it
  const second = await ranking.nth(1).getAttribute('data-unit');
  await ranking.nth(1).locator('button').click();
  await expect(page.getByTestId('control-neuron-unit')).toHaveValue(second!);
  await expect(page.locator('.nt-host')).toHaveAttribute('data-unit', second!);
  await expect(ranking.nth(1).locator('svg path:not(.nt-spark-marks)')).toHaveAttribute('d', /^M/);
  await expect(ranking.nth(1).locator('svg path.nt-spark-marks')).toHaveAttribute('d', /^M/); // ticks at the marked tokens

  // an invalid regular expression gets a message, not a crash
  await page.getByTestId('control-neuron-find').fill('(');
  await expect(page.getByTestId('neuron-find-error')).toBeVisible();
  await expect(ranking).toHaveCount(0);

  // a drag across tokens 2 … 4 marks exactly those
  const from = await tokens(page).nth(1).boundingBox();
  const to = await tokens(page).nth(3).boundingBox();
  await page.mouse.move(from!.x + 3, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(to!.x + 3, to!.y + to!.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('neuron-marked')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('control-neuron-find')).toHaveValue('');
  await expect(page.getByTestId('neuron-find-error')).toHaveCount(0);
  await expect(ranking).not.toHaveCount(0);
  const marked = await tokens(page).evaluateAll((els) => els.flatMap((e, k) => (e.classList.contains('is-marked') ? [k] : [])));
  expect(marked).toEqual([1, 2, 3]);
  await page.getByTestId('control-neuron-clear').click();
  await expect(page.getByTestId('neuron-marked')).toHaveAttribute('data-count', '0');
  expect(errors).toEqual([]);
});

test('a passage of one’s own: read if it is in the vocabulary, else a clear message; quotes found in the char model’s text', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '?task=charlm&cell=lstm&hidden=16');
  const passage = "He said 'the cat' and then 'a dog' too.";
  await page.getByTestId('control-neuron-text').fill(passage);
  await page.getByTestId('control-neuron-apply').click();
  await expect(tokens(page)).toHaveCount(Array.from(passage).length);
  await expect(page.getByTestId('neuron-source')).toHaveAttribute('data-inspected', 'false');
  await page.getByTestId('control-neuron-find').fill("'[^']*'");
  await expect(page.getByTestId('neuron-marked')).toHaveAttribute('data-count', String("'the cat''a dog'".length));
  await expect(page.getByTestId('neuron-ranking').locator('li')).toHaveCount(10);

  // too long, or not in the vocabulary: a message, and the passage shown stays
  await page.getByTestId('control-neuron-text').fill('x'.repeat(2001));
  await page.getByTestId('control-neuron-apply').click();
  await expect(page.getByTestId('neuron-error')).toContainText('2,001');
  await page.getByTestId('control-neuron-text').fill('日本語');
  await page.getByTestId('control-neuron-apply').click();
  await expect(page.getByTestId('neuron-error')).toContainText('“日”');
  await expect(tokens(page)).toHaveCount(Array.from(passage).length);
  await page.getByTestId('control-neuron-reset').click();
  await expect(page.getByTestId('neuron-source')).toHaveAttribute('data-inspected', 'true');
  expect(errors).toEqual([]);
});

test('in Chinese: the panel, its controls and its messages', async ({ page }) => {
  await open(page, '?lang=zh-CN');
  const panel = page.getByTestId('panel-neurons');
  await expect(panel.locator('h2')).toHaveText('神经元探查');
  await expect(page.getByTestId('control-neuron-quantity').locator('option').first()).toHaveText('h — 隐藏状态');
  await page.getByTestId('control-neuron-find').fill('[');
  await expect(page.getByTestId('neuron-find-error')).toContainText('正则表达式');
  await page.getByTestId('control-neuron-text').fill('zzqx');
  await page.getByTestId('control-neuron-apply').click();
  await expect(page.getByTestId('neuron-error')).toContainText('词表');
});

const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Serious and critical axe violations inside the panel, one line each. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Element, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document.querySelector('[data-testid="panel-neurons"]')!, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('accessible in both themes, with marks, a ranking, matches and features; no side scroll on a phone', async ({ page }) => {
  for (const present of ['', '&present=1']) {
    await open(page, `?task=charlm&cell=lstm${present}`);
    await page.getByTestId('control-neuron-find').fill('e');
    await expect(page.getByTestId('neuron-ranking').locator('li')).toHaveCount(10);
    await page.getByTestId('control-neuron-match').click();
    await page.getByTestId('control-neuron-features').click();
    await expect(page.getByTestId('neuron-matches').locator('li')).not.toHaveCount(0);
    await expect(page.getByTestId('neuron-features').locator('li')).not.toHaveCount(0);
    expect(await axeProblems(page), present || 'normal').toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
});

test('what the units track: on the shipped character LSTM a unit follows word starts; word tasks get a message', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '?task=charlm&cell=lstm&hidden=64');
  await page.getByTestId('control-pretrained').click();
  await expect(page.getByTestId('model-file-status')).toHaveAttribute('data-kind', 'accepted');
  await expect(page.getByTestId('control-hidden')).toHaveValue('128');
  await page.getByTestId('panel-neurons').scrollIntoViewIfNeeded();
  // the cell input g: unit 40 of the shipped model rises at a word's first letter (r ≈ 0.90, src/worker/features.test.ts)
  await page.getByTestId('control-neuron-quantity').selectOption('g');
  await expect(page.locator('.nt-host')).toHaveAttribute('data-quantity', 'g');
  await page.getByTestId('control-neuron-features').click();
  const list = page.getByTestId('neuron-features');
  await expect(list.locator('li')).not.toHaveCount(0);
  const start = list.locator('li[data-feature="wordStart"]');
  expect(Math.abs(Number(await start.getAttribute('data-r')))).toBeGreaterThan(0.85);
  const unit = await start.getAttribute('data-unit');
  await start.locator('button').click();
  await expect(page.getByTestId('control-neuron-unit')).toHaveValue(unit!);
  // the text is coloured by it: on the shown passage too it sits lower (or higher, as r says) at a word's first letter
  const r = Number(await start.getAttribute('data-r'));
  const [first, other] = await tokens(page).evaluateAll((els) => {
    const sums = [[0, 0], [0, 0]];
    els.forEach((e, k) => {
      const isFirst = /\p{L}/u.test(e.textContent ?? '') && (k === 0 || !/[\p{L}\p{N}]/u.test(els[k - 1]!.textContent ?? ''));
      sums[isFirst ? 0 : 1]![0]! += Number(e.getAttribute('data-value'));
      sums[isFirst ? 0 : 1]![1]! += 1;
    });
    return sums.map(([s, n]) => s! / n!);
  });
  expect(Math.sign(first! - other!)).toBe(Math.sign(r));

  await open(page);
  await page.getByTestId('control-neuron-features').click();
  await expect(page.getByTestId('neuron-features-error')).toBeVisible();
  expect(errors).toEqual([]);
});

test('exports as SVG (each token a coloured box with its text) and as PNG', async ({ page }) => {
  await open(page);
  const words = await tokens(page).allTextContents();
  const colours = await tokens(page).evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
  await page.getByTestId('export-panel-neurons').click();
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-panel-neurons-svg').click()]);
  expect(svgFile.suggestedFilename()).toMatch(/neurons.*\.svg$/);
  const svg = await readFile(await svgFile.path(), 'utf8');
  for (const w of words) expect(svg).toContain(`>${w}<`);
  for (const c of new Set(colours)) expect(svg).toContain(`fill="${c}"`);
  await page.getByTestId('export-panel-neurons').click();
  const [pngFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-panel-neurons-png').click()]);
  const png = await readFile(await pngFile.path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
});

test('compare mode: choose which model the text is coloured by', async ({ page }) => {
  await open(page, '?compare=1');
  const which = page.getByTestId('control-neuron-model');
  await expect(which.locator('option')).toHaveCount(3);
  const quantity = page.getByTestId('control-neuron-quantity').locator('option');
  await expect(quantity).toHaveCount(2); // the configured cell's (rnn): h, a
  const rnn = await values(page);
  await which.selectOption({ index: 1 });
  await expect(quantity).toHaveCount(6); // lstm: h, c, i, f, g, o
  await expect.poll(() => values(page)).not.toEqual(rnn);
  await which.selectOption({ index: 2 });
  await expect(quantity).toHaveCount(4); // gru: h, r, z, n
});

test('match elsewhere: spans of the training text like the marked one, each loadable as the passage', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '?task=charlm&cell=lstm&hidden=64');
  await page.getByTestId('control-pretrained').click();
  await expect(page.getByTestId('model-file-status')).toHaveAttribute('data-kind', 'accepted');
  await page.getByTestId('panel-neurons').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('control-neuron-match')).toBeDisabled();
  await page.getByTestId('control-neuron-find').fill('the');
  await expect(page.getByTestId('neuron-marked')).toHaveAttribute('data-count', '3');
  await page.getByTestId('control-neuron-match').click();
  const list = page.getByTestId('neuron-matches').locator('li');
  await expect(list).not.toHaveCount(0);
  const distances = await list.evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-distance'))));
  expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  const text = await list.first().getAttribute('data-text');
  expect(Array.from(text!)).toHaveLength(3);
  await list.first().locator('button').click();
  await expect(page.getByTestId('neuron-source')).toHaveAttribute('data-inspected', 'false');
  await expect(page.getByTestId('neuron-marked')).toHaveAttribute('data-count', '3');
  const marked = await tokens(page).evaluateAll((els) => els.filter((e) => e.classList.contains('is-marked')).map((e) => e.textContent).join(''));
  expect(marked.replace(/⏎\n/g, '\n')).toBe(text);
  expect(errors).toEqual([]);
});

test('an imported PyTorch character LSTM with its own vocabulary: every token carries the file\'s own states, torch\'s to 1e-9', async ({ page }) => {
  // scripts/neuron-fixtures.py: two layers, an nn.Embedding, 30 characters in an order unlike the page's
  const fx = JSON.parse(readFileSync(new URL('../src/engine/states-torch.fixture.json', import.meta.url), 'utf8')) as {
    passage: string; file: unknown; expected: Record<string, number[][]>[];
  };
  const errors = watchErrors(page);
  await open(page, '?task=charlm&cell=lstm&hidden=16');
  await page.getByTestId('model-file-input').setInputFiles({ name: 'char-lstm.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(fx.file)) });
  await expect(page.getByTestId('model-file-status')).toHaveAttribute('data-kind', 'accepted');
  await expect(page.getByTestId('control-hidden')).toHaveValue('10');
  await page.getByTestId('panel-neurons').scrollIntoViewIfNeeded();
  await page.getByTestId('control-neuron-text').fill(fx.passage);
  await page.getByTestId('control-neuron-apply').click();
  await expect(tokens(page)).toHaveCount(fx.passage.length);
  await expect(page.getByTestId('neuron-error')).toHaveCount(0);
  /** The largest relative difference between the tokens' data-value and torch's column of `unit`. */
  const worst = async (rows: number[][], unit: number): Promise<number> => {
    const got = await values(page);
    if (got.length !== rows.length) return Infinity;
    return Math.max(...rows.map((row, t) => Math.abs(got[t]! - row[unit]!) / Math.abs(row[unit]!)));
  };
  let checked = 0;
  for (const [l, layer] of fx.expected.entries()) {
    await page.getByTestId('control-neuron-layer').selectOption({ index: l });
    await expect(page.locator('.nt-host')).toHaveAttribute('data-layer', String(l + 1));
    for (const [q, rows] of Object.entries(layer)) {
      await page.getByTestId('control-neuron-quantity').selectOption(q);
      for (const unit of [0, 4, 9]) {
        await page.getByTestId('control-neuron-unit').fill(String(unit + 1));
        await expect(page.locator('.nt-host')).toHaveAttribute('data-unit', String(unit + 1));
        await expect.poll(() => worst(rows, unit), `layer ${l + 1} ${q} unit ${unit + 1}`).toBeLessThan(1e-9);
        checked++;
      }
    }
  }
  expect(checked).toBe(3 * (2 + 6));
  expect(errors).toEqual([]);
});
