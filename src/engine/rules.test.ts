// One rule at a time, each checked against what Kafka documents (shared/kafka-reference.md §1, §3, §5).
import { describe, expect, it } from 'vitest';
import { partitionForKey } from './clients/murmur2';
import { cluster } from './testing/harness';
import { auditEntries } from './audit/entries';
import { recordsOf } from './log/replicaLog';

const three = (config: Parameters<ReturnType<typeof cluster>['topic']>[3] = {}) =>
  cluster(3)
    .config({ replicaLagTimeMaxMs: 10_000 })
    .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, ...config });

describe('ISR (Partition.maybeShrinkIsr / maybeExpandIsr)', () => {
  it('removes a follower that stays behind for replica.lag.time.max.ms and re-adds it once caught up', () => {
    const sim = three()
      .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'cycle', keys: ['k'] } })
      .build();
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 60_000 });
    sim.advanceTo(9_000);
    expect(sim.view().partitions[0]!.isr).toEqual([1, 2, 3]);
    // The isr-expiration task runs every replica.lag.time.max.ms / 2; by 2 s + 10 s + 5 s it has fired.
    const events = sim.advanceTo(18_000);
    expect(sim.view().partitions[0]!.isr).toEqual([1, 2]);
    expect(
      events.some((e) => e.type === 'isrShrunk' && e.text.includes('replica.lag.time.max.ms (10000 ms)')),
    ).toBe(true);
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 });
    sim.advanceTo(80_000);
    expect(sim.view().partitions[0]!.isr).toEqual([1, 2, 3]);
  });
});

describe('fetch size (replica.fetch.max.bytes, max.partition.fetch.bytes)', () => {
  it('lets a follower that was cut off catch up a backlog in a few fetches, as a 1 MiB fetch allows', () => {
    // acks=1, so that the leader keeps appending while broker 3 is away.
    const sim = three()
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 500,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { acks: 1 },
      })
      .build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'isolateBroker', brokerId: 3 });
    sim.advanceTo(9_000);
    sim.dispatch({ type: 'reconnectBroker', brokerId: 3 });
    const leo = (b: number) =>
      sim.view().partitions[0]!.replicaLogs.find((r) => r.brokerId === b)!.logEndOffset;
    // ~4,000 records of ~80 bytes behind: about 320 KB, under one fetch's 1 MiB. A fetch that carried
    // 50 records would need 80 round trips of 400 ms (the 200 ms network) to get there.
    expect(leo(1) - leo(3)).toBeGreaterThan(3_000);
    sim.advanceTo(12_000);
    // Caught up to within a round trip or two of new records (500 records/s, 400 ms round trips).
    expect(leo(1) - leo(3)).toBeLessThanOrEqual(400);
  });

  it('lets a consumer catch up its lag in one fetch, returned by poll() max.poll.records at a time (max.partition.fetch.bytes)', () => {
    const sim = three()
      .producer({ id: 'p', topic: 't', ratePerSec: 500, keys: { kind: 'cycle', keys: ['k'] } })
      .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', consumers: [] })
      .build();
    sim.advanceTo(8_000);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c1' });
    // The group is Stable by 12.5 s (group.initial.rebalance.delay.ms); then one fetch brings the ~6,000
    // records behind (~80 bytes each, under 1 MiB) and poll() returns them 500 at a time from the fetch
    // buffer. A fetch per poll would have brought some 1,000 by 14 s (two round trips of 400 ms a second).
    sim.advanceTo(14_000);
    const consumed = sim.view().groups[0]!.members[0]!.consumed;
    expect(consumed).toBeGreaterThan(6_000);
    // Caught up to within a round trip of new records (500 records/s, 400 ms round trips).
    expect(sim.view().partitions[0]!.highWatermark - consumed).toBeLessThanOrEqual(200);
  });
});

