// Share groups and the log's other rules: share.isolation.level=read_committed acquires only below the
// last stable offset and never delivers records of aborted transactions or markers (they are skipped,
// as SharePartition archives them); retention moving the log start past the window moves the start
// offset with it (KIP-932: records deleted before delivery are never delivered).
import { describe, expect, it } from 'vitest';
import type { ShareGroupSetup } from '../setup';
import type { Simulation } from '../simulation';
import { cluster } from '../testing/harness';

function txnTopic(isolation: 'read_committed' | 'read_uncommitted'): Simulation {
  const b = cluster(3)
    .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config: { 'min.insync.replicas': 2 } })
    .producer({
      id: 'tx',
      topic: 't',
      ratePerSec: 0,
      keys: { kind: 'null' },
      config: { 'transactional.id': 'orders-tx', 'transaction.timeout.ms': 15_000 },
      recordsPerTransaction: 4,
    });
  const share: ShareGroupSetup = {
    groupId: 'q',
    topic: 't',
    consumers: [{ id: 'w1' }],
    config: { 'share.auto.offset.reset': 'earliest', 'share.isolation.level': isolation },
  };
  b.definition.shareGroups = [share];
  return b.build();
}

const shareGroup = (sim: Simulation) => sim.view().shareGroups[0]!;

describe('share groups and transactions', () => {
  it.each([
    ['read_committed', 4],
    ['read_uncommitted', 6],
  ] as const)(
    '%s: %i of 6 records delivered (4 committed, 2 in an aborted transaction)',
    (isolation, delivered) => {
      const sim = txnTopic(isolation);
      sim.advanceTo(3_000);
      for (let i = 0; i < 2; i++)
        sim.dispatch({ type: 'produce', producerId: 'tx', key: 'k', value: `a${i}` });
      sim.advanceTo(5_000);
      sim.dispatch({ type: 'abortTransaction', producerId: 'tx' });
      sim.advanceTo(8_000);
      for (let i = 0; i < 4; i++)
        sim.dispatch({ type: 'produce', producerId: 'tx', key: 'k', value: `c${i}` });
      sim.advanceTo(20_000);
      const g = shareGroup(sim);
      expect(g.members[0]!.consumed).toBe(delivered);
      expect(g.stats.accepted).toBe(delivered);
      // Both markers are stepped over: the start offset reaches the log end (8: 6 records, 2 markers).
      expect(g.partitions[0]!.startOffset).toBe(8);
      expect(g.partitions[0]!.lag).toBe(0);
    },
  );

  it('read_committed waits at the last stable offset while a transaction is open', () => {
    const sim = txnTopic('read_committed');
    sim.advanceTo(3_000);
    for (let i = 0; i < 2; i++) sim.dispatch({ type: 'produce', producerId: 'tx', key: 'k', value: `o${i}` });
    sim.advanceTo(8_000);
    // Two records written, their transaction still open: nothing is acquired past the LSO (0).
    expect(sim.view().partitions[0]!.highWatermark).toBe(2);
    expect(shareGroup(sim).members[0]!.consumed).toBe(0);
    for (let i = 0; i < 2; i++)
      sim.dispatch({ type: 'produce', producerId: 'tx', key: 'k', value: `o${i + 2}` });
    sim.advanceTo(20_000);
    expect(shareGroup(sim).members[0]!.consumed).toBe(4);
  });
});

describe('share groups and retention', () => {
  it('records deleted before any member fetched them are never delivered: the start offset follows the log start', () => {
    const b = cluster(3)
      .config({ logRetentionCheckIntervalMs: 1_000 })
      .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config: { 'retention.ms': 2_000 } })
      .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'unique', prefix: 'k-' } });
    const sim = b.build();
    sim.advanceTo(10_000);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 });
    sim.advanceTo(20_000);
    const logStart = sim.view().partitions[0]!.replicaLogs.find((r) => r.brokerId === 1)!.logStartOffset;
    expect(logStart).toBeGreaterThan(150);
    sim.dispatch({
      type: 'addShareGroup',
      group: {
        groupId: 'q',
        topic: 't',
        consumers: [{ id: 'w1' }],
        config: { 'share.auto.offset.reset': 'earliest' },
      },
    });
    sim.advanceTo(25_000);
    const g = shareGroup(sim);
    // earliest is the log start offset, not 0: the deleted records were never there to deliver.
    expect(g.members[0]!.consumed).toBe(sim.view().partitions[0]!.highWatermark - logStart);
    expect(g.partitions[0]!.startOffset).toBe(sim.view().partitions[0]!.highWatermark);
  });

  it('retention deleting records ahead of a slow group moves its start offset past them', () => {
    const b = cluster(3)
      .config({ logRetentionCheckIntervalMs: 1_000 })
      .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config: { 'retention.ms': 2_000 } })
      .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'unique', prefix: 'k-' } });
    b.definition.shareGroups = [
      {
        groupId: 'q',
        topic: 't',
        consumers: [{ id: 'w1', processingTimeMs: 1_000 }],
        config: { 'share.auto.offset.reset': 'earliest', 'max.poll.records': 2 },
      },
    ];
    const sim = b.build();
    sim.advanceTo(20_000);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 });
    sim.advanceTo(30_000);
    const g = shareGroup(sim);
    const logStart = sim.view().partitions[0]!.replicaLogs.find((r) => r.brokerId === 1)!.logStartOffset;
    // Everything has expired by now; the member's next ShareFetch found the log start past its window.
    expect(logStart).toBe(sim.view().partitions[0]!.highWatermark);
    expect(logStart).toBeGreaterThan(350);
    // About two records a second processed out of twenty: the rest were deleted before anyone got them.
    expect(g.members[0]!.consumed).toBeLessThan(70);
    expect(g.partitions[0]!.startOffset).toBe(logStart);
    expect(g.partitions[0]!.lag).toBe(0);
  });
});
