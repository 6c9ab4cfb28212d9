// The classic group protocol against Kafka's documented behaviour (kafka-reference.md §2.5, §4.1, §4.2).
import { describe, expect, it } from 'vitest';
import type { ConsumerConfig } from './types';
import { cluster } from '../testing/harness';

function groupCluster(config: Partial<ConsumerConfig> = {}, consumers = ['c1'], partitions = 3) {
  return cluster(3)
    .topic('t', partitions, 3, { config: { 'min.insync.replicas': 2 } })
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec: 20,
      keys: { kind: 'random', keys: ['a', 'b', 'c', 'd', 'e', 'f'] },
    })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'session.timeout.ms': 10_000, ...config },
      consumers: consumers.map((id) => ({ id })),
    })
    .build();
}

const group = (sim: ReturnType<typeof groupCluster>) => sim.view().groups[0]!;
const assigned = (sim: ReturnType<typeof groupCluster>, id: string) =>
  group(sim).members.find((m) => m.id === id)!.assigned;

describe('classic group states and generations', () => {
  it('waits group.initial.rebalance.delay.ms before the first generation, then becomes Stable', () => {
    const sim = groupCluster();
    sim.advanceTo(1_000);
    expect(group(sim).state).toBe('PreparingRebalance');
    expect(group(sim).generation).toBe(0);
    sim.advanceTo(5_000);
    expect(group(sim).state).toBe('Stable');
    expect(group(sim).generation).toBe(1);
    expect(group(sim).assignor).toBe('range');
    expect(assigned(sim, 'c1')).toEqual(['t-0', 't-1', 't-2']);
  });

  it('uses range and eager rebalancing with the default partition.assignment.strategy [range, cooperative-sticky]', () => {
    const sim = groupCluster();
    sim.advanceTo(6_000);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c2' });
    // Eager: c1 hears of the rebalance at its next heartbeat and gives up everything before rejoining,
    // so for a while nobody reads (stop-the-world).
    let stoppedTheWorld = false;
    for (let t = 6_100; t <= 15_000; t += 100) {
      sim.advanceTo(t);
      const g = group(sim);
      if (g.rebalancing && g.members.every((m) => m.assigned.length === 0)) stoppedTheWorld = true;
    }
    expect(stoppedTheWorld).toBe(true);
    const g = group(sim);
    expect(g.state).toBe('Stable');
    expect(g.generation).toBe(2);
    // RangeAssignor: members sorted by member id; c1-… < c2-…; 3 partitions over 2 → [0,1] and [2].
    expect(assigned(sim, 'c1')).toEqual(['t-0', 't-1']);
    expect(assigned(sim, 'c2')).toEqual(['t-2']);
  });

  it('leaves extra members idle when there are more consumers than partitions', () => {
    const sim = groupCluster({}, ['c1', 'c2', 'c3', 'c4'], 3);
    sim.advanceTo(10_000);
    const g = group(sim);
    expect(g.state).toBe('Stable');
    expect(g.members.filter((m) => m.assigned.length === 0)).toHaveLength(1);
    expect(g.members.flatMap((m) => m.assigned).sort()).toEqual(['t-0', 't-1', 't-2']);
  });
});

describe('cooperative rebalancing (KIP-429)', () => {
  it('keeps reading the partitions that stay, releases only the one that moves, and hands it over in a follow-up rebalance', () => {
    const sim = groupCluster({ 'partition.assignment.strategy': ['cooperative-sticky'] }, ['c1'], 4);
    sim.advanceTo(6_000);
    expect(assigned(sim, 'c1')).toHaveLength(4);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c2' });
    const generation = group(sim).generation;
    let minOwned = 4;
    for (let t = 6_100; t <= 15_000; t += 100) {
      sim.advanceTo(t);
      minOwned = Math.min(minOwned, assigned(sim, 'c1').length);
    }
    // c1 never dropped below the two partitions it keeps: no stop-the-world.
    expect(minOwned).toBe(2);
    const g = group(sim);
    expect(g.state).toBe('Stable');
    expect(g.assignor).toBe('cooperative-sticky');
    expect(g.generation).toBe(generation + 2);
    expect(assigned(sim, 'c1')).toHaveLength(2);
    expect(assigned(sim, 'c2')).toHaveLength(2);
  });
});

