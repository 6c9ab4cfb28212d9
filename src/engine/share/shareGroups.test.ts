// Share groups end to end (KIP-932 as Kafka 4.2 runs it): members share partitions, every record is
// delivered to one member at a time under an acquisition lock, and what happens to held records when a
// member crashes, closes, or the partition's leader moves.
import { describe, expect, it } from 'vitest';
import type { ShareGroupSetup } from '../setup';
import type { SimState } from '../types';
import type { Simulation } from '../simulation';
import { cluster } from '../testing/harness';

function queue(
  share: Partial<ShareGroupSetup> & Pick<ShareGroupSetup, 'consumers'>,
  ratePerSec = 10,
  partitions = 2,
): Simulation {
  const b = cluster(3)
    .topic('jobs', partitions, 3, { assignment: { 0: [1, 2, 3], 1: [2, 3, 1], 2: [3, 1, 2] } })
    .producer({ id: 'p', topic: 'jobs', ratePerSec, keys: { kind: 'unique', prefix: 'job-' } });
  b.definition.shareGroups = [
    { groupId: 'workers', topic: 'jobs', config: { 'share.auto.offset.reset': 'earliest' }, ...share },
  ];
  b.definition.topics[0]!.assignment = Object.fromEntries(
    Array.from({ length: partitions }, (_, i) => [i, [1 + (i % 3), 1 + ((i + 1) % 3), 1 + ((i + 2) % 3)]]),
  );
  return b.build();
}

const group = (sim: Simulation) => sim.view().shareGroups[0]!;
const member = (sim: Simulation, id: string) => group(sim).members.find((m) => m.consumerId === id)!;
const stopProducing = (sim: Simulation) =>
  sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 });
const produced = (sim: Simulation) => sim.view().producers.find((p) => p.id === 'p')!.produced;
/** Records held right now, by the consumer holding each: offset → [consumer, delivery count]. */
function held(sim: Simulation): Map<string, [string, number]> {
  const out = new Map<string, [string, number]>();
  for (const p of group(sim).partitions)
    for (const r of p.inFlight)
      if (r.state === 'ACQUIRED') out.set(`${p.partitionId}@${r.offset}`, [r.consumerId!, r.deliveryCount]);
  return out;
}
const workers = (n: number, processingTimeMs = 50) =>
  Array.from({ length: n }, (_, i) => ({ id: `w${i + 1}`, processingTimeMs }));

