// Commits around a KIP-848 reconciliation, against Kafka's consumer:
// - AbstractMembershipManager.maybeReconcile: "Commit offsets if auto-commit enabled before reconciling a new
//   assignment", then onPartitionsRevoked, then onPartitionsAssigned, then the acknowledging heartbeat.
// - CommitRequestManager.maybeAutoCommitSyncBeforeRevocation commits subscriptions.allConsumed(): every
//   partition the member owns, not only those it gives up; without enable.auto.commit it commits nothing.
// - CommitRequestManager.maybeAutoCommitAsync has no condition on the member's state: a member that is
//   reconciling still auto-commits on the interval, under its member epoch.
import { describe, expect, it } from 'vitest';
import type { ConsumerConfig } from '../groups/types';
import { cluster } from '../testing/harness';
import { CoordinatorWire } from '../testing/coordinatorWire';

function kip848(config: Partial<ConsumerConfig> = {}) {
  return cluster(3)
    .topic('t', 6, 3)
    .producer({ id: 'p', topic: 't', ratePerSec: 30, keys: { kind: 'unique', prefix: 'k' } })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'group.protocol': 'consumer', ...config },
      consumers: [{ id: 'c1' }, { id: 'c2' }],
    })
    .build();
}

/** c3 joins a Stable c1/c2 group; each of c1 and c2 gives one partition up. */
function revocations(config: Partial<ConsumerConfig> = {}) {
  const sim = kip848(config);
  sim.advanceTo(15_000);
  const owned = Object.fromEntries(
    ['c1', 'c2'].map((id) => [id, [...sim.peekState().consumers[id]!.assigned]]),
  );
  sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
  const wire = new CoordinatorWire(sim);
  wire.advanceTo(30_000);
  return ['c1', 'c2'].map((id) => {
    // The heartbeat that acknowledged the revocation reports one partition fewer than the member owned.
    const ack = wire
      .sent(id, 'ConsumerGroupHeartbeatRequest')
      .find((m) => m.body.ownedPartitions.length === owned[id]!.length - 1)!;
    const commits = wire.sent(id, 'OffsetCommitRequest');
    return { id, owned: owned[id]!, ack, commits, wire };
  });
}

describe('commits as a KIP-848 member reconciles', () => {
  it('with enable.auto.commit, commits the positions of every partition it owns before it revokes one (maybeAutoCommitSyncBeforeRevocation)', () => {
    for (const { id, owned, ack, commits } of revocations()) {
      const revoked = owned.filter((p) => !ack.body.ownedPartitions.includes(p));
      expect(revoked, id).toHaveLength(1);
      // The last message before the acknowledgement; an auto-commit due at the same ms may come first.
      const before = commits.filter((c) => c.sentAtMs === ack.sentAtMs && c.id < ack.id).at(-1)!;
      expect(before.id, id).toBe(ack.id - 1);
      expect(Object.keys(before.body.offsets).sort(), id).toEqual([...owned].sort());
    }
  });

  it('without enable.auto.commit, commits only what it gives up, as the application would in onPartitionsRevoked', () => {
    for (const { id, owned, ack, commits } of revocations({ 'enable.auto.commit': false })) {
      const revoked = owned.filter((p) => !ack.body.ownedPartitions.includes(p));
      const before = commits.filter((c) => c.sentAtMs === ack.sentAtMs && c.id < ack.id);
      expect(
        before.map((c) => Object.keys(c.body.offsets)),
        id,
      ).toEqual([revoked]);
    }
  });

  it('keeps auto-committing on the interval while it reconciles', () => {
    for (const { id, ack, commits, wire } of revocations({ 'auto.commit.interval.ms': 100 })) {
      // From its acknowledgement until the answer to it, the member is still reconciling.
      const answer = wire
        .answered(id, 'ConsumerGroupHeartbeatResponse')
        .find((a) => a.sentAtMs >= ack.deliverAtMs)!;
      const during = commits.filter((c) => c.sentAtMs > ack.sentAtMs && c.sentAtMs < answer.deliverAtMs);
      expect(during.length, id).toBeGreaterThanOrEqual(2);
      for (const c of during) expect(c.body.generation, id).toBe(ack.body.memberEpoch);
    }
  });
});
