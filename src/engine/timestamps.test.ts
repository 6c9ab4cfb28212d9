// Record timestamps (message.timestamp.type): CreateTime, Kafka's default, is the producer's, taken when
// the application calls send(); LogAppendTime is the leader's, taken when it appends. Retention by time and
// ListOffsets by timestamp (a reset to a time) go by them. Every hop takes 200 ms, so a record's send()
// time and its append time are always apart.
import { describe, expect, it } from 'vitest';
import type { TopicConfig } from './types';
import { cluster } from './testing/harness';
import { auditEntries } from './audit/entries';
import { recordsOf } from './log/replicaLog';
import type { Simulation } from './simulation';

const topic = (config: Partial<TopicConfig> = {}) =>
  cluster(3)
    .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config })
    .producer({ id: 'p', topic: 't', ratePerSec: 0, keys: { kind: 'cycle', keys: ['k'] } });

const logOf = (sim: Simulation, brokerId: number) =>
  recordsOf(sim.peekState().partitions['t-0']!.logs[brokerId]!);

/**
 * A log whose timestamps are out of offset order, as two producers make one: `slow` lingers a second.
 * offset 0: sent by fast at 1.5 s; offset 1: sent by slow at 1 s, appended after it; offset 2: fast at 3 s.
 */
function outOfOrder(config: Partial<TopicConfig> = {}): Simulation {
  const sim = topic(config)
    .config({ logRetentionCheckIntervalMs: 100 })
    .producer({
      id: 'slow',
      topic: 't',
      ratePerSec: 0,
      keys: { kind: 'cycle', keys: ['s'] },
      config: { 'linger.ms': 1_000 },
    })
    .group({ groupId: 'g', topic: 't', consumers: [] })
    .build();
  sim.advanceTo(1_000);
  sim.dispatch({ type: 'produce', producerId: 'slow', key: 's', value: 'slow' });
  sim.advanceTo(1_500);
  sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'fast-1' });
  sim.advanceTo(3_000);
  sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'fast-2' });
  sim.advanceTo(4_500);
  return sim;
}

describe('record timestamps (message.timestamp.type)', () => {
  it('CreateTime, the default: a record carries the time send() was called, not the later append time', () => {
    const sim = topic().build();
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v' });
    sim.advanceTo(4_000);
    const [record] = logOf(sim, 1);
    const t = sim.traceRecord(record!.recordId)!;
    // linger.ms and a 200 ms hop lie between send() and the leader's append.
    expect(t.replicas[0]!.appendedAtMs!).toBeGreaterThanOrEqual(2_200);
    expect(t.timestampMs).toBe(2_000);
    expect(t.timestampType).toBe('CreateTime');
    expect(sim.view().topics[0]!.config['message.timestamp.type']).toBe('CreateTime');
    // Every replica holds the same timestamp: followers copy the leader's record.
    for (const b of [1, 2, 3]) expect(logOf(sim, b).map((r) => r.timestampMs)).toEqual([2_000]);
    expect(sim.view().partitions[0]!.replicaLogs[0]!.tail[0]).toMatchObject({
      timestampMs: 2_000,
      timestampType: 'CreateTime',
    });
  });

  it('CreateTime: a retried record keeps the timestamp it got at send()', () => {
    const sim = topic().build();
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v' });
    // The batch leaves for broker 1 as it dies: that attempt fails and the producer retries until the
    // controller, after broker.session.timeout.ms, has elected another leader.
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(20_000);
    const leader = sim.view().partitions[0]!.leader;
    expect(leader).not.toBe(1);
    const [record] = logOf(sim, leader);
    const t = sim.traceRecord(record!.recordId)!;
    expect(t.replicas.find((r) => r.brokerId === 1)!.appendedAtMs).toBeNull();
    expect(t.replicas.find((r) => r.brokerId === leader)!.appendedAtMs!).toBeGreaterThan(11_000);
    expect(t.timestampMs).toBe(2_000);
  });

  it('LogAppendTime: the leader overwrites the producer’s timestamp with its append time', () => {
    const sim = topic({ 'message.timestamp.type': 'LogAppendTime' }).build();
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v' });
    sim.advanceTo(4_000);
    const [record] = logOf(sim, 1);
    const t = sim.traceRecord(record!.recordId)!;
    expect(t.sentAtMs).toBe(2_000);
    expect(t.timestampMs).toBe(t.replicas[0]!.appendedAtMs);
    expect(t.timestampMs!).toBeGreaterThanOrEqual(2_200);
    expect(t.timestampType).toBe('LogAppendTime');
    // Followers append later but keep the leader's timestamp.
    expect(logOf(sim, 2).map((r) => r.timestampMs)).toEqual([t.timestampMs]);
  });

  it('stamps each record by the type in force when the leader appended it', () => {
    const sim = topic().build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'before' });
    sim.advanceTo(2_000);
    const altered = sim.dispatch({
      type: 'alterTopicConfig',
      topic: 't',
      config: { 'message.timestamp.type': 'LogAppendTime' },
    });
    expect(altered.result).toEqual({ ok: true });
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'after' });
    sim.advanceTo(4_000);
    const [before, after] = logOf(sim, 1);
    expect([before!.timestampMs, before!.timestampType]).toEqual([1_000, 'CreateTime']);
    expect(after!.timestampType).toBe('LogAppendTime');
    expect(after!.timestampMs).toBe(sim.traceRecord(after!.recordId)!.replicas[0]!.appendedAtMs);
  });

  it('a send() blocked on buffer.memory keeps the time it was called; its record enters the accumulator later', () => {
    const sim = cluster(1)
      .topic('t', 1, 1)
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 20,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { 'buffer.memory': 800 },
      })
      .build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    let blockedAtMs = -1;
    while (blockedAtMs < 0 && sim.nowMs < 5_000) {
      sim.stepToNextEvent();
      if (sim.view().producers[0]!.blocked) blockedAtMs = sim.nowMs;
    }
    expect(blockedAtMs).toBeGreaterThan(1_000);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    let unblockedAtMs = -1;
    while (unblockedAtMs < 0 && sim.nowMs < 30_000) {
      sim.stepToNextEvent();
      if (!sim.view().producers[0]!.blocked) unblockedAtMs = sim.nowMs;
    }
    expect(unblockedAtMs).toBeGreaterThan(blockedAtMs);
    sim.advanceBy(2_000);
    const entries = auditEntries(sim.peekState().audit);
    const i = entries.findIndex((e) => e.sentAtMs === blockedAtMs);
    expect(i).toBeGreaterThan(0);
    // Sent when send() was called, before the block; the records around it were sent before and after.
    expect(entries[i - 1]!.sentAtMs).toBeLessThan(blockedAtMs);
    expect(entries[i + 1]!.sentAtMs).toBeGreaterThanOrEqual(unblockedAtMs);
    expect(sim.traceRecord(entries[i]!.id)!.timestampMs).toBe(blockedAtMs);
  });
});