describe('controlled shutdown and preferred leaders', () => {
  it('moves leadership away at once on a controlled shutdown, without waiting for a session timeout', () => {
    const sim = three().build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'shutdownBroker', brokerId: 1 });
    const p = sim.view().partitions[0]!;
    expect(p.leader).toBe(2);
    expect(p.isr).toEqual([2, 3]);
    expect(sim.view().brokers[0]!.status).toBe('stopped');
  });

  it('elects the preferred replica on request, and says ELECTION_NOT_NEEDED when it already leads', () => {
    const sim = three().config({ autoLeaderRebalanceEnable: false }).build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'shutdownBroker', brokerId: 1 });
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(5_000);
    const before = sim.view().partitions[0]!;
    expect(before.leader).toBe(2);
    expect(before.isr).toContain(1);
    expect(sim.dispatch({ type: 'electPreferredLeader', partitionId: 't-0' }).result.ok).toBe(true);
    const after = sim.view().partitions[0]!;
    expect(after.leader).toBe(1);
    expect(after.leaderEpoch).toBe(before.leaderEpoch + 1);
    const again = sim.dispatch({ type: 'electPreferredLeader', partitionId: 't-0' }).result;
    expect(!again.ok && again.error).toMatch(/^ELECTION_NOT_NEEDED/);
  });

  it('gives leadership back to the preferred replica at the next leader-imbalance check (auto.leader.rebalance.enable)', () => {
    const sim = three().config({ leaderImbalanceCheckIntervalMs: 20_000 }).build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'shutdownBroker', brokerId: 1 });
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(19_000);
    expect(sim.view().partitions[0]!.leader).toBe(2);
    sim.advanceTo(20_000);
    expect(sim.view().partitions[0]!.leader).toBe(1);
  });
});

describe('unclean leader election', () => {
  function offlineWithStaleReplica(unclean: boolean) {
    const sim = three({ config: { 'unclean.leader.election.enable': unclean } })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 10,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { acks: 1 },
      })
      .build();
    sim.advanceTo(1_000);
    // Broker 3 falls out of the ISR, then the in-sync brokers die: only a stale replica is left.
    sim.dispatch({ type: 'killBroker', brokerId: 3 });
    sim.advanceTo(20_000);
    sim.dispatch({ type: 'shutdownBroker', brokerId: 2 });
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.dispatch({ type: 'restartBroker', brokerId: 3 });
    sim.advanceTo(40_000);
    return sim;
  }

  it('leaves the partition offline when disabled (the default)', () => {
    const p = offlineWithStaleReplica(false).view().partitions[0]!;
    expect(p.leader).toBe(-1);
    expect(p.isr).toEqual([1]);
  });

  it('makes the stale replica leader when enabled, with ISR = [it], and the audit reports the loss', () => {
    const sim = offlineWithStaleReplica(true);
    const v = sim.view();
    expect(v.partitions[0]!.leader).toBe(3);
    expect(v.partitions[0]!.isr).toEqual([3]);
    // Until the old replicas come back and truncate, their disks still hold the records.
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.dispatch({ type: 'restartBroker', brokerId: 2 });
    sim.advanceTo(60_000);
    const after = sim.view();
    expect(after.audit.lost).toBeGreaterThan(0);
    expect(
      after.audit.explanations.some((e) =>
        e.text.startsWith('unclean leader election: broker 3 became leader of t-0'),
      ),
    ).toBe(true);
  });
});

