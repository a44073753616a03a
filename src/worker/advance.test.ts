// A step spread over many slices of work gives the same numbers as the step in one piece, so the
// worker can answer commands between two sequences of a long step, or between two pieces of one sequence.
import { describe, expect, it } from 'vitest';
import type { TrainConfig } from './protocol';
import { SMALL } from './test-config';
import { createTrainer } from './trainer';

const inspect = { kind: 'example', index: 0 } as const;

/** A trainer whose clock moves 1 ms at every reading: each advance() call gets about one sequence done. */
function slowClock(config: TrainConfig) {
  let t = 0;
  const trainer = createTrainer(config, inspect, { now: () => t++ });
  return { trainer, now: () => t };
}

describe('trainer.advance', () => {
  for (const config of [{ ...SMALL, batch: 4 }, { ...SMALL, batch: 3, compare: true, hidden: 5 }] as TrainConfig[]) {
    it(`spreads a step over slices with the same result${config.compare ? ' (compare mode)' : ''}`, () => {
      const whole = createTrainer(config, inspect);
      whole.step(3);
      const { trainer, now } = slowClock(config);
      let calls = 0;
      let partial = 0;
      let steps = 0;
      while (steps < 3) {
        const r = trainer.advance(now() + 1);
        calls++;
        if (r.steps === 0) partial++;
        steps += r.steps;
        expect(calls).toBeLessThan(1000);
      }
      expect(partial).toBeGreaterThan(0); // steps were really cut into pieces
      trainer.lanes.forEach((lane, k) => {
        expect(lane.step).toBe(3);
        expect(Array.from(lane.model.params)).toEqual(Array.from(whole.lanes[k]!.model.params));
      });
    });
  }

  it('stops inside a sequence too (a piece of a layer at a time), with the same result', () => {
    // one sequence of H 64, 2 layers, T 60 is a few times PIECE_MACS: each advance() does one piece
    const config = { ...SMALL, hidden: 64, layers: 2, seqLength: 60, batch: 2 };
    const whole = createTrainer(config, inspect);
    whole.step(2);
    const { trainer, now } = slowClock(config);
    let calls = 0;
    for (let steps = 0; steps < 2; calls++) steps += trainer.advance(now() + 1).steps;
    expect(calls).toBeGreaterThan(3 * 2 * config.batch); // several pieces per sequence
    expect(trainer.lanes[0]!.step).toBe(2);
    expect(Array.from(trainer.lanes[0]!.model.params)).toEqual(Array.from(whole.lanes[0]!.model.params));
  });

  it('a change of the weights in the middle of a step sums that step again, on the same sequences', () => {
    const config = { ...SMALL, batch: 4 };
    const whole = createTrainer(config, inspect);
    whole.step(1);
    whole.rescaleRecurrent(0, 0.9, 'all');
    whole.step(1);
    const { trainer, now } = slowClock(config);
    trainer.step(1);
    expect(trainer.advance(now() + 1).steps).toBe(0); // half-way through step 2
    trainer.rescaleRecurrent(0, 0.9, 'all');
    trainer.step(1);
    expect(Array.from(trainer.lanes[0]!.model.params)).toEqual(Array.from(whole.lanes[0]!.model.params));
  });

  it('a reset drops the step under way', () => {
    const config = { ...SMALL, batch: 4 };
    const fresh = createTrainer(config, inspect);
    fresh.step(2);
    const { trainer, now } = slowClock(config);
    trainer.advance(now() + 1);
    trainer.reset();
    trainer.step(2);
    expect(Array.from(trainer.lanes[0]!.model.params)).toEqual(Array.from(fresh.lanes[0]!.model.params));
  });
});
