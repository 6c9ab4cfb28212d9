// The record trace's virtual times: each is checked against the instant a step-by-step run first shows
// the milestone, so a time that is late, early or made up fails.
import { describe, expect, it } from 'vitest';
import { cluster } from './testing/harness';
import { auditEntries } from './audit/entries';
import type { Simulation } from './simulation';

const orders = () =>
  cluster(3)
    .topic('orders', 1, 3, { config: { 'min.insync.replicas': 2 }, assignment: { 0: [1, 2, 3] } })
    .producer({ id: 'p', topic: 'orders', ratePerSec: 5, keys: { kind: 'cycle', keys: ['a', 'b'] } })
    .group({ groupId: 'g', topic: 'orders', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] });

/** Step event by event, noting when each milestone of the record is first visible. */
function watch(sim: Simulation, recordId: number, untilMs: number): Record<string, number> {
  const seen: Record<string, number> = {};
  while (sim.nowMs < untilMs) {
    const t = sim.traceRecord(recordId);
    if (t) {
      const note = (k: string, on: boolean) => {
        if (on) seen[k] ??= sim.nowMs;
      };
      note('acknowledged', t.acknowledged);
      note('committed', t.committed);
      for (const r of t.replicas) note(`broker:${r.brokerId}`, r.offsets.length > 0);
      for (const g of t.processedBy) note(`group:${g}`, true);
    }
    sim.stepToNextEvent();
  }
  return seen;
}

describe('record trace times', () => {
  it('gives the exact virtual time of every append, the acknowledgement, the commit and the first poll', () => {
    const sim = orders().build();
    let recordId = -1;
    while (recordId < 0) {
      sim.stepToNextEvent();
      const log = sim.view().partitions[0]!.replicaLogs.find((r) => r.brokerId === 1)!;
      recordId = log.tail[0]?.recordId ?? -1;
    }
    const appendedAt = sim.nowMs;
    const seen: Record<string, number> = { 'broker:1': appendedAt, ...watch(sim, recordId, 6_000) };
    const t = sim.traceRecord(recordId)!;
    // CreateTime, the default: the record's timestamp is its send() time, before the leader appended it.
    expect(t.timestampMs).toBe(t.sentAtMs);
    expect(t.sentAtMs).toBeLessThan(appendedAt);
    for (const r of t.replicas) expect(r.appendedAtMs).toBe(seen[`broker:${r.brokerId}`]);
    // Followers append after the leader, when their fetch response arrives.
    for (const r of t.replicas.slice(1)) expect(r.appendedAtMs!).toBeGreaterThan(appendedAt);
    expect(t.acknowledgedAtMs).toBe(seen['acknowledged']);
    expect(t.committedAtMs).toBe(seen['committed']);
    // acks=all: the leader answers once the high watermark passes the record; the answer takes a hop.
    expect(t.acknowledgedAtMs!).toBeGreaterThan(t.committedAtMs!);
    // processedBy reads the group's processed offsets, which move on the same poll the audit notes.
    expect(t.firstConsumedAtMs['g']).toBe(seen['group:g']);
    expect(t.firstConsumedAtMs['g']!).toBeGreaterThanOrEqual(t.committedAtMs!);
    expect(t.lostAtMs).toBeNull();
  });

  it('keeps the first consumption time when an offset reset replays the record', () => {
    const sim = orders().build();
    sim.advanceTo(8_000);
    const id = sim.view().partitions[0]!.replicaLogs[0]!.tail[0]!.recordId;
    expect(sim.traceRecord(id)!.processedBy).toEqual(['g']);
    const before = sim.traceRecord(id)!.firstConsumedAtMs['g'];
    expect(before).toBeGreaterThan(0);
    sim.dispatch({ type: 'crashConsumer', consumerId: 'c1' });
    sim.advanceTo(60_000);
    expect(sim.dispatch({ type: 'resetOffsets', groupId: 'g', to: 'earliest' }).result).toEqual({ ok: true });
    expect(sim.traceRecord(id)!.processedBy).toEqual([]);
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    sim.advanceTo(70_000);
    // The reset cleared what the group had processed, so processedBy is set again only by the replay.
    const t = sim.traceRecord(id)!;
    expect(t.processedBy).toEqual(['g']);
    expect(t.firstConsumedAtMs['g']).toBe(before);
  });

  it('survives checkpoints: a seek back and forth gives the same times and hash', () => {
    const sim = orders().build();
    sim.advanceTo(12_000);
    const id = sim.view().partitions[0]!.replicaLogs[0]!.tail[0]!.recordId;
    const trace = sim.traceRecord(id);
    const hash = sim.hash();
    sim.seek(1_000);
    sim.seek(12_000);
    expect(sim.traceRecord(id)).toEqual(trace);
    expect(sim.hash()).toBe(hash);
  });

  it('times a lost record: appended by the leader only, acknowledged (acks=1), lost when truncated; the explanation names partition and offset', () => {
    const sim = cluster(3)
      .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] } })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { acks: 1 },
      })
      .build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 60_000 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 60_000 });
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v' });
    sim.advanceTo(2_500);
    const id = sim.view().partitions[0]!.replicaLogs.find((r) => r.brokerId === 1)!.tail[0]!.recordId;
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 });
    sim.advanceTo(20_000);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(80_000);
    const t = sim.traceRecord(id)!;
    expect(t.sentAtMs).toBe(2_000);
    expect(t.replicas.map((r) => r.appendedAtMs === null)).toEqual([false, true, true]);
    expect(t.replicas[0]!.appendedAtMs!).toBeGreaterThan(2_000);
    expect(t.acknowledgedAtMs!).toBeGreaterThan(t.replicas[0]!.appendedAtMs!);
    expect(t.acknowledgedAtMs!).toBeLessThan(2_500);
    expect(t.committedAtMs).toBeNull();
    expect(t.timestampMs).toBeNull();
    const [loss] = sim.view().audit.explanations;
    expect(loss).toMatchObject({ recordId: id, partitionId: 't-0', offset: 0 });
    // Lost when broker 1, back as a follower, truncated the only copy: after its restart at 20 s.
    expect(t.lostAtMs).toBe(loss!.atMs);
    expect(t.lostAtMs!).toBeGreaterThan(20_000);
  });

  it('still says when and why an old lost record was lost after the recent-losses list moved on', () => {
    const sim = cluster(1)
      .topic('t', 1, 1)
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 500,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { acks: 0 },
      })
      .build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'isolateBroker', brokerId: 1 });
    sim.advanceTo(3_000);
    const lost = auditEntries(sim.peekState().audit).filter((e) => e.lost);
    // More losses than the capped list of recent explanations keeps, so the first one has left it.
    expect(lost.length).toBeGreaterThan(300);
    const first = lost[0]!;
    expect(sim.view().audit.explanations.some((e) => e.recordId === first.id)).toBe(false);
    const t = sim.traceRecord(first.id)!;
    expect(t.lost).toBe(true);
    expect(t.lostAtMs).toBeGreaterThanOrEqual(1_000);
    expect(t.lostAtMs).toBeLessThan(lost[lost.length - 1]!.loss!.atMs);
    expect(t.explanation).toMatch(
      /^acks=0: the producer counted record \d+ as sent, but broker 1 never received it/,
    );
  });
});
