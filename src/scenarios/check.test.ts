// Every expectation kind against a hand-made view: one case that holds, one that does not, and the
// failing message says both what was expected and what the simulation shows.
import { describe, expect, it } from 'vitest';
import { checkExpectation, describeExpectation } from './check';
import { EXPECTATION_KINDS, expectationSchema, type Expectation, type ExpectationKind } from './expectations';
import { sampleView } from './testing/view';
import type { SimView } from '../engine/index';

interface Case {
  pass: Expectation;
  /** Changes the view for the passing case only. */
  passWhen?: (view: SimView) => void;
  fail: Expectation;
  /** The whole message of the failing case. */
  message: string;
}

const cases: Record<ExpectationKind, Case> = {
  leaderIs: {
    pass: { kind: 'leaderIs', partition: 'orders-0', broker: 1 },
    fail: { kind: 'leaderIs', partition: 'orders-1', broker: 1 },
    message: 'Expected: broker 1 leads orders-1. The simulation shows: broker 2 leads orders-1.',
  },
  leaderIsNot: {
    pass: { kind: 'leaderIsNot', partition: 'orders-1', broker: 1 },
    fail: { kind: 'leaderIsNot', partition: 'orders-2', broker: 3 },
    message:
      'Expected: a broker other than 3 leads orders-2. The simulation shows: orders-2 has no leader (Leader: none).',
  },
  leaderInIsrOf: {
    pass: { kind: 'leaderInIsrOf', partition: 'orders-0' },
    fail: { kind: 'leaderInIsrOf', partition: 'orders-2' },
    message:
      'Expected: orders-2 has a leader, and that leader is in its ISR. The simulation shows: orders-2 has no leader (Leader: none) and the ISR of orders-2 is [3].',
  },
  leaderStopped: {
    pass: { kind: 'leaderStopped', partition: 'orders-1' },
    passWhen: (view) => {
      view.brokers[1]!.status = 'stopped';
    },
    fail: { kind: 'leaderStopped', partition: 'orders-0' },
    message:
      'Expected: the broker that leads orders-0 is stopped. The simulation shows: broker 1 leads orders-0 and is running.',
  },
  isrIs: {
    pass: { kind: 'isrIs', partition: 'orders-1', isr: [1, 2] },
    fail: { kind: 'isrIs', partition: 'orders-0', isr: [1, 2, 3] },
    message:
      'Expected: the ISR of orders-0 is [1, 2, 3]. The simulation shows: the ISR of orders-0 is [1, 2].',
  },
  isrSizeIs: {
    pass: { kind: 'isrSizeIs', partition: 'orders-0', size: 2 },
    fail: { kind: 'isrSizeIs', partition: 'orders-0', size: 3 },
    message:
      'Expected: orders-0 has 3 in-sync replicas. The simulation shows: the ISR of orders-0 is [1, 2].',
  },
  partitionOffline: {
    pass: { kind: 'partitionOffline', partition: 'orders-2' },
    fail: { kind: 'partitionOffline', partition: 'orders-0' },
    message: 'Expected: orders-0 is offline (Leader: none). The simulation shows: broker 1 leads orders-0.',
  },
  underReplicatedIs: {
    pass: { kind: 'underReplicatedIs', topic: 'orders', count: 3 },
    fail: { kind: 'underReplicatedIs', topic: 'orders', count: 0 },
    message:
      'Expected: topic orders has 0 under-replicated partitions. The simulation shows: topic orders has 3 under-replicated partitions.',
  },
  brokerIs: {
    pass: { kind: 'brokerIs', broker: 3, status: 'stopped' },
    fail: { kind: 'brokerIs', broker: 2, status: 'stopped' },
    message: 'Expected: broker 2 is stopped. The simulation shows: broker 2 is running.',
  },
  partitionCountIs: {
    pass: { kind: 'partitionCountIs', topic: 'orders', count: 3 },
    fail: { kind: 'partitionCountIs', topic: 'orders', count: 6 },
    message: 'Expected: topic orders has 6 partitions. The simulation shows: topic orders has 3 partitions.',
  },
  logStartOffsetAtLeast: {
    pass: { kind: 'logStartOffsetAtLeast', partition: 'orders-0', offset: 4 },
    fail: { kind: 'logStartOffsetAtLeast', partition: 'orders-1', offset: 1 },
    message:
      'Expected: the log of orders-1 starts at offset 1 or later. The simulation shows: the log of orders-1 starts at offset 0.',
  },
  keyOn: {
    pass: { kind: 'keyOn', topic: 'orders', key: 'bob', partition: 'orders-1' },
    fail: { kind: 'keyOn', topic: 'orders', key: 'alice', partition: 'orders-1' },
    message:
      'Expected: the newest record with key "alice" in topic orders is on orders-1. The simulation shows: the newest record with key "alice" is on orders-0.',
  },
  topicRecordsIs: {
    pass: { kind: 'topicRecordsIs', topic: 'orders', count: 30 },
    fail: { kind: 'topicRecordsIs', topic: 'orders', count: 1 },
    message:
      'Expected: exactly 1 record written to topic orders. The simulation shows: 30 records written to topic orders.',
  },
  topicRecordsAtLeast: {
    pass: { kind: 'topicRecordsAtLeast', topic: 'orders', count: 30 },
    fail: { kind: 'topicRecordsAtLeast', topic: 'orders', count: 31 },
    message:
      'Expected: at least 31 records written to topic orders. The simulation shows: 30 records written to topic orders.',
  },
  producedAtLeast: {
    pass: { kind: 'producedAtLeast', producer: 'checkout', count: 40 },
    fail: { kind: 'producedAtLeast', producer: 'checkout', count: 41 },
    message:
      'Expected: producer checkout has sent at least 41 records. The simulation shows: producer checkout has sent 40 records.',
  },
  producerWritesTo: {
    pass: { kind: 'producerWritesTo', producer: 'checkout', topic: 'orders' },
    fail: { kind: 'producerWritesTo', producer: 'checkout', topic: 'orders.DLT' },
    message:
      'Expected: producer checkout writes to topic orders.DLT. The simulation shows: producer checkout writes to topic orders.',
  },
  nothingLost: {
    pass: { kind: 'lostAtLeast', count: 1 },
    fail: { kind: 'nothingLost' },
    message:
      'Expected: no acknowledged record is lost. The simulation shows: 1 acknowledged record lost (the last: acks=1: leader 3 acknowledged offset 9 of orders-2).',
  },
  lostIs: {
    pass: { kind: 'lostIs', count: 1 },
    fail: { kind: 'lostIs', count: 0 },
    message:
      'Expected: exactly 0 acknowledged records lost. The simulation shows: 1 acknowledged record lost (the last: acks=1: leader 3 acknowledged offset 9 of orders-2).',
  },
  lostAtLeast: {
    pass: { kind: 'lostAtLeast', count: 1 },
    fail: { kind: 'lostAtLeast', count: 2 },
    message:
      'Expected: at least 2 acknowledged records lost. The simulation shows: 1 acknowledged record lost (the last: acks=1: leader 3 acknowledged offset 9 of orders-2).',
  },
  acknowledgedAtLeast: {
    pass: { kind: 'acknowledgedAtLeast', count: 30 },
    fail: { kind: 'acknowledgedAtLeast', count: 31 },
    message:
      'Expected: at least 31 records acknowledged to the producers. The simulation shows: 30 records acknowledged.',
  },
  abortedAtLeast: {
    pass: { kind: 'abortedAtLeast', count: 3 },
    fail: { kind: 'abortedAtLeast', count: 4 },
    message:
      'Expected: at least 4 records written in aborted transactions. The simulation shows: 3 records in aborted transactions.',
  },
  duplicatedAtLeast: {
    pass: { kind: 'duplicatedAtLeast', count: 2 },
    fail: { kind: 'duplicatedAtLeast', count: 3 },
    message:
      'Expected: at least 3 records written to the log more than once. The simulation shows: 2 records written more than once.',
  },
  duplicatedIs: {
    pass: { kind: 'duplicatedIs', count: 2 },
    fail: { kind: 'duplicatedIs', count: 0 },
    message:
      'Expected: exactly 0 records written to the log more than once. The simulation shows: 2 records written more than once.',
  },
  reorderedIs: {
    pass: { kind: 'reorderedIs', count: 0 },
    fail: { kind: 'reorderedIs', count: 1 },
    message:
      'Expected: exactly 1 record committed out of order for its key. The simulation shows: 0 records out of order for its key.',
  },
  lagBelow: {
    pass: { kind: 'lagBelow', group: 'billing', max: 5 },
    fail: { kind: 'lagBelow', group: 'billing', max: 4 },
    message:
      'Expected: group billing lags by at most 4 records. The simulation shows: group billing lags by 5 records.',
  },
  lagAbove: {
    pass: { kind: 'lagAbove', group: 'billing', min: 5 },
    fail: { kind: 'lagAbove', group: 'billing', min: 50 },
    message:
      'Expected: group billing lags by at least 50 records. The simulation shows: group billing lags by 5 records.',
  },
  groupStateIs: {
    pass: { kind: 'groupStateIs', group: 'billing', state: 'Stable' },
    fail: { kind: 'groupStateIs', group: 'billing', state: 'Empty' },
    message: 'Expected: group billing is Empty. The simulation shows: group billing is Stable.',
  },
  groupProtocolIs: {
    pass: { kind: 'groupProtocolIs', group: 'billing', protocol: 'classic' },
    fail: { kind: 'groupProtocolIs', group: 'billing', protocol: 'consumer' },
    message:
      'Expected: group billing uses group.protocol=consumer. The simulation shows: group billing uses group.protocol=classic.',
  },
  assignorIs: {
    pass: { kind: 'assignorIs', group: 'billing', assignor: 'range' },
    fail: { kind: 'assignorIs', group: 'billing', assignor: 'cooperative-sticky' },
    message:
      'Expected: group billing uses the cooperative-sticky assignor. The simulation shows: group billing uses the range assignor.',
  },
  generationIs: {
    pass: { kind: 'generationIs', group: 'billing', generation: 2 },
    fail: { kind: 'generationIs', group: 'billing', generation: 3 },
    message:
      'Expected: group billing is at generation 3. The simulation shows: group billing is at generation 2.',
  },
  allAssigned: {
    pass: { kind: 'groupStateIs', group: 'billing', state: 'Stable' },
    fail: { kind: 'allAssigned', group: 'billing' },
    message:
      'Expected: every partition group billing subscribes to has an owner. The simulation shows: orders-2 has no owner.',
  },
  memberIdle: {
    pass: { kind: 'memberIdle', group: 'billing', consumer: 'billing-2' },
    fail: { kind: 'memberIdle', group: 'billing', consumer: 'billing-3' },
    message:
      'Expected: consumer billing-3 of group billing is running but owns no partition. The simulation shows: consumer billing-3 is stopped and owns no partition.',
  },
  assignedCount: {
    pass: { kind: 'assignedCount', group: 'billing', consumer: 'billing-1', count: 2 },
    fail: { kind: 'assignedCount', group: 'billing', consumer: 'billing-1', count: 1 },
    message:
      'Expected: consumer billing-1 of group billing owns 1 partition. The simulation shows: consumer billing-1 is running and owns 2 partitions (orders-0, orders-1).',
  },
  consumedAtLeast: {
    pass: { kind: 'consumedAtLeast', group: 'billing', count: 47 },
    fail: { kind: 'consumedAtLeast', group: 'billing', count: 48 },
    message:
      'Expected: group billing has processed at least 48 records. The simulation shows: group billing has processed 47 records.',
  },
  consumedAtMost: {
    pass: { kind: 'consumedAtMost', group: 'billing', count: 47 },
    fail: { kind: 'consumedAtMost', group: 'billing', count: 46 },
    message:
      'Expected: group billing has processed at most 46 records. The simulation shows: group billing has processed 47 records.',
  },
  redeliveredAtLeast: {
    pass: { kind: 'redeliveredAtLeast', group: 'billing', count: 4 },
    fail: { kind: 'redeliveredAtLeast', group: 'billing', count: 5 },
    message:
      'Expected: group billing has processed at least 5 records a second time. The simulation shows: group billing has processed 4 records a second time.',
  },
  redeliveredIs: {
    pass: { kind: 'redeliveredIs', group: 'billing', count: 4 },
    fail: { kind: 'redeliveredIs', group: 'billing', count: 0 },
    message:
      'Expected: group billing has processed exactly 0 records a second time. The simulation shows: group billing has processed 4 records a second time.',
  },
  groupReads: {
    pass: { kind: 'groupReads', group: 'billing', topic: 'orders' },
    fail: { kind: 'groupReads', group: 'billing', topic: 'payments.DLT' },
    message:
      'Expected: group billing reads topic payments.DLT. The simulation shows: group billing reads topic orders.',
  },
  partitionLagAbove: {
    pass: { kind: 'partitionLagAbove', group: 'billing', partition: 'orders-1', min: 3 },
    fail: { kind: 'partitionLagAbove', group: 'billing', partition: 'orders-2', min: 1 },
    message:
      'Expected: group billing lags by at least 1 record on orders-2. The simulation shows: group billing lags by 0 records on orders-2.',
  },
  partitionLagBelow: {
    pass: { kind: 'partitionLagBelow', group: 'billing', partition: 'orders-2', max: 0 },
    fail: { kind: 'partitionLagBelow', group: 'billing', partition: 'orders-1', max: 2 },
    message:
      'Expected: group billing lags by at most 2 records on orders-1. The simulation shows: group billing lags by 3 records on orders-1.',
  },
  shareConsumedAtLeast: {
    pass: { kind: 'shareConsumedAtLeast', group: 'packing', consumer: 'packer-1', count: 12 },
    fail: { kind: 'shareConsumedAtLeast', group: 'packing', consumer: 'packer-2', count: 4 },
    message:
      'Expected: share consumer packer-2 of share group packing has processed at least 4 records. The simulation shows: share consumer packer-2 is crashed and has processed 3 records.',
  },
  shareHoldingAtLeast: {
    pass: { kind: 'shareHoldingAtLeast', group: 'packing', consumer: 'packer-2', count: 2 },
    fail: { kind: 'shareHoldingAtLeast', group: 'packing', consumer: 'packer-1', count: 2 },
    message:
      'Expected: share consumer packer-1 of share group packing holds the acquisition locks of at least 2 records. The simulation shows: share consumer packer-1 is running and holds the acquisition locks of 1 record (ACQUIRED).',
  },
  shareHoldingIs: {
    pass: { kind: 'shareHoldingIs', group: 'packing', consumer: 'packer-2', count: 0 },
    passWhen: (view) => {
      view.shareGroups[0]!.members[1]!.holding = 0;
    },
    fail: { kind: 'shareHoldingIs', group: 'packing', consumer: 'packer-2', count: 0 },
    message:
      'Expected: share consumer packer-2 of share group packing holds the acquisition locks of exactly 0 records. The simulation shows: share consumer packer-2 is crashed and holds the acquisition locks of 2 records (ACQUIRED).',
  },
  shareMembersIs: {
    pass: { kind: 'shareMembersIs', group: 'packing', count: 2 },
    fail: { kind: 'shareMembersIs', group: 'packing', count: 1 },
    message:
      'Expected: share group packing has 1 member. The simulation shows: share group packing has 2 members (packer-1, packer-2).',
  },
  shareRedeliveredAtLeast: {
    pass: { kind: 'shareRedeliveredAtLeast', group: 'packing', count: 4 },
    fail: { kind: 'shareRedeliveredAtLeast', group: 'packing', count: 5 },
    message:
      'Expected: share group packing has delivered at least 5 records again (delivery count 2 or more). The simulation shows: share group packing has delivered 4 records again.',
  },
  shareArchivedAtLeast: {
    pass: { kind: 'shareArchivedAtLeast', group: 'packing', count: 1 },
    fail: { kind: 'shareArchivedAtLeast', group: 'packing', count: 2 },
    message:
      'Expected: share group packing has archived at least 2 records at share.delivery.count.limit. The simulation shows: share group packing has archived 1 record at share.delivery.count.limit (5).',
  },
  eventHappened: {
    pass: { kind: 'eventHappened', type: 'brokerKilled' },
    fail: { kind: 'eventHappened', type: 'leaderElected' },
    message:
      'Expected: a "leaderElected" event happened during this step. The simulation shows: no "leaderElected" event since 10000 ms.',
  },
  eventAbsent: {
    pass: { kind: 'eventAbsent', type: 'leaderElected' },
    fail: { kind: 'eventAbsent', type: 'brokerKilled' },
    message:
      'Expected: no "brokerKilled" event happened during this step. The simulation shows: at 12000 ms: Broker 3 crashed.',
  },
};

