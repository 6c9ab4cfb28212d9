// The Sender's bookkeeping: queuedPerPartition (and its bytes, which end linger.ms for a full batch) lets a drain stop once every partition with queued records
// is blocked, so it must always equal a recount of the queue, through retries, expiries and epoch bumps.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import { chaosSetup, faultSchedule, type ChaosOptions } from '../testing/chaos';
import type { ProducerState, SimState } from '../types';
import { recordSizeBytes } from '../cluster/produce';

function recount(p: ProducerState): number[] {
  const counts: number[] = [];
  for (const q of p.queue) counts[q.partition] = (counts[q.partition] ?? 0) + 1;
  return counts;
}

function recountBytes(p: ProducerState): number[] {
  const bytes: number[] = [];
  for (const q of p.queue) bytes[q.partition] = (bytes[q.partition] ?? 0) + recordSizeBytes(q.key, q.value);
  return bytes;
}

const same = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
};

describe('Sender bookkeeping', () => {
  const runs: [number, ChaosOptions][] = [];
  for (let seed = 1; seed <= 8; seed++)
    runs.push([
      seed,
      {
        acks: seed % 2 === 0 ? 'all' : 1,
        unclean: seed % 3 === 0,
        idempotence: seed % 4 !== 1,
        durationMs: 20_000,
        faults: 8,
      },
    ]);

  it.each(runs)('counts queued records per partition exactly, through faults (seed %i)', (seed, o) => {
    const sim = Simulation.create(chaosSetup(o), seed);
    const log = faultSchedule(seed, o);
    let next = 0;
    for (let t = 0; t <= 25_000; t += 50) {
      while (next < log.length && log[next]!.atMs <= t) {
        sim.advanceTo(log[next]!.atMs);
        sim.dispatch(log[next++]!.command);
      }
      sim.advanceTo(t);
      const p = (sim.peekState() as SimState).producers['p']!;
      const counted = p.queuedPerPartition;
      if (!same(counted, recount(p)))
        throw new Error(
          `seed ${seed} at ${t} ms: counted ${JSON.stringify(counted)}, queue holds ${JSON.stringify(recount(p))}`,
        );
      if (!same(p.queuedBytesPerPartition, recountBytes(p)))
        throw new Error(
          `seed ${seed} at ${t} ms: counted ${JSON.stringify(p.queuedBytesPerPartition)} bytes, queue holds ${JSON.stringify(recountBytes(p))}`,
        );
    }
    expect(sim.view().audit.acknowledged).toBeGreaterThan(0);
  });
});
