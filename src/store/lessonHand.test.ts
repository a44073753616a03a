import { beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../worker/protocol';
import { connectWorker } from './bridge';
import { CHAPTERS, HAND_TURNS } from './lessonChapters';
import { resetStore, useStore } from './store';

let sent: Command[] = [];
beforeEach(() => {
  resetStore();
  sent = [];
  connectWorker({ send: (c) => sent.push(c), terminate: () => undefined });
});

describe('the vanishing chapter sets W_hh by hand', () => {
  it('after the σ_max beats: one active ReLU unit, then W_hh 0.5 and 1.5 through set-weight', () => {
    const beats = CHAPTERS.find((c) => c.id === 'vanishing')!.beats;
    expect(beats.slice(-2).map((b) => b.label)).toEqual(['lesson.vanishing.try.handSmall', 'lesson.vanishing.try.handLarge']);
    sent = [];
    beats[beats.length - 2]!.run();
    expect(useStore.getState().config).toMatchObject({ hidden: 1, nonlinearity: 'relu' });
    const types = sent.map((c) => c.type);
    // the new model first, then the edits on it
    expect(types.indexOf('set-config')).toBeLessThan(types.indexOf('set-weight'));
    expect(types.indexOf('reset')).toBeLessThan(types.indexOf('set-weight'));
    const edits = () => sent.filter((c): c is Extract<Command, { type: 'set-weight' }> => c.type === 'set-weight')
      .map((c) => [c.key, c.row, c.col, c.value]);
    expect(edits()).toEqual([['rnn.bias_ih_l0', 0, 0, 1], ['rnn.weight_hh_l0', 0, 0, HAND_TURNS[0]]]);
    sent = [];
    beats[beats.length - 1]!.run();
    expect(edits()).toEqual([['rnn.bias_ih_l0', 0, 0, 1], ['rnn.weight_hh_l0', 0, 0, HAND_TURNS[1]]]);
    expect(sent.some((c) => c.type === 'set-config' || c.type === 'reset')).toBe(false);
  });
});
