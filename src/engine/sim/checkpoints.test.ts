// The checkpoint policy: dense enough where a run is busy, used for seeks in both directions, and
// forgotten for the discarded future when a command forks the run.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import { cluster } from '../testing/harness';
import { CHECKPOINT_EVERY_SCHEDULES, CheckpointList } from './checkpoints';
import { createState } from './createState';
import { advanceTo } from './step';

const busy = cluster(3)
  .config({ networkLatencyMs: 2 })
  .topic('t', 3, 3, { config: { 'min.insync.replicas': 2 } })
  .producer({ id: 'p', topic: 't', ratePerSec: 1_000, keys: { kind: 'random', keys: ['a', 'b', 'c'] } })
  .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] }).definition;

describe('checkpoint list', () => {
  it('takes one when enough has happened, long before the interval is up', () => {
    const state = createState(busy, 1);
    const list = new CheckpointList(60_000);
    list.take(state, 0);
    for (let t = 100; t <= 20_000; t += 100) {
      advanceTo(state, t);
      if (list.due(state)) list.take(state, 0);
    }
    expect(state.seq).toBeGreaterThan(2 * CHECKPOINT_EVERY_SCHEDULES);
    expect(list.size).toBeGreaterThan(2);
    expect(list.nearest(19_999).atMs).toBeLessThanOrEqual(19_999);
    expect(list.nearest(0).atMs).toBe(0);
  });

  it('goes by time alone when told to', () => {
    const state = createState(busy, 1);
    const list = new CheckpointList(4_000, Number.POSITIVE_INFINITY);
    list.take(state, 0);
    for (let t = 100; t <= 10_000; t += 100) {
      advanceTo(state, t);
      if (list.due(state)) list.take(state, 0);
    }
    expect(list.size).toBe(3);
    expect(list.nearest(9_000).atMs).toBe(8_000);
  });
});

describe('seeking', () => {
  it('forwards over a stretch seen before restores a checkpoint and lands on the same state', () => {
    const sim = Simulation.create(busy, 2, { checkpointIntervalMs: 1_000 });
    sim.advanceTo(8_000);
    const end = sim.hash();
    sim.seek(1_500);
    sim.seek(8_000);
    expect(sim.hash()).toBe(end);
  });

  it('forgets the old future when a command is given after seeking back, even with no command ahead', () => {
    const setup = cluster(3)
      .topic('t', 1, 3)
      .producer({ id: 'p', topic: 't', ratePerSec: 50, keys: { kind: 'null' } }).definition;
    const sim = Simulation.create(setup, 3, { checkpointIntervalMs: 1_000 });
    sim.advanceTo(10_000);
    sim.seek(4_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(7_000);
    const forked = sim.hash();
    // The checkpoints at 5 s and 6 s from before the fork must not be restored.
    sim.seek(6_500);
    sim.seek(7_000);
    expect(sim.hash()).toBe(forked);
    expect(Simulation.replay(setup, 3, sim.commandLog(), 7_000).hash()).toBe(forked);
  });
});

describe('checkpoint budget', () => {
  // Retention deletes records every second, so each checkpoint keeps records the live state has dropped.
  const retained = cluster(3)
    .config({ networkLatencyMs: 2, logRetentionCheckIntervalMs: 1_000 })
    .topic('t', 2, 3, { config: { 'min.insync.replicas': 2, 'retention.ms': 2_000 } })
    .producer({ id: 'p', topic: 't', ratePerSec: 200, keys: { kind: 'random', keys: ['a', 'b', 'c'] } })
    .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] }).definition;
  const budget = { checkpointIntervalMs: 500, checkpointBudgetBytes: 600_000 };

  it('thins older checkpoints to stay within the budget, keeping the first and the recent ones', () => {
    const sim = Simulation.create(retained, 4, budget);
    sim.advanceTo(30_000);
    const unbounded = Simulation.create(retained, 4, { checkpointIntervalMs: 500 });
    unbounded.advanceTo(30_000);
    const { times, heldBytes } = sim.checkpointStats();
    // Sixty-one checkpoints of ~32 kB skeletons and the encodings of ~6,000 records.
    expect(unbounded.checkpointStats().heldBytes).toBeGreaterThan(61 * 32_000);
    expect(heldBytes).toBeLessThanOrEqual(600_000);
    expect(times[0]).toBe(0);
    expect(times.length).toBeLessThan(unbounded.checkpointStats().times.length / 2);
    // Dense at the end (every 500 ms), sparse before.
    expect(times.slice(-4)).toEqual([28_500, 29_000, 29_500, 30_000]);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeGreaterThan(1_000);
  });

  it.each([1_234, 7_777, 15_003, 22_222, 29_750])(
    'a seek to %i ms, into thinned or dense history, lands on the state of a straight run',
    (target) => {
      const sim = Simulation.create(retained, 5, budget);
      sim.advanceTo(30_000);
      sim.seek(target);
      const straight = Simulation.create(retained, 5, {
        checkpointIntervalMs: Number.POSITIVE_INFINITY,
        checkpointEverySchedules: Number.POSITIVE_INFINITY,
      });
      straight.advanceTo(target);
      expect(sim.nowMs).toBe(target);
      expect(sim.hash(), `seek to ${target}`).toBe(straight.hash());
      // And on to the end again, through the thinned stretch.
      sim.advanceTo(30_000);
      straight.advanceTo(30_000);
      expect(sim.hash()).toBe(straight.hash());
    },
  );
});
