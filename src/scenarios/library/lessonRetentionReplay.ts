// Lesson: retention and replay. A topic keeps records for retention.ms whether or not they were read; a
// group can go back and read them again by resetting its committed offsets, but only while it is inactive.
import type { Scenario } from '../schema';

export const lessonRetentionReplayScenario: Scenario = {
  version: 1,
  id: 'lesson-retention-replay',
  title: 'Lesson: retention and replaying with reset-offsets',
  description:
    'Payments are written to topic ledger with retention.ms of 30 seconds (7 days by default), checked every 5 seconds. Watch old records expire, try to reset the offsets of a running group and be refused, then stop the group, reset it to the earliest offset and replay what retention has kept.',
  seed: 37,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    // log.retention.check.interval.ms is 300000 by default; 5000 shows the deletion sooner.
    config: { 'log.retention.check.interval.ms': 5_000 },
  },
  topics: [
    {
      name: 'ledger',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2, 'retention.ms': 30_000 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'payments',
      topic: 'ledger',
      ratePerSec: 3,
      keys: { kind: 'unique', prefix: 'pay-' },
      valueTemplate: '{"paymentId":"{key}","event":"payment_settled","n":{n}}',
      config: { acks: 'all' },
    },
  ],
  groups: [
    {
      groupId: 'reconciliation',
      topic: 'ledger',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'reconciliation-1', processingTimeMs: 10 }],
    },
  ],
  steps: [
    {
      id: 'payments-flow',
      title: 'Payments flow',
      narration:
        'Every settled payment is written to topic ledger, and the reconciliation group reads them and commits its offsets. Reading removes nothing from the log.',
      runForMs: 20_000,
      expectations: [
        { kind: 'groupStateIs', group: 'reconciliation', state: 'Stable' },
        { kind: 'consumedAtLeast', group: 'reconciliation', count: 45 },
        { kind: 'lagBelow', group: 'reconciliation', max: 25 },
      ],
    },
    {
      id: 'retention-deletes',
      title: 'Retention deletes old records',
      narration:
        'retention.ms is 30000 here. Every log.retention.check.interval.ms (shortened to 5000 ms) the brokers delete records older than that, and each partition’s log start offset moves forward.',
      runForMs: 25_000,
      expectations: [
        { kind: 'logStartOffsetAtLeast', partition: 'ledger-0', offset: 5 },
        { kind: 'logStartOffsetAtLeast', partition: 'ledger-1', offset: 5 },
        { kind: 'logStartOffsetAtLeast', partition: 'ledger-2', offset: 5 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Retention is time based (or size based with retention.bytes), not read based: records expire whether or not anyone read them.',
    },
    {
      id: 'reset-refused',
      title: 'Resetting a running group is refused',
      narration:
        'Finance asks for the last 30 seconds to be reconciled again. An operator runs kafka-consumer-groups --reset-offsets --to-earliest while the group is running, and the tool refuses.',
      actions: [{ type: 'resetOffsets', groupId: 'reconciliation', to: 'earliest' }],
      runForMs: 2_000,
      expectations: [
        { kind: 'eventHappened', type: 'commandRejected' },
        { kind: 'groupStateIs', group: 'reconciliation', state: 'Stable' },
      ],
      explanation:
        'Offsets can only be reset for an inactive group: a running consumer would overwrite the reset with its next commit.',
    },
    {
      id: 'stop-the-group',
      title: 'Stop the group',
      narration:
        'The operator stops the reconciliation service. Its consumer commits, sends LeaveGroup, and the group becomes Empty: it has no members but keeps its committed offsets.',
      waitFor: {
        kind: 'userAction',
        hint: 'Stop consumer reconciliation-1.',
        expect: { kind: 'eventHappened', type: 'consumerClosed' },
        solution: [{ type: 'removeConsumer', consumerId: 'reconciliation-1' }],
      },
      runForMs: 5_000,
      expectations: [{ kind: 'groupStateIs', group: 'reconciliation', state: 'Empty' }],
    },
    {
      id: 'reset-and-replay',
      title: 'Reset to earliest and replay',
      narration:
        'Now --reset-offsets --to-earliest is accepted: each partition’s committed offset becomes its log start offset. The service restarts and reads again every payment that retention has kept.',
      actions: [
        { type: 'resetOffsets', groupId: 'reconciliation', to: 'earliest' },
        { type: 'restartConsumer', consumerId: 'reconciliation-1' },
      ],
      runForMs: 15_000,
      expectations: [
        { kind: 'eventHappened', type: 'offsetsReset' },
        { kind: 'groupStateIs', group: 'reconciliation', state: 'Stable' },
        { kind: 'consumedAtLeast', group: 'reconciliation', count: 200 },
        { kind: 'lagBelow', group: 'reconciliation', max: 20 },
      ],
      explanation:
        'The replay started at the log start offset, not at offset 0: what retention deleted cannot be replayed. Keep records as long as you may need to reprocess them.',
    },
  ],
};
