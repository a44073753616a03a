/**
 * Each chapter's claim, in numbers, as a student sees it: the test opens the chapter, runs its beats
 * with the "try this" button at the chapter's own pace (or faster where the claim is about the end
 * state), and reads what the panels show (read-outs and the data-value / data-p of their marks).
 */
import { expect, test, type Page } from '@playwright/test';
import { MEET_LANGUAGES } from '../src/engine/tasks/meet';
import { createTask } from '../src/engine/tasks';
import { stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

async function open(page: Page, id: string): Promise<void> {
  await page.goto(`./?lesson=${id}`);
  await waitForFirstSnapshot(page);
  await expect(page.getByTestId('lesson-title')).toBeVisible();
}

const beat = (page: Page) => page.getByTestId('lesson-try').click();

/** As fast as the machine goes (the pace button: lesson → 4× → fastest). */
async function fastest(page: Page): Promise<void> {
  const pace = page.getByTestId('lesson-faster');
  while ((await pace.getAttribute('data-pace')) !== '0') await pace.click();
}

async function dataValue(page: Page, testId: string): Promise<number> {
  const v = await page.getByTestId(testId).getAttribute('data-value');
  return v === null || v === '' ? Number.NaN : Number(v);
}

/** The number an equations-panel line ends with (the last line of that quantity). */
async function equation(page: Page, part: string): Promise<number> {
  const rows = page.getByTestId('equations-readouts').locator(`[data-part="${part}"]`);
  const v = await rows.last().getAttribute('data-value');
  return v === null ? Number.NaN : Number(v);
}

/** The predictions panel's probabilities at its step, by token id. */
async function predictions(page: Page): Promise<Map<number, number>> {
  const rows = await page.getByTestId('panel-predictions').locator('g.pr-row').evaluateAll((gs) =>
    gs.map((g) => [Number(g.getAttribute('data-token')), Number(g.getAttribute('data-p'))] as const));
  return new Map(rows);
}

test('why: the prediction at the blank moves onto the four meals evenly, then onto the clue’s meal', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await open(page, 'why');
  const vocab = createTask('meet', { lag: 3, lang: 'en' }).vocab;
  const meals = MEET_LANGUAGES.en.meals.map((m) => vocab.indexOf(m));
  const right = vocab.indexOf('lunch'); // the chapter shows the message with "afternoon", as its text tells
  await expect(page.getByTestId('panel-predictions')).toContainText('target “lunch”');
  // every step is in view and every word is whole, the clue included (at 1280 px the columns are
  // narrower than "afternoon": the words alternate up and down)
  const words = await page.getByTestId('panel-unrolled').locator('.ur-token').allTextContents();
  expect(words).toContain('afternoon');
  expect(words.filter((w) => w.endsWith('…'))).toEqual([]);
  expect(await equation(page, 'p')).toBeLessThan(0.1); // untrained: spread over the whole vocabulary
  await beat(page);
  // a meal, but which one? nearly all the mass on the four meals, the right one not yet favoured
  await expect.poll(async () => {
    const p = await predictions(page);
    const mass = meals.reduce((sum, id) => sum + (p.get(id) ?? 0), 0);
    return mass >= 0.9 && (p.get(right) ?? 0) <= 0.45;
  }, { timeout: 20_000 }).toBe(true);
  const evenAt = await stepCount(page);
  // then the clue's meal, within about 20 s of the start at the chapter's pace
  await expect.poll(() => equation(page, 'p'), { timeout: 30_000 }).toBeGreaterThanOrEqual(0.8);
  expect(await stepCount(page)).toBeGreaterThan(evenAt + 20);
  // the clue decides: the same network on the evening message bets on dinner
  await beat(page);
  await expect(page.getByTestId('panel-predictions')).toContainText('target “dinner”');
  await expect.poll(() => page.getByTestId('panel-unrolled').locator('.ur-token').allTextContents()).toContain('evening');
  const dinner = vocab.indexOf('dinner');
  await expect.poll(async () => (await predictions(page)).get(dinner) ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(0.8);
  expect(errors).toEqual([]);
});

test('shapes: each beat changes which steps read an input and which carry a loss', async ({ page }) => {
  await open(page, 'shapes');
  const diagram = page.getByTestId('panel-unrolled').locator('.unrolled');
  await expect(diagram).toHaveAttribute('data-shape', 'one-to-many');
  await expect(diagram).toHaveAttribute('data-inputs', '1');
  await beat(page);
  await expect(diagram).toHaveAttribute('data-shape', 'many-to-one');
  await expect(diagram).toHaveAttribute('data-losses', '1');
  await beat(page);
  await expect(diagram).toHaveAttribute('data-shape', 'many-to-many');
  const steps = await diagram.getAttribute('data-steps');
  await expect(diagram).toHaveAttribute('data-losses', steps!);
  await expect(page.getByTestId('lesson-predict-answer')).toBeVisible();
  await beat(page);
  await expect(diagram).toHaveAttribute('data-shape', 'one-to-many');
});

test('recurrence: each beat runs one more step, and the equations hold with the live numbers', async ({ page }) => {
  await open(page, 'recurrence');
  const diagram = page.getByTestId('panel-unrolled').locator('.unrolled');
  const T = Number(await diagram.getAttribute('data-steps'));
  expect(T).toBeGreaterThan(3);
  for (let k = 0; k < 3; k++) {
    await beat(page);
    await expect(page.getByTestId('readout-selection')).toContainText(String(k + 1));
    // the diagram shows the forward pass reached so far: the steps after the selected one wait, drawn pending
    await expect(diagram.locator('.ur-step.pending')).toHaveCount(T - (k + 1));
    await expect(diagram.locator(`.ur-step[data-step="${k}"]`)).not.toHaveClass(/pending/);
    await expect.poll(async () => {
      const [rec, inp, a, h] = await Promise.all(['Whh', 'Wxh', 'a', 'h'].map((part) => equation(page, part)));
      // a = W_hh h_{t−1} + (W_xh x_t + b), and h = tanh(a)
      return Math.abs(rec! + inp! - a!) < 1e-9 && Math.abs(Math.tanh(a!) - h!) < 1e-9;
    }).toBe(true);
  }
  // at the first step there is no earlier state: the recurrent term is exactly 0
  await page.getByTestId('lesson-chapter-recurrence').click();
  // the chapter opened afresh: nothing selected yet, so the next beat selects step 1
  await expect(page.getByTestId('readout-selection')).toHaveText('—');
  await beat(page);
  await expect(page.getByTestId('readout-selection')).toContainText('1');
  await expect.poll(() => equation(page, 'Whh')).toBe(0);
  // stepping on past the columns in view, the diagram scrolls so the reached step stays wholly in view
  const scroller = page.getByTestId('panel-unrolled').locator('.ur-scroll');
  for (let k = 1; k < T - 1; k++) {
    await beat(page);
    // the selection reaches the diagram on the next frame: wait for the column to come into view
    await expect.poll(async () => {
      const box = (await scroller.boundingBox())!;
      const column = (await diagram.locator(`.ur-column[data-step="${k}"]`).boundingBox())!;
      return column.x >= box.x - 1 && column.x + column.width <= box.x + box.width + 1;
    }, { message: `step ${k + 1}` }).toBe(true);
  }
  expect(await scroller.evaluate((e) => e.scrollLeft), 'the diagram did not fit: it scrolled').toBeGreaterThan(0);
  // at the last step the button says what comes next: the whole pass, every step drawn again
  await beat(page);
  await expect(page.getByTestId('lesson-try')).toHaveText('The whole pass again');
  await beat(page);
  await expect(diagram.locator('.ur-step.pending')).toHaveCount(0);
  await expect(page.getByTestId('lesson-try')).toHaveText('Next time step');
  await page.getByTestId('lesson-chapter-recurrence').click();
  await beat(page);
  // the button goes on ("next time step", not "again"), and so does a presenter's clicker (PageDown)
  await expect(page.getByTestId('lesson-try')).not.toContainText('Again');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('readout-selection')).toContainText('2');
  await expect(diagram.locator('.ur-step.pending')).toHaveCount(T - 2);
  await expect(page.getByTestId('lesson-title')).toHaveText(/recurrence/i);
});