describe('failures', () => {
  it('removes a crashed member after session.timeout.ms and redelivers what it processed after its last commit', () => {
    const sim = groupCluster({ 'auto.commit.interval.ms': 5_000 }, ['c1', 'c2']);
    sim.advanceTo(12_000);
    expect(group(sim).state).toBe('Stable');
    const c2Partitions = assigned(sim, 'c2');
    expect(c2Partitions.length).toBeGreaterThan(0);
    sim.advanceTo(14_000);
    sim.dispatch({ type: 'crashConsumer', consumerId: 'c2' });
    sim.advanceTo(20_000);
    expect(group(sim).state).toBe('Stable'); // not noticed yet: the session has not expired
    const events = sim.advanceTo(40_000);
    expect(
      events.some((e) => e.type === 'memberRemoved' && e.text.includes('session.timeout.ms (10000 ms)')),
    ).toBe(true);
    const g = group(sim);
    expect(g.state).toBe('Stable');
    expect(assigned(sim, 'c1').sort()).toEqual(['t-0', 't-1', 't-2']);
    expect(g.redelivered).toBeGreaterThan(0);
    expect(g.skipped).toBe(0);
  });

  it('a member that exceeds max.poll.interval.ms leaves the group and the others take its partitions', () => {
    const sim = groupCluster({ 'max.poll.interval.ms': 5_000 }, ['c1', 'c2']);
    sim.advanceTo(12_000);
    sim.dispatch({ type: 'slowConsumer', consumerId: 'c2', processingTimeMs: 2_000 });
    const events = sim.advanceTo(40_000);
    expect(events.some((e) => e.type === 'pollTimeout' && e.text.startsWith('Consumer c2'))).toBe(true);
    expect(
      events.some((e) => e.type === 'memberRemoved' && e.text.includes('consumer poll timeout has expired')),
    ).toBe(true);
  });

  it('keeps a static member’s partitions across a restart within session.timeout.ms, without a rebalance', () => {
    const sim = cluster(3)
      .topic('t', 3, 3)
      .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'random', keys: ['a', 'b', 'c'] } })
      .group({
        groupId: 'g',
        topic: 't',
        autoOffsetReset: 'earliest',
        config: { 'session.timeout.ms': 30_000 },
        consumers: [
          { id: 's1', groupInstanceId: 'inst-1' },
          { id: 's2', groupInstanceId: 'inst-2' },
        ],
      })
      .build();
    sim.advanceTo(10_000);
    const before = group(sim);
    const s1 = before.members.find((m) => m.id === 's1')!.assigned;
    sim.dispatch({ type: 'removeConsumer', consumerId: 's1' });
    sim.advanceTo(15_000);
    sim.dispatch({ type: 'restartConsumer', consumerId: 's1' });
    sim.advanceTo(25_000);
    const after = group(sim);
    expect(after.generation).toBe(before.generation);
    expect(after.state).toBe('Stable');
    expect(after.members.find((m) => m.id === 's1')!.assigned).toEqual(s1);
  });
});

describe('offsets', () => {
  it('gives every group every record: two groups on one topic read independently', () => {
    const sim = cluster(3)
      .topic('t', 3, 3)
      .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'random', keys: ['a', 'b', 'c'] } })
      .group({
        groupId: 'billing',
        topic: 't',
        autoOffsetReset: 'earliest',
        consumers: [{ id: 'b1' }, { id: 'b2' }],
      })
      .group({ groupId: 'audit', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'a1' }] })
      .build();
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 20 });
    sim.advanceTo(10_000);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 });
    sim.advanceTo(25_000);
    const [billing, audit] = sim.view().groups;
    const committedTotal = sim.view().audit.committed;
    const read = (g: typeof billing) => g!.members.reduce((n, m) => n + m.consumed, 0);
    expect(read(billing)).toBe(committedTotal);
    expect(read(audit)).toBe(committedTotal);
    expect(billing!.totalLag).toBe(0);
    expect(audit!.totalLag).toBe(0);
  });

  it('refuses to reset offsets of an active group, in kafka-consumer-groups’ words, and replays once it is inactive', () => {
    const sim = groupCluster();
    sim.advanceTo(10_000);
    const refused = sim.dispatch({ type: 'resetOffsets', groupId: 'g', to: 'earliest' }).result;
    expect(!refused.ok && refused.error).toBe(
      "Error: Assignments can only be reset if the group 'g' is inactive, but the current state is Stable.",
    );
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.advanceTo(12_000);
    expect(group(sim).state).toBe('Empty');
    expect(sim.dispatch({ type: 'resetOffsets', groupId: 'g', to: 'earliest' }).result.ok).toBe(true);
    expect(group(sim).partitions.every((p) => p.committed === 0)).toBe(true);
    const before = group(sim).members[0]!.consumed;
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    sim.advanceTo(30_000);
    expect(group(sim).members[0]!.consumed).toBeGreaterThan(before + 150);
  });

  it('starts from the high watermark with auto.offset.reset=latest (the default)', () => {
    const sim = cluster(3)
      .topic('t', 1, 3)
      .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'cycle', keys: ['a'] } })
      .build();
    sim.advanceTo(5_000);
    sim.dispatch({ type: 'addGroup', group: { groupId: 'late', topic: 't', consumers: [{ id: 'l1' }] } });
    const hwAtJoin = sim.view().partitions[0]!.highWatermark;
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 });
    sim.advanceTo(15_000);
    const hw = sim.view().partitions[0]!.highWatermark;
    const consumed = sim.view().groups[0]!.members[0]!.consumed;
    expect(consumed).toBeLessThan(hw - hwAtJoin + 10);
    expect(consumed).toBeLessThan(hwAtJoin);
  });
});

describe('regressions', () => {
  it('(regression) with seed 1001: a member waiting at the join barrier is kept alive past session.timeout.ms', () => {
    // session.timeout.ms equal to group.initial.rebalance.delay.ms once expired the only member mid-join.
    const sim = cluster(3)
      .topic('t', 2, 3)
      .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'cycle', keys: ['a', 'b'] } })
      .group({
        groupId: 'g',
        topic: 't',
        autoOffsetReset: 'earliest',
        config: { 'session.timeout.ms': 3_000, 'heartbeat.interval.ms': 1_000 },
        consumers: [{ id: 'c1' }],
      })
      .build();
    sim.advanceTo(10_000);
    const g = sim.view().groups[0]!;
    expect(g.state).toBe('Stable');
    expect(g.members[0]!.consumed).toBeGreaterThan(0);
  });
});
