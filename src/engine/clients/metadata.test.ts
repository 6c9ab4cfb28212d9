// Clients see partitions added to a topic only at their next metadata refresh: every metadata.max.age.ms
// (300 000 ms by default; Metadata.timeToNextUpdate) or when something asks for one. Until then a producer
// hashes keys over the old count, and a classic group's leader does not rebalance for the new partitions
// (ConsumerCoordinator.rejoinNeededOrPending compares its metadata with its last assignment's snapshot).
import { describe, expect, it } from 'vitest';
import type { ProducerConfig, SimView } from '../index';
import { cluster } from '../testing/harness';

function grown(
  groupProtocol: 'classic' | 'consumer' = 'classic',
  producerConfig: Partial<ProducerConfig> = {},
) {
  const sim = cluster(3)
    .topic('t', 2, 3)
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec: 20,
      keys: { kind: 'cycle', keys: ['a', 'b', 'c', 'd', 'e', 'f'] },
      config: producerConfig,
    })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'group.protocol': groupProtocol },
      consumers: [{ id: 'c1' }, { id: 'c2' }],
    })
    .build();
  sim.advanceTo(20_000);
  sim.dispatch({ type: 'addPartitions', topic: 't', partitions: 4 });
  return sim;
}

const newPartitionsRecords = (v: SimView) =>
  v.partitions.filter((p) => p.partition >= 2).reduce((n, p) => n + p.logEndOffset, 0);

describe('metadata.max.age.ms', () => {
  it('a producer keeps hashing keys over the old partition count until its next refresh (5 minutes by default)', () => {
    const sim = grown();
    sim.advanceTo(290_000);
    expect(newPartitionsRecords(sim.view())).toBe(0);
    const events = sim.advanceTo(320_000);
    expect(newPartitionsRecords(sim.view())).toBeGreaterThan(0);
    expect(
      events.some((e) =>
        /^Producer p refreshed its metadata and sees topic t with 4 partitions/.test(e.text),
      ),
    ).toBe(true);
  });

  it('a classic group’s leader rebalances for the new partitions only once its own metadata shows them', () => {
    const sim = grown();
    const generation = sim.view().groups[0]!.generation;
    sim.advanceTo(290_000);
    expect(sim.view().groups[0]!.generation).toBe(generation);
    sim.advanceTo(330_000);
    const g = sim.view().groups[0]!;
    expect(g.generation).toBeGreaterThan(generation);
    expect(g.members.flatMap((m) => m.assigned).sort()).toEqual(['t-0', 't-1', 't-2', 't-3']);
  });

  it('a KIP-848 group gets them from the coordinator at its next heartbeat, long before the clients refresh', () => {
    const sim = grown('consumer');
    sim.advanceTo(30_000);
    expect(
      sim
        .view()
        .groups[0]!.members.flatMap((m) => m.assigned)
        .sort(),
    ).toEqual(['t-0', 't-1', 't-2', 't-3']);
  });

  it('a record sent to a partition the producer does not know yet makes it refresh, and goes', () => {
    const sim = grown();
    const { result } = sim.dispatch({ type: 'produce', producerId: 'p', key: 'x', value: 'v', partition: 3 });
    expect(result).toEqual({ ok: true });
    sim.advanceTo(25_000);
    expect(sim.view().partitions.find((p) => p.partition === 3)!.logEndOffset).toBeGreaterThan(0);
  });

  it('a shorter metadata.max.age.ms shortens the wait', () => {
    const sim = grown('classic', { 'metadata.max.age.ms': 5_000 });
    sim.advanceTo(26_000);
    expect(newPartitionsRecords(sim.view())).toBeGreaterThan(0);
  });
});