test('loss: it starts at chance and falls well below it within 20 s at the chapter’s pace', async ({ page }) => {
  test.setTimeout(60_000);
  await open(page, 'loss');
  const chance = await dataValue(page, 'readout-chance');
  expect(chance).toBeCloseTo(Math.log(createTask('charlm', { lag: 3, corpus: 'en' }).vocab.length), 6);
  await beat(page);
  await expect.poll(() => stepCount(page)).toBeGreaterThan(0);
  await expect.poll(() => dataValue(page, 'readout-loss'), { timeout: 25_000 }).toBeLessThan(0.7 * chance);
});

test('bptt: the selected loss step’s row is highlighted; one step’s shares of ∂L/∂W_hh add up to the whole', async ({ page }) => {
  await open(page, 'bptt');
  // step 4 is selected (0-based 3) and its row is the one the flow matrix highlights
  await expect(page.getByTestId('readout-selection')).toContainText('4');
  await expect(page.getByTestId('flow-matrix')).toHaveAttribute('data-highlight-row', '3');
  const shares = page.getByTestId('readout-whh-shares');
  const read = async () => {
    const [sum, total, list] = await Promise.all(['data-sum', 'data-total', 'data-shares'].map((a) => shares.getAttribute(a)));
    return { sum: Number(sum), total: Number(total), shares: JSON.parse(list ?? '[]') as number[] };
  };
  const before = await read();
  expect(before.total).toBeGreaterThan(0);
  expect(before.shares).toHaveLength(8);
  expect(Math.abs(before.shares.reduce((a, b) => a + b, 0) - before.total)).toBeLessThan(1e-3 * before.total);
  await beat(page);
  await expect.poll(() => stepCount(page)).toBe(1);
  await expect.poll(async () => JSON.stringify((await read()).shares)).not.toBe(JSON.stringify(before.shares));
  const after = await read();
  expect(Math.abs(after.sum - after.total)).toBeLessThan(1e-3 * after.total);
  expect(Math.abs(after.shares.reduce((a, b) => a + b, 0) - after.total)).toBeLessThan(1e-3 * after.total);
  // the steps before the last carry part of it: the gradient travelled back through time
  expect(after.shares.slice(0, -1).reduce((a, b) => a + Math.abs(b), 0)).toBeGreaterThan(0.2 * after.total);
});

