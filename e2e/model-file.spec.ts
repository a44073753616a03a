import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { createModel } from '../src/engine/model';
import { parseModelText, serializeModel } from '../src/engine/pytorch';
import { loss, singleSteps, stepCount, waitForFirstSnapshot, watchErrors } from './helpers';

/** Downloads the current model through the panel; returns the file name and text. */
async function download(page: Page): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('control-download-model').click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

async function upload(page: Page, name: string, json: unknown): Promise<void> {
  await page.getByTestId('model-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
}

const status = (page: Page) => page.getByTestId('model-file-status');
/** A character LSTM (the shipped checkpoint has 128 units: loading it sets the size). */
const CHAR_LSTM = './?task=charlm&cell=lstm&hidden=64';

test('download, load a PyTorch-layout file, reject a wrong shape keeping the model', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(CHAR_LSTM);
  await waitForFirstSnapshot(page);
  await expect(page.getByTestId('panel-model-file')).toBeVisible();

  const first = await download(page);
  expect(first.name).toBe('unrolled-lstm-charlm-step0.json');
  const current = parseModelText(first.text);
  expect(current.config).toMatchObject({ cell: 'lstm', hiddenSize: 64 });
  const vocab = current.vocab!;

  // a GRU with 16 units over the same vocabulary, written as PyTorch would
  const V = vocab.length;
  const gru = serializeModel(createModel({ cell: 'gru', inputSize: V, hiddenSize: 16, outputSize: V, seed: 3 }), vocab);
  await upload(page, 'my "gru" <b>model</b>.json', gru);
  await expect(status(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(status(page)).toContainText('my "gru" <b>model</b>.json');
  await expect(page.getByTestId('control-cell')).toHaveValue('gru');
  await expect(page.getByTestId('control-hidden')).toHaveValue('16');
  await expect.poll(() => loss(page)).toBeGreaterThan(0);
  await expect.poll(() => stepCount(page)).toBe(0);

  await singleSteps(page, 2);
  const bad = structuredClone(gru) as { state_dict: Record<string, number[][]> };
  bad.state_dict['rnn.weight_hh_l0']!.pop();
  await upload(page, 'bad.json', bad);
  await expect(status(page)).toHaveAttribute('data-kind', 'rejected');
  await expect(status(page)).toContainText('rnn.weight_hh_l0');
  await expect(status(page)).toContainText('[47][16]');
  expect(await stepCount(page)).toBe(2);
  await expect(page.getByTestId('control-cell')).toHaveValue('gru');

  const again = await download(page);
  expect(again.name).toBe('unrolled-gru-charlm-step2.json');
  expect(parseModelText(again.text).config).toMatchObject({ cell: 'gru', hiddenSize: 16 });
  expect(errors).toEqual([]);
});

test('skip ahead to a trained network: the loss is low right after loading', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(CHAR_LSTM);
  await waitForFirstSnapshot(page);
  await page.getByTestId('control-pretrained').click();
  await expect(status(page)).toHaveAttribute('data-kind', 'accepted');
  // chance on the English text is ln 65 ≈ 4.17 nats per character; the shipped LSTM is near 1.0 on
  // 25-character pieces (0.65 on the 100-character pieces it was trained on)
  await expect.poll(() => loss(page)).toBeLessThan(1.5);
  await expect(page.getByTestId('control-hidden')).toHaveValue('128');
  // the step count is the checkpoint's: a trained network does not read as untrained
  expect(await stepCount(page)).toBe(4000);
  expect(errors).toEqual([]);
});

test('compare mode: the download saves the chosen model', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?compare=1');
  await waitForFirstSnapshot(page);
  const which = page.getByTestId('control-download-which');
  await expect(which.locator('option')).toHaveCount(3);
  const first = await download(page);
  expect(first.name).toMatch(/^unrolled-rnn-/);
  await which.selectOption({ index: 2 });
  const gru = await download(page);
  expect(gru.name).toMatch(/^unrolled-gru-/);
  expect(parseModelText(gru.text).config).toMatchObject({ cell: 'gru' });
  // one model: no choice to make
  await page.goto('./');
  await waitForFirstSnapshot(page);
  await expect(page.getByTestId('control-download-which')).toHaveCount(0);
  expect(errors).toEqual([]);
});