describe('producer delivery semantics', () => {
  // A response slower than request.timeout.ms makes the producer retry a record the leader already wrote.
  function slowAcks(idempotence: boolean) {
    const sim = three({ config: { 'min.insync.replicas': 2 } })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { 'enable.idempotence': idempotence, 'request.timeout.ms': 1_000, 'retry.backoff.ms': 100 },
      })
      .build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 1_500 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 1_500 });
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'once' });
    sim.advanceTo(3_000);
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 });
    sim.advanceTo(10_000);
    return sim.view();
  }

  it('writes a retried record twice when enable.idempotence=false', () => {
    const v = slowAcks(false);
    expect(v.partitions[0]!.logEndOffset).toBeGreaterThanOrEqual(2);
    expect(v.audit.duplicated).toBe(1);
  });

  it('writes it once when enable.idempotence=true (the broker drops the retried sequence)', () => {
    const v = slowAcks(true);
    expect(v.partitions[0]!.logEndOffset).toBe(1);
    expect(v.audit.duplicated).toBe(0);
    expect(v.audit.acknowledged).toBe(1);
  });

  it('rejects an explicit partition that does not exist with the producer’s metadata error', () => {
    const sim = three()
      .producer({ id: 'p', topic: 't', ratePerSec: 0, keys: { kind: 'null' } })
      .build();
    const { result } = sim.dispatch({ type: 'produce', producerId: 'p', key: null, partition: 4 });
    expect(!result.ok && result.error).toBe(
      'Partition 4 of topic t with partition count 1 is not present in metadata.',
    );
  });

  it('keeps null-key records on one partition until batch.size bytes, choosing only partitions with a leader', () => {
    const sim = cluster(3)
      .topic('n', 3, 1, { assignment: { 0: [1], 1: [2], 2: [3] } })
      .producer({
        id: 'p',
        topic: 'n',
        ratePerSec: 0,
        keys: { kind: 'null' },
        config: { 'batch.size': 1_000 },
      })
      .build();
    sim.advanceTo(500);
    sim.dispatch({ type: 'killBroker', brokerId: 2 });
    sim.advanceTo(12_000);
    expect(sim.view().partitions[1]!.leader).toBe(-1);
    for (let i = 0; i < 60; i++)
      sim.dispatch({ type: 'produce', producerId: 'p', key: null, value: 'x'.repeat(30) });
    sim.advanceTo(20_000);
    const state = sim.peekState();
    const order = auditEntries(state.audit).map((a) => a.partitionId);
    // 100-byte records (30 + 70 overhead) switch after 10 records: runs of exactly 10.
    for (let i = 0; i < order.length; i += 10) expect(new Set(order.slice(i, i + 10)).size).toBe(1);
    expect(order).not.toContain('n-1');
  });

  it('sends keyed records by murmur2, and adding partitions moves some keys', () => {
    const sim = cluster(3)
      .topic('k', 3, 3)
      .producer({ id: 'p', topic: 'k', ratePerSec: 0, keys: { kind: 'null' } })
      .build();
    const keys = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    const moved = keys.filter((k) => partitionForKey(k, 3) !== partitionForKey(k, 6));
    expect(moved.length).toBeGreaterThan(0);
    sim.dispatch({ type: 'addPartitions', topic: 'k', partitions: 6 });
    // Until its metadata refresh (metadata.max.age.ms, 300 000 ms) the producer still knows 3 partitions.
    for (const key of keys) sim.dispatch({ type: 'produce', producerId: 'p', key });
    sim.advanceTo(300_000);
    for (const key of keys) sim.dispatch({ type: 'produce', producerId: 'p', key });
    sim.advanceTo(305_000);
    const entries = auditEntries(sim.peekState().audit);
    expect(entries).toHaveLength(12);
    for (const [i, a] of entries.entries())
      expect(a.partitionId).toBe(`k-${partitionForKey(a.key!, i < keys.length ? 3 : 6)}`);
  });

  it('counts an acks=0 record sent to an unreachable leader as lost, with the reason', () => {
    const sim = three()
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { acks: 0 },
      })
      .build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'isolateBroker', brokerId: 1 });
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'gone' });
    sim.advanceTo(2_000);
    const v = sim.view();
    expect(v.audit.acknowledged).toBe(1);
    expect(v.audit.lost).toBe(1);
    expect(v.audit.explanations[0]!.text).toMatch(/^acks=0/);
  });
});