test('vanishing: σ_max 1.5 reaches at least twice as far back as 0.5 (plus 3), and 4 explodes; the range holds', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'vanishing');
  const sigma = () => page.getByTestId('readout-sigma-max').textContent().then(Number);
  const ticks = () => page.getByTestId('flow-curve').locator('.axis-y text').allTextContents();
  await beat(page);
  await expect.poll(sigma).toBeCloseTo(0.5, 3);
  await expect.poll(() => dataValue(page, 'readout-gradient-reach')).toBeLessThan(6);
  const near = await dataValue(page, 'readout-gradient-reach');
  const range = await ticks();
  await beat(page);
  await expect.poll(sigma).toBeCloseTo(1.5, 3);
  await expect.poll(() => dataValue(page, 'readout-gradient-reach')).toBeGreaterThanOrEqual(2 * near + 3);
  await expect(page.getByTestId('flow-ghost-key')).toBeVisible(); // the 0.5 curve stays as a ghost
  expect(await ticks()).toEqual(range); // one fixed log range across the beats
  expect(await dataValue(page, 'readout-gradient-growth')).toBeLessThanOrEqual(1); // fades more slowly, but fades
  await expect(page.getByTestId('lesson-predict-answer')).toBeVisible();
  await beat(page);
  await expect.poll(sigma).toBeCloseTo(4, 3);
  await expect.poll(() => dataValue(page, 'readout-gradient-growth')).toBeGreaterThan(2); // grows with distance
  expect(await ticks()).toEqual(range);
  expect(await stepCount(page)).toBe(0); // every beat acts on the untrained network
  expect(errors).toEqual([]);
});