// Events before the step (10000 ms) belong to earlier steps.
const context = { sinceMs: 10_000 };

describe('checkExpectation', () => {
  it('has a case for every expectation kind', () => {
    expect(Object.keys(cases).sort()).toEqual([...EXPECTATION_KINDS].sort());
  });

  it.each(EXPECTATION_KINDS.map((kind) => [kind, cases[kind]] as const))(
    '%s: holds, fails with a message naming both sides',
    (_kind, c) => {
      const passView = sampleView();
      c.passWhen?.(passView);
      const passed = checkExpectation(passView, c.pass, context);
      expect(passed.ok, passed.message).toBe(true);
      expect(passed.message).toMatch(/^Expected: .+\. The simulation shows: .+\.$/);
      const failed = checkExpectation(sampleView(), c.fail, context);
      expect(failed).toEqual({ ok: false, message: c.message });
    },
  );

  it('every case is valid data for the schema', () => {
    for (const c of Object.values(cases)) {
      expect(expectationSchema.safeParse(c.pass).success).toBe(true);
      expect(expectationSchema.safeParse(c.fail).success).toBe(true);
    }
  });

  it('says plainly when the thing it checks does not exist', () => {
    const view = sampleView();
    expect(checkExpectation(view, { kind: 'leaderIs', partition: 'orders-9', broker: 1 })).toEqual({
      ok: false,
      message: 'Expected: broker 1 leads orders-9. The simulation shows: no partition orders-9.',
    });
    expect(checkExpectation(view, { kind: 'lagBelow', group: 'audit', max: 1 }).message).toBe(
      'Expected: group audit lags by at most 1 record. The simulation shows: no group audit.',
    );
    expect(
      checkExpectation(view, { kind: 'memberIdle', group: 'billing', consumer: 'billing-9' }).message,
    ).toMatch(/shows: group billing has no consumer billing-9\.$/);
    expect(
      checkExpectation(view, { kind: 'keyOn', topic: 'orders', key: 'zed', partition: 'orders-0' }).message,
    ).toMatch(/shows: no recent record of topic orders has key "zed"\.$/);
    expect(checkExpectation(view, { kind: 'brokerIs', broker: 9, status: 'running' }).ok).toBe(false);
    expect(checkExpectation(view, { kind: 'underReplicatedIs', topic: 'nope', count: 0 }).ok).toBe(false);
    expect(checkExpectation(view, { kind: 'topicRecordsIs', topic: 'nope', count: 0 }).message).toMatch(
      /shows: no topic nope\.$/,
    );
    expect(
      checkExpectation(view, { kind: 'partitionLagBelow', group: 'billing', partition: 'nope-0', max: 5 })
        .message,
    ).toMatch(/shows: group billing does not read nope-0\.$/);
    expect(
      checkExpectation(view, { kind: 'producerWritesTo', producer: 'billing-dlq', topic: 'x' }).message,
    ).toMatch(/shows: no producer billing-dlq\.$/);
    expect(checkExpectation(view, { kind: 'shareMembersIs', group: 'billing', count: 1 }).message).toMatch(
      /shows: no share group billing\.$/,
    );
    expect(
      checkExpectation(view, { kind: 'shareHoldingIs', group: 'packing', consumer: 'packer-9', count: 0 })
        .message,
    ).toMatch(/shows: share group packing has no consumer packer-9\.$/);
  });

  it('reads a partition without a committed offset as LAG -, neither above nor below', () => {
    const view = sampleView();
    view.groups[0]!.partitions[0]!.lag = null;
    for (const e of [
      { kind: 'partitionLagAbove', group: 'billing', partition: 'orders-0', min: 0 },
      { kind: 'partitionLagBelow', group: 'billing', partition: 'orders-0', max: 100 },
    ] as const)
      expect(checkExpectation(view, e)).toEqual({
        ok: false,
        message: expect.stringMatching(
          /shows: group billing has no committed offset on orders-0 \(LAG -\)\.$/,
        ),
      });
  });

  it('counts events from the start of the view when no step start is given', () => {
    const view = sampleView();
    expect(checkExpectation(view, { kind: 'eventHappened', type: 'leaderElected' }).ok).toBe(true);
  });

  it('a leader that is running does not count as stopped, and a stopped one does', () => {
    const view = sampleView();
    view.brokers[0]!.status = 'stopped';
    expect(checkExpectation(view, { kind: 'leaderStopped', partition: 'orders-0' })).toEqual({
      ok: true,
      message:
        'Expected: the broker that leads orders-0 is stopped. The simulation shows: broker 1 leads orders-0 and is stopped.',
    });
  });

  it('describes an expectation as a goal the UI can show before checking it', () => {
    expect(describeExpectation({ kind: 'isrIs', partition: 'orders-0', isr: [3, 1, 2] })).toBe(
      'the ISR of orders-0 is [1, 2, 3]',
    );
    expect(describeExpectation({ kind: 'assignedCount', group: 'g', consumer: 'c', count: 1 })).toBe(
      'consumer c of group g owns 1 partition',
    );
  });
});