describe('a reset to a time (ListOffsets by timestamp)', () => {
  it('gives the earliest offset whose timestamp is at or after the target, even when an older timestamp follows it', () => {
    const sim = outOfOrder();
    expect(logOf(sim, 1).map((r) => r.timestampMs)).toEqual([1_500, 1_000, 3_000]);
    const resetTo = (timestampMs: number): number | null => {
      expect(sim.dispatch({ type: 'resetOffsets', groupId: 'g', to: { timestampMs } }).result).toEqual({
        ok: true,
      });
      return sim.view().groups[0]!.partitions[0]!.committed;
    };
    // Offset 1 is stamped exactly 1 s, but offset 0, stamped later, comes first in the log.
    expect(resetTo(1_000)).toBe(0);
    expect(resetTo(1_500)).toBe(0);
    // Sent at 1.5 s, appended after 1.7 s: the timestamp, not the append, decides.
    expect(resetTo(1_600)).toBe(2);
    expect(resetTo(3_000)).toBe(2);
    // No record that new: kafka-consumer-groups falls back to the latest offset.
    expect(resetTo(3_100)).toBe(3);
  });

  it('under LogAppendTime, goes by the leader’s append times', () => {
    const sim = outOfOrder({ 'message.timestamp.type': 'LogAppendTime' });
    const appended = logOf(sim, 1).map((r) => r.timestampMs);
    expect(appended[0]!).toBeGreaterThan(1_600);
    sim.dispatch({ type: 'resetOffsets', groupId: 'g', to: { timestampMs: 1_600 } });
    expect(sim.view().groups[0]!.partitions[0]!.committed).toBe(0);
  });
});

describe('retention by time (retention.ms)', () => {
  it('deletes by the record’s timestamp, oldest first, stopping at the first record still within retention.ms', () => {
    const sim = outOfOrder({ 'retention.ms': 5_000 });
    // At 6.4 s offset 1 (stamped 1 s) is past retention.ms, but offset 0 before it (stamped 1.5 s) is not:
    // as Kafka stops at the first segment within retention.ms, both stay.
    sim.advanceTo(6_400);
    expect(sim.view().partitions[0]!.logStartOffset).toBe(0);
    // Offset 0 expires by its send() time (5 s after 1.5 s), although the leader appended it after 1.7 s.
    sim.advanceTo(6_600);
    for (const log of sim.view().partitions[0]!.replicaLogs) expect(log.logStartOffset).toBe(2);
    expect(sim.view().audit.lost).toBe(0);
  });
});

describe('message.timestamp.type validation', () => {
  const text =
    'Invalid value createtime for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime';

  it('refuses a value other than CreateTime or LogAppendTime in Kafka’s words, on create and on alter', () => {
    const sim = topic().build();
    const bad = { 'message.timestamp.type': 'createtime' } as unknown as Partial<TopicConfig>;
    const created = sim.dispatch({
      type: 'createTopic',
      topic: { name: 'bad', partitions: 1, replicationFactor: 1, config: bad },
    }).result;
    expect(!created.ok && created.error).toContain(text);
    expect(sim.view().topics.map((t) => t.name)).toEqual(['t']);
    const altered = sim.dispatch({ type: 'alterTopicConfig', topic: 't', config: bad }).result;
    expect(!altered.ok && altered.error).toContain(text);
    expect(sim.view().topics[0]!.config['message.timestamp.type']).toBe('CreateTime');
  });
});