test('clipping: off, the run diverges within 20 s; on, from a fresh start, the loss falls below 0.7 × chance', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, 'clipping');
  const chance = await dataValue(page, 'readout-chance');
  await beat(page);
  await expect(page.getByTestId('status-diverged')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('lesson-predict-answer')).toBeVisible();
  // the message in the run bar covers neither staged panel's title, and the weights it went back to
  // read as healthy: the loss shown is at most 1.5 × chance
  await expect.poll(async () => {
    const bar = await page.getByTestId('status').boundingBox();
    const titles = await page.getByTestId('stage').locator('.panel h2').evaluateAll((hs) => hs.map((h) => h.getBoundingClientRect().top));
    return titles.length === 2 && titles.every((top) => top >= bar!.y + bar!.height);
  }).toBe(true);
  expect(await dataValue(page, 'readout-loss')).toBeLessThanOrEqual(1.5 * chance);
  await beat(page);
  await expect(page.getByTestId('status-diverged')).toHaveCount(0);
  await expect.poll(() => dataValue(page, 'readout-loss'), { timeout: 20_000 }).toBeLessThan(0.7 * chance);
  await expect(page.getByTestId('status-diverged')).toHaveCount(0);
});

test('lstm: the selected unit’s cell state carries the clue to the blank, one way for morning, the other for evening', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, 'lstm');
  await fastest(page);
  await beat(page);
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(500);
  await page.getByTestId('control-play').click();
  const morning = await equation(page, 'c');
  expect(morning).toBeLessThan(-3);
  expect(await equation(page, 'f')).toBeGreaterThan(0.9); // the forget gate keeps the cell
  await beat(page); // an evening message
  await expect.poll(() => equation(page, 'c')).toBeGreaterThan(3);
});

test('highway: before training the LSTM’s gradient reaches all 40 steps back, the RNN’s and the GRU’s fade within about 8', async ({ page }) => {
  await open(page, 'highway');
  const reach = () => dataValue(page, 'readout-gradient-reach');
  await beat(page); // the RNN's flow
  await expect.poll(reach).toBeLessThanOrEqual(10);
  await beat(page); // the LSTM's
  await expect.poll(reach).toBeGreaterThanOrEqual(35);
  await beat(page); // the GRU's
  await expect.poll(reach).toBeLessThanOrEqual(12);
  expect(await stepCount(page)).toBe(0);
  // one loss step: no one-row matrix squeezed into the panel, a sentence saying the curve is that row
  await expect(page.getByTestId('flow-one-loss')).toBeVisible();
  await expect(page.getByTestId('flow-matrix')).toBeHidden();
  // the memory panel shows the model whose flow is shown
  await expect(page.getByTestId('panel-cell-state').getByRole('button', { name: 'GRU' })).toHaveAttribute('aria-pressed', 'true');
});

test('gru: the selected unit keeps its update gate near 1 through the distractors once the task is learned', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, 'gru');
  await fastest(page);
  await beat(page);
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(600);
  await page.getByTestId('control-play').click();
  expect(await equation(page, 'z')).toBeGreaterThan(0.9);
});

test('race: the gated cells answer ≥ 95 % right over their recent batches while the RNN stays ≤ 50 %; chance is one in four', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, 'race');
  const chance = await dataValue(page, 'readout-chance');
  expect(chance).toBeCloseTo(Math.log(4), 6);
  await expect(page.locator('.lesson-text').first()).toContainText('25 %');
  await fastest(page);
  await beat(page);
  const accuracy = (cell: string) => dataValue(page, `readout-accuracy-${cell}`);
  await expect.poll(async () => Math.min(await accuracy('lstm'), await accuracy('gru')), { timeout: 90_000 })
    .toBeGreaterThanOrEqual(0.95);
  expect(await accuracy('rnn')).toBeLessThanOrEqual(0.5);
  // steady: over the next second the gated cells stay above 90 % (one example flipping moves it by 1/50 at most)
  for (let k = 0; k < 4; k++) {
    await page.waitForTimeout(250);
    expect(await accuracy('gru')).toBeGreaterThan(0.9);
  }
});
