// The seek cache: points a seek's replay passed through in the thinned past, so that the next seeks
// nearby replay only a little. Like any checkpoint, a restore from it must equal a straight run.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import { cluster } from '../testing/harness';
import { createState } from './createState';
import { SeekCache } from './seekCache';
import { advanceTo } from './step';

// Retention deletes records every second, so the budget thins older checkpoints (as in checkpoints.test).
const retained = cluster(3)
  .config({ networkLatencyMs: 2, logRetentionCheckIntervalMs: 1_000 })
  .topic('t', 2, 3, { config: { 'min.insync.replicas': 2, 'retention.ms': 2_000 } })
  .producer({ id: 'p', topic: 't', ratePerSec: 200, keys: { kind: 'random', keys: ['a', 'b', 'c'] } })
  .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] }).definition;
const budget = { checkpointIntervalMs: 500, checkpointBudgetBytes: 600_000 };
const straightTo = (target: number, seed = 6) => {
  const sim = Simulation.create(retained, seed, {
    checkpointIntervalMs: Number.POSITIVE_INFINITY,
    checkpointEverySchedules: Number.POSITIVE_INFINITY,
  });
  sim.advanceTo(target);
  return sim;
};

describe('seek cache', () => {
  it('keeps points near an old seek target, so that scrubbing around it restores from close by', () => {
    const sim = Simulation.create(retained, 6, budget);
    sim.advanceTo(30_000);
    const { times } = sim.checkpointStats();
    sim.seek(12_000);
    const cached = sim.checkpointStats().cachedTimes;
    // The main list is sparse around 12 s; the cache now has points every 500 ms before it.
    const mainBefore = times.filter((t) => t <= 11_300).pop()!;
    expect(11_300 - mainBefore).toBeGreaterThan(1_000);
    expect(cached.filter((t) => t > mainBefore && t <= 11_300).length).toBeGreaterThan(0);
    for (const target of [11_300, 11_950, 12_400, 10_800]) {
      sim.seek(target);
      expect(sim.hash(), `scrub to ${target}`).toBe(straightTo(target).hash());
    }
  });

  it('forgets the points of a future that a command in the past discarded', () => {
    const sim = Simulation.create(retained, 6, budget);
    sim.advanceTo(30_000);
    sim.seek(12_000);
    sim.seek(11_000);
    sim.dispatch({ type: 'killBroker', brokerId: 2 });
    expect(sim.checkpointStats().cachedTimes.every((t) => t <= 11_000)).toBe(true);
    sim.advanceTo(13_000);
    const forked = sim.hash();
    sim.seek(11_700);
    sim.seek(13_000);
    expect(sim.hash()).toBe(forked);
    expect(Simulation.replay(retained, 6, sim.commandLog(), 13_000).hash()).toBe(forked);
  });

  it('stays within its budget, dropping the points furthest from where the user last seeked', () => {
    const state = createState(retained, 7);
    const cache = new SeekCache(4_000);
    const live = createState(retained, 7);
    advanceTo(live, 60_000);
    cache.nearest(10_000);
    for (let t = 1_000; t <= 20_000; t += 1_000) {
      advanceTo(state, t);
      cache.add(state, 0, live, 500);
    }
    const kept = cache.times();
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.length).toBeLessThan(10);
    expect(kept).toContain(10_000);
    // What is left is the stretch around the focus, not the newest or the oldest points.
    expect(Math.max(...kept.map((t) => Math.abs(t - 10_000)))).toBeLessThanOrEqual(kept.length * 1_000);
  });

  it('skips a point when one less than the spacing before it is kept already', () => {
    const state = createState(retained, 7);
    const live = createState(retained, 7);
    const cache = new SeekCache();
    advanceTo(state, 5_000);
    cache.add(state, 0, live, 1_000);
    advanceTo(state, 5_600);
    cache.add(state, 0, live, 1_000);
    advanceTo(state, 6_000);
    cache.add(state, 0, live, 1_000);
    expect(cache.times()).toEqual([5_000, 6_000]);
  });
});
