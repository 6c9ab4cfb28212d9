// A producer's ratePerSec is what the scenario or the form asked for, over any stretch of time: record k
// of a chain is due at floor(k × 1000 / rate) ms. A whole-millisecond interval drifted (600/s ran at
// 500/s, 300/s at 333/s) and capped every producer at 1,000 records/s, below what the schema accepts.
import { describe, expect, it } from 'vitest';
import { cluster } from '../testing/harness';
import type { SimState } from '../types';

function producing(ratePerSec: number, lingerMs?: number) {
  // A short network, so that the cluster keeps up with 10,000 records/s and nothing queues up.
  return cluster(3)
    .config({ networkLatencyMs: 2 })
    .topic('t', 1, 3)
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec,
      keys: { kind: 'cycle', keys: ['k'] },
      ...(lingerMs === undefined ? {} : { config: { 'linger.ms': lingerMs } }),
    })
    .build();
}

const produced = (sim: ReturnType<typeof producing>) =>
  (sim.peekState() as SimState).producers['p']!.produced;

/** Records of a chain at `rate` due within its first `ms` milliseconds, both ends included. */
function dueWithin(rate: number, ms: number): number {
  let due = 0;
  while (Math.floor((due * 1000) / rate) <= ms) due++;
  return due;
}

describe('producer rate (ratePerSec)', () => {
  for (const rate of [3, 7, 300, 600, 2_500, 10_000]) {
    it(`produces ${rate} records/s exactly, whatever the rate`, () => {
      const sim = producing(rate);
      for (const t of [999, 1_000, 2_345, 3_000]) {
        sim.advanceTo(t);
        expect(produced(sim), `rate ${rate} at ${t} ms`).toBe(dueWithin(rate, t));
        // The rate itself, as a teacher reads it: within one record of rate × seconds (ms 0 … t is t + 1 ms).
        expect(Math.abs(produced(sim) - (rate * (t + 1)) / 1000)).toBeLessThanOrEqual(1);
      }
    });
  }

  it('sends the records due in the same millisecond together, as one batch (RecordAccumulator)', () => {
    // linger.ms=0: the batch leaves on the Sender's first pass, after the application's appends at 0 ms.
    const sim = producing(5_000, 0);
    // At 0 ms, records 0-4 are due: the application appended five before the Sender drained.
    const inFlight = (sim.peekState() as SimState).producers['p']!.inFlight;
    expect(inFlight).toHaveLength(1);
    expect(inFlight[0]!.records).toHaveLength(5);
  });

  it('starts a new exact schedule when the rate changes', () => {
    const sim = producing(600);
    sim.advanceTo(2_000);
    const before = produced(sim);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 1_500 });
    sim.advanceTo(4_000);
    // The new chain starts at 2,000 ms with its own record 0: 1,500/s for 2 s, both ends included.
    expect(produced(sim) - before).toBe(dueWithin(1_500, 2_000));
  });
});