describe('retention and compaction', () => {
  it('deletes records older than retention.ms below the high watermark, without counting them as lost', () => {
    const sim = three({ config: { 'retention.ms': 5_000 } })
      .config({ logRetentionCheckIntervalMs: 1_000 })
      .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'cycle', keys: ['k'] } })
      .build();
    sim.advanceTo(20_000);
    const p = sim.view().partitions[0]!;
    expect(p.logStartOffset).toBeGreaterThan(100);
    expect(p.logEndOffset - p.logStartOffset).toBeLessThanOrEqual(70);
    expect(sim.view().audit.lost).toBe(0);
  });

  it('leaves a stopped broker’s log as it was: its retention thread stopped with the process', () => {
    const sim = three({ config: { 'retention.ms': 5_000 } })
      .config({ logRetentionCheckIntervalMs: 1_000 })
      .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'cycle', keys: ['k'] } })
      .build();
    sim.advanceTo(10_000);
    const follower = sim.view().partitions[0]!.replicas.find((r) => r !== sim.view().partitions[0]!.leader)!;
    sim.dispatch({ type: 'killBroker', brokerId: follower });
    const startAtKill = sim.peekState().partitions['t-0']!.logs[follower]!.logStartOffset;
    sim.advanceTo(30_000);
    expect(sim.peekState().partitions['t-0']!.logs[follower]!.logStartOffset).toBe(startAtKill);
    // The live replicas go on deleting.
    expect(sim.view().partitions[0]!.logStartOffset).toBeGreaterThan(startAtKill);
  });

  /** 10 records a second of 1 + valueBytes + 70 bytes each, on a topic with retention.bytes=2000. */
  const sized = (valueBytes: number) =>
    three({ config: { 'retention.bytes': 2_000 } })
      .config({ logRetentionCheckIntervalMs: 1_000 })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 10,
        keys: { kind: 'cycle', keys: ['k'] },
        valueTemplate: 'x'.repeat(valueBytes),
      })
      .build();

  it('keeps the log under retention.bytes', () => {
    const sim = sized(29);
    sim.advanceTo(10_000);
    const log = sim.peekState().partitions['t-0']!.logs[1]!;
    // Each record is 1 + 29 + 70 = 100 bytes; at most 20 fit, plus what arrived since the last check.
    expect(recordsOf(log).reduce((n, r) => n + r.sizeBytes, 0)).toBeLessThanOrEqual(2_000 + 10 * 100);
    expect(log.logStartOffset).toBeGreaterThan(0);
  });

  it('deletes for retention.bytes only while the log stays at or above it (deleteRetentionSizeBreachedSegments)', () => {
    const sim = sized(49);
    sim.advanceTo(5_000);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 });
    sim.advanceTo(10_000);
    // 1 + 49 + 70 = 120 bytes a record: 17 of them (2 040 bytes) stay; 16 (1 920) would be under the limit.
    for (const log of Object.values(sim.peekState().partitions['t-0']!.logs))
      expect(recordsOf(log!).map((r) => r.sizeBytes)).toEqual(Array(17).fill(120));
  });

  it('compacts to the latest record per key below the HW and keeps tombstones', () => {
    const sim = three({ config: { 'cleanup.policy': 'compact' } })
      .config({ logRetentionCheckIntervalMs: 5_000 })
      .producer({ id: 'p', topic: 't', ratePerSec: 0, keys: { kind: 'null' } })
      .build();
    for (const [key, value] of [
      ['a', '1'],
      ['b', '1'],
      ['a', '2'],
      ['b', null],
      ['c', '1'],
      ['a', '3'],
    ] as const) {
      sim.dispatch({ type: 'produce', producerId: 'p', key, value });
    }
    sim.advanceTo(6_000);
    const log = sim.peekState().partitions['t-0']!.logs[1]!;
    expect(recordsOf(log).map((r) => [r.key, r.value])).toEqual([
      ['b', null],
      ['c', '1'],
      ['a', '3'],
    ]);
    expect(recordsOf(log).map((r) => r.offset)).toEqual([3, 4, 5]);
  });
});

describe('topic creation input', () => {
  it('rejects an explicit replica assignment that names an unregistered broker, without crashing', () => {
    const sim = cluster(3).topic('t', 1, 3).build();
    const { result } = sim.dispatch({
      type: 'createTopic',
      topic: { name: 'x', partitions: 1, replicationFactor: 2, assignment: { 0: [1, 9] } },
    });
    expect(!result.ok && result.error).toBe(
      'INVALID_REPLICA_ASSIGNMENT: Unknown broker 9 in the replica assignment of partition 0 of topic x.',
    );
    expect(sim.view().topics.map((t) => t.name)).toEqual(['t']);
  });
});