describe('share groups', () => {
  it('more members than partitions: all of them get work, and each record is accepted once', () => {
    const sim = queue({ consumers: workers(4, 150) });
    sim.advanceTo(30_000);
    stopProducing(sim);
    sim.advanceTo(40_000);
    const g = group(sim);
    expect(g.members.map((m) => m.assigned.length)).toEqual([1, 1, 1, 1]);
    for (const m of g.members) expect(m.consumed, m.consumerId).toBeGreaterThan(0);
    expect(g.members.reduce((n, m) => n + m.accepted, 0)).toBe(produced(sim));
    expect(g.stats.redelivered).toBe(0);
    expect(g.totalLag).toBe(0);
    for (const p of g.partitions) expect(p.startOffset).toBe(p.highWatermark);
    // The record trace names the share group among those that processed a record.
    const state = sim.peekState() as SimState;
    const someId = state.partitions['jobs-0']!.logs[1]!.records.chunks[0]!.records[3]!.recordId;
    expect(sim.traceRecord(someId)!.processedBy).toEqual(['workers']);
  });

  it('a consumer group of 4 on the same 2 partitions leaves 2 members idle (the contrast)', () => {
    const b = cluster(3)
      .topic('jobs', 2, 3)
      .producer({ id: 'p', topic: 'jobs', ratePerSec: 10, keys: { kind: 'unique', prefix: 'job-' } })
      .group({ groupId: 'g', topic: 'jobs', autoOffsetReset: 'earliest', consumers: workers(4) });
    const sim = b.build();
    sim.advanceTo(20_000);
    expect(sim.view().groups[0]!.members.filter((m) => m.assigned.length === 0)).toHaveLength(2);
  });

  it('a poison record is released, redelivered with a growing count, and ARCHIVED at the limit', () => {
    const sim = queue(
      {
        consumers: workers(2),
        poisonKeys: ['job-3'],
        config: {
          'share.auto.offset.reset': 'earliest',
          'share.acknowledgement.mode': 'explicit',
          'share.delivery.count.limit': 4,
        },
      },
      5,
    );
    sim.advanceTo(10_000);
    stopProducing(sim);
    sim.advanceTo(30_000);
    const g = group(sim);
    // Delivered exactly share.delivery.count.limit times, released each time, then archived.
    expect(g.members.reduce((n, m) => n + m.released, 0)).toBe(4);
    expect(g.stats.archivedAtLimit).toBe(1);
    expect(g.stats.redelivered).toBe(3);
    expect(g.members.reduce((n, m) => n + m.accepted, 0)).toBe(produced(sim) - 1);
    expect(sim.view().events.some((e) => e.type === 'shareRecordArchived')).toBe(true);
    // Nothing is left in flight: the start offset has passed the archived record.
    for (const p of g.partitions) expect([p.startOffset, p.inFlight.length]).toEqual([p.highWatermark, 0]);
  });

  it('implicit acknowledgement accepts even a failing record: only explicit mode can release it', () => {
    const sim = queue({ consumers: workers(2), poisonKeys: ['job-3'] }, 5);
    sim.advanceTo(10_000);
    stopProducing(sim);
    sim.advanceTo(20_000);
    expect(group(sim).stats).toMatchObject({ released: 0, archivedAtLimit: 0 });
  });

  it('a crashed member holds its records until share.record.lock.duration.ms, then others get them', () => {
    const lock = 15_000;
    const sim = queue({
      consumers: workers(2, 400),
      config: {
        'share.auto.offset.reset': 'earliest',
        'share.record.lock.duration.ms': lock,
        'max.poll.records': 5,
      },
    });
    sim.advanceTo(5_000);
    const before = [...held(sim)].filter(([, [c]]) => c === 'w1');
    expect(before.length).toBeGreaterThan(0);
    sim.dispatch({ type: 'crashConsumer', consumerId: 'w1' });
    stopProducing(sim);
    // Still locked to the dead member until the lock it took before the crash runs out.
    sim.advanceTo(5_000 + lock - 2_000);
    const stillHeld = held(sim);
    for (const [k] of before) expect(stillHeld.get(k)?.[0], k).toBe('w1');
    sim.advanceTo(5_000 + lock + 500);
    expect(
      sim.view().events.some((e) => e.type === 'shareRecordsReleased' && e.text.includes('ran out')),
    ).toBe(true);
    sim.advanceTo(90_000);
    // Delivered again, to w2, as second deliveries; every record accepted once at the leaders.
    const g = group(sim);
    expect(g.stats.redelivered).toBe(before.length);
    expect(g.stats.accepted).toBe(produced(sim));
    expect(member(sim, 'w2').accepted).toBe(produced(sim) - member(sim, 'w1').accepted);
    // The session timed out meanwhile (45 s): w1 is no longer a member, and w2 reads both partitions.
    expect(member(sim, 'w1').inGroup).toBe(false);
    expect(member(sim, 'w2').assigned).toEqual(['jobs-0', 'jobs-1']);
  });

  it('processing longer than the lock: the lock runs out mid-batch, the records are delivered again, and the late acknowledgement fails', () => {
    const sim = queue({
      consumers: workers(3, 1_000),
      config: { 'share.auto.offset.reset': 'earliest', 'share.record.lock.duration.ms': 15_000 },
    });
    sim.advanceTo(90_000);
    const failed = sim.view({ events: 1_000 }).events.filter((e) => e.type === 'shareAckFailed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.text).toContain('INVALID_RECORD_STATE');
    expect(group(sim).stats.redelivered).toBeGreaterThan(0);
  });

  it('RENEW (Kafka 4.2, KIP-1222): an application that renews its locks keeps records it works on longer than the lock', () => {
    const run = (renewLocks: boolean) => {
      const sim = queue(
        {
          consumers: workers(2, 8_000),
          renewLocks,
          config: {
            'share.auto.offset.reset': 'earliest',
            'share.acknowledgement.mode': 'explicit',
            'share.record.lock.duration.ms': 15_000,
            'max.poll.records': 3,
          },
        },
        1,
      );
      sim.advanceTo(6_000);
      stopProducing(sim);
      sim.advanceTo(90_000);
      return sim;
    };
    // A batch of three records takes 24 s, against a 15 s lock.
    const without = run(false);
    expect(group(without).stats.redelivered).toBeGreaterThan(0);
    expect(without.view({ events: 1_000 }).events.some((e) => e.type === 'shareAckFailed')).toBe(true);
    const renewing = run(true);
    const g = group(renewing);
    expect(g.stats.renewed).toBeGreaterThan(0);
    expect(g.stats.redelivered).toBe(0);
    expect(renewing.view({ events: 1_000 }).events.some((e) => e.type === 'shareAckFailed')).toBe(false);
    expect(g.stats.accepted).toBe(produced(renewing));
  });

  it('RENEW needs explicit acknowledgement: under implicit mode the application cannot renew', () => {
    const sim = queue(
      {
        consumers: workers(1, 8_000),
        renewLocks: true,
        config: {
          'share.auto.offset.reset': 'earliest',
          'share.record.lock.duration.ms': 15_000,
          'max.poll.records': 3,
        },
      },
      1,
    );
    sim.advanceTo(60_000);
    expect(group(sim).stats.renewed).toBe(0);
  });

  it('a member that closes releases what it holds at once, and the delivery does not count', () => {
    const sim = queue({
      consumers: workers(2, 400),
      config: { 'share.auto.offset.reset': 'earliest', 'max.poll.records': 5 },
    });
    sim.advanceTo(5_000);
    const before = [...held(sim)].filter(([, [c]]) => c === 'w1');
    expect(before.length).toBeGreaterThan(0);
    sim.dispatch({ type: 'removeConsumer', consumerId: 'w1' });
    stopProducing(sim);
    sim.advanceTo(5_000 + 1_000);
    const now = held(sim);
    for (const [k] of before) expect(now.get(k)?.[0], k).not.toBe('w1');
    sim.advanceTo(60_000);
    // Taken again by w2 as a first delivery (KAFKA-17541: a closed session's release is uncounted).
    const g = group(sim);
    expect(g.stats.redelivered).toBe(0);
    expect(g.stats.accepted).toBe(produced(sim));
    expect(member(sim, 'w1').inGroup).toBe(false);
  });

  it("a new leader knows no acquisitions: the old leader's acquired records are available again", () => {
    const sim = queue(
      {
        consumers: workers(2, 400),
        config: { 'share.auto.offset.reset': 'earliest', 'max.poll.records': 5 },
      },
      10,
      1,
    );
    sim.advanceTo(5_000);
    const before = held(sim);
    expect(before.size).toBeGreaterThan(0);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(20_000);
    expect(sim.view().partitions[0]!.leader).not.toBe(1);
    expect(
      sim.view().events.some((e) => e.type === 'shareRecordsReleased' && e.text.includes('new leader')),
    ).toBe(true);
    stopProducing(sim);
    sim.advanceTo(90_000);
    const g = group(sim);
    expect(g.stats.redelivered).toBeGreaterThan(0);
    expect(g.partitions[0]!.startOffset).toBe(g.partitions[0]!.highWatermark);
    expect(g.stats.accepted).toBe(produced(sim));
  });

  it('a ShareFetch parked at a broker that dies: the consumer hears of it at once, not after request.timeout.ms', () => {
    const sim = queue({ consumers: workers(1) }, 10, 1);
    sim.advanceTo(3_000);
    stopProducing(sim);
    // Idle: its ShareFetch waits at the leader, broker 1, for records (fetch.max.wait.ms at a time).
    const parked = () => (sim.peekState() as SimState).parkedShareFetches['1']?.length ?? 0;
    for (let t = 4_000; parked() === 0 && t < 6_000; t += 50) sim.advanceTo(t);
    expect(parked()).toBe(1);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 10 });
    sim.advanceTo(14_000);
    // The new leader was elected after broker.session.timeout.ms; the producer held its records while
    // broker 1 was down, so they arrive there as one backlog, which w1 acquires and works through (50 ms
    // a record) well before the 30 s request.timeout.ms of the fetch that died with broker 1 (~35 s).
    expect(sim.view().partitions[0]!.leader).not.toBe(1);
    const before = group(sim).stats.accepted;
    sim.advanceTo(22_000);
    expect(group(sim).stats.accepted).toBeGreaterThan(before);
  });

  it('share.auto.offset.reset=latest (the default) never delivers what was written before the share-partition started', () => {
    const b = cluster(3)
      .topic('jobs', 1, 3)
      .producer({ id: 'p', topic: 'jobs', ratePerSec: 10, keys: { kind: 'unique', prefix: 'job-' } });
    const sim = b.build();
    sim.advanceTo(5_000);
    const early = produced(sim);
    sim.dispatch({ type: 'addShareGroup', group: { groupId: 'late', topic: 'jobs', consumers: workers(1) } });
    sim.advanceTo(10_000);
    stopProducing(sim);
    sim.advanceTo(15_000);
    const g = group(sim);
    expect(early).toBeGreaterThan(30);
    expect(g.partitions[0]!.startOffset).toBe(g.partitions[0]!.highWatermark);
    expect(g.members[0]!.consumed).toBeLessThanOrEqual(produced(sim) - early + 2);
    expect(g.members[0]!.consumed).toBeGreaterThan(0);
  });

  it('new partitions of the topic bump the group epoch and are assigned at the next heartbeat', () => {
    const sim = queue({ consumers: workers(3) });
    sim.advanceTo(3_000);
    const epoch = group(sim).groupEpoch;
    // 3 members on 2 partitions: each partition shared by ceil(3/2) = 2, sizes [2, 1, 1]; members joined
    // one by one, and each kept what it had (w2 jobs-1 since it joined second).
    expect(group(sim).members.map((m) => m.assigned)).toEqual([['jobs-0', 'jobs-1'], ['jobs-1'], ['jobs-0']]);
    sim.dispatch({ type: 'addPartitions', topic: 'jobs', partitions: 3 });
    expect(group(sim).groupEpoch).toBe(epoch + 1);
    // No revocation handshake: each member simply fetches what its next heartbeat answer lists.
    sim.advanceTo(3_000 + 5_500);
    // 3 on 3: one each; w1 and w2 keep their first partitions, and w3 gives jobs-0 up for the new one.
    expect(group(sim).members.map((m) => m.assigned)).toEqual([['jobs-0'], ['jobs-1'], ['jobs-2']]);
  });

  it('refuses configs outside the broker bounds, in Kafka words', () => {
    const sim = queue({ consumers: workers(1) });
    const r = sim.dispatch({
      type: 'setShareGroupConfig',
      groupId: 'workers',
      config: { 'share.delivery.count.limit': 1 },
    });
    expect(r.result).toEqual({ ok: false, error: expect.stringContaining('share.delivery.count.limit') });
    // Group configs must stay within the broker's group.share.min.* / max.* bounds (GroupConfig).
    const lock = sim.dispatch({
      type: 'setShareGroupConfig',
      groupId: 'workers',
      config: { 'share.record.lock.duration.ms': 5_000 },
    });
    expect(lock.result).toEqual({
      ok: false,
      error:
        'share.record.lock.duration.ms must be greater than or equal to group.share.min.record.lock.duration.ms (15000).',
    });
    const clash = sim.dispatch({
      type: 'addGroup',
      group: { groupId: 'workers', topic: 'jobs', consumers: [] },
    });
    expect(clash.result.ok).toBe(false);
  });

  it('replays exactly: a seek back lands on the same state as the straight run', () => {
    const run = () => {
      const sim = queue({
        consumers: workers(3, 200),
        poisonKeys: ['job-5'],
        config: { 'share.acknowledgement.mode': 'explicit', 'share.auto.offset.reset': 'earliest' },
      });
      sim.advanceTo(6_000);
      sim.dispatch({ type: 'crashConsumer', consumerId: 'w2' });
      sim.advanceTo(12_000);
      sim.dispatch({ type: 'removeConsumer', consumerId: 'w3' });
      sim.advanceTo(30_000);
      return sim;
    };
    const a = run();
    const b = run();
    expect(a.hash()).toBe(b.hash());
    a.seek(9_000);
    const mid = a.hash();
    a.seek(30_000);
    expect(a.hash()).toBe(b.hash());
    const c = run();
    c.seek(9_000);
    expect(c.hash()).toBe(mid);
    expect((a.peekState() as SimState).shareConsumers.w2!.status).toBe('stopped');
  });
});
