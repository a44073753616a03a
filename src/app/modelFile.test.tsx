// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createModel, parseModelText, serializeModel } from '../engine';
import { createTask } from '../engine/tasks';
import { connectWorker, handleWorkerEvent, resetStore, useStore } from '../store';
import { downloadModel, loadPretrained, useModelFile } from '../store/modelFile';
import { createWorkerHost } from '../worker/host';
import type { WorkerEvent } from '../worker/protocol';
import { ModelFilePanel } from '../panels/ModelFilePanel';

let disconnect = () => {};

beforeEach(() => {
  disconnect();
  resetStore();
  // a character LSTM (the shipped checkpoint has 128 units: loading it sets the size)
  useStore.setState({ config: { ...useStore.getState().config, task: 'charlm', cell: 'lstm', hidden: 64, lr: 0.005, batch: 1, clip: 25 } });
  useModelFile.setState(useModelFile.getInitialState(), true);
  // the real worker host, in process: events go straight to the store, snapshots are acknowledged
  let host: ReturnType<typeof createWorkerHost> | null = null;
  const post = (e: WorkerEvent) => {
    handleWorkerEvent(e);
    if (e.type === 'snapshot') setTimeout(() => host?.handle({ type: 'ack' }), 0);
  };
  host = createWorkerHost(post, { soon: (f) => void setTimeout(f, 0) });
  disconnect = connectWorker({ send: (c) => host!.handle(c), terminate: () => { host = null; } });
});

afterEach(() => vi.unstubAllGlobals());

const charVocab = () => createTask('charlm', { lag: 8, corpus: 'en' }).vocab;
const step = () => useStore.getState().snapshot?.models[0]?.step;

function upload(text: string, name: string): void {
  fireEvent.change(screen.getByTestId('model-file-input'), { target: { files: [new File([text], name, { type: 'application/json' })] } });
}

describe('model file panel', () => {
  it('loads a valid file, says so with the file name as text, and the run takes its sizes', async () => {
    const V = charVocab().length;
    const model = createModel({ cell: 'gru', inputSize: V, hiddenSize: 12, outputSize: V, seed: 4 });
    render(<ModelFilePanel />);
    await waitFor(() => expect(step()).toBe(0));
    upload(JSON.stringify(serializeModel(model, charVocab())), '<img src=x onerror=alert(1)>.json');
    await waitFor(() => expect(screen.getByTestId('model-file-status').dataset.kind).toBe('accepted'));
    expect(screen.getByTestId('model-file-status').textContent).toContain('<img src=x onerror=alert(1)>.json');
    expect(document.querySelector('img')).toBeNull();
    expect(useStore.getState().config).toMatchObject({ cell: 'gru', hidden: 12 });
    await waitFor(() => expect(useStore.getState().snapshot?.models[0]?.hidden).toBe(12));
  });

  it('rejects a wrong shape naming the key, and keeps the model', async () => {
    render(<ModelFilePanel />);
    await waitFor(() => expect(step()).toBe(0));
    const V = charVocab().length;
    const json = serializeModel(createModel({ cell: 'lstm', inputSize: V, hiddenSize: 8, outputSize: V }), charVocab()) as
      { state_dict: Record<string, number[][]> };
    json.state_dict['rnn.weight_hh_l0']!.pop();
    const before = useStore.getState().config;
    upload(JSON.stringify(json), 'bad.json');
    await waitFor(() => expect(screen.getByTestId('model-file-status').dataset.kind).toBe('rejected'));
    const text = screen.getByTestId('model-file-status').textContent!;
    expect(text).toContain('rnn.weight_hh_l0');
    expect(text).toContain('[31][8]');
    expect(useStore.getState().config).toEqual(before);
    upload('{"state_dict": [', 'broken.json');
    await waitFor(() => expect(screen.getByTestId('model-file-status').dataset.code).toBe('import.error.json'));
  });

  it('downloads the current weights as a file the reader accepts', async () => {
    await waitFor(() => expect(step()).toBe(0));
    const d = await downloadModel();
    expect(d.fileName).toBe('unrolled-lstm-charlm-step0.json');
    const back = parseModelText(d.json);
    expect(back.config).toMatchObject({ cell: 'lstm', hiddenSize: 64 });
    expect(back.vocab).toEqual(charVocab());
  });

  it('skips ahead to the shipped network: the loss is low right away', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      const name = /checkpoints\/([\w-]+\.json)$/.exec(url)![1]!;
      return new Response(readFileSync(`public/checkpoints/${name}`, 'utf8'));
    }));
    render(<ModelFilePanel />);
    await waitFor(() => expect(step()).toBe(0));
    const chance = Math.log(charVocab().length);
    await loadPretrained('http://localhost/courses/rnn/');
    await waitFor(() => expect(useModelFile.getState().kind).toBe('accepted'));
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe('http://localhost/courses/rnn/checkpoints/charlm-lstm.json');
    await waitFor(() => expect(useStore.getState().snapshot?.models[0]?.loss).toBeLessThan(chance / 2));
    // the step count is the checkpoint's own: the trained network does not read as untrained
    const written = (JSON.parse(readFileSync('public/checkpoints/charlm-lstm.json', 'utf8')) as { step: number }).step;
    expect(written).toBeGreaterThan(0);
    await waitFor(() => expect(step()).toBe(written));
  });
});
