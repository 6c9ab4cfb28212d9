// Lesson: the KIP-848 consumer group protocol (group.protocol=consumer) next to the classic protocol.
// The coordinator computes assignments and members reconcile one by one, without a group-wide barrier.
import type { Scenario } from '../schema';

export const lessonKip848Scenario: Scenario = {
  version: 1,
  id: 'lesson-kip848',
  title: 'Lesson: the new consumer group protocol (KIP-848)',
  description:
    'Two groups read topic invoices. Group ledger-classic uses the classic protocol (JoinGroup, SyncGroup, a client-side assignor, eager by default); group ledger-next sets group.protocol=consumer, where the group coordinator assigns partitions and each member reconciles on its own. Add a member to each and compare, then migrate the classic group.',
  seed: 43,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'invoices',
      partitions: 6,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: {
        '0': [1, 2, 3],
        '1': [2, 3, 1],
        '2': [3, 1, 2],
        '3': [1, 3, 2],
        '4': [2, 1, 3],
        '5': [3, 2, 1],
      },
    },
  ],
  producers: [
    {
      id: 'billing-run',
      topic: 'invoices',
      ratePerSec: 6,
      keys: { kind: 'unique', prefix: 'inv-' },
      valueTemplate: '{"invoiceId":"{key}","event":"invoice_issued","n":{n}}',
      config: { acks: 'all' },
    },
  ],
  groups: [
    {
      groupId: 'ledger-classic',
      topic: 'invoices',
      autoOffsetReset: 'earliest',
      consumers: [
        { id: 'classic-1', processingTimeMs: 10 },
        { id: 'classic-2', processingTimeMs: 10 },
      ],
    },
    {
      groupId: 'ledger-next',
      topic: 'invoices',
      autoOffsetReset: 'earliest',
      config: { 'group.protocol': 'consumer' },
      consumers: [
        { id: 'next-1', processingTimeMs: 10 },
        { id: 'next-2', processingTimeMs: 10 },
      ],
    },
  ],
  steps: [
    {
      id: 'two-protocols',
      title: 'Two groups, two protocols',
      narration:
        'ledger-classic uses the classic protocol: members send JoinGroup and SyncGroup, and the group leader, a consumer, runs the range assignor. ledger-next sets group.protocol=consumer: members only send ConsumerGroupHeartbeat, and the group coordinator on the broker computes the assignment with its uniform assignor.',
      runForMs: 12_000,
      expectations: [
        { kind: 'groupProtocolIs', group: 'ledger-classic', protocol: 'classic' },
        { kind: 'groupProtocolIs', group: 'ledger-next', protocol: 'consumer' },
        { kind: 'assignorIs', group: 'ledger-classic', assignor: 'range' },
        { kind: 'assignorIs', group: 'ledger-next', assignor: 'uniform' },
        { kind: 'groupStateIs', group: 'ledger-classic', state: 'Stable' },
        { kind: 'groupStateIs', group: 'ledger-next', state: 'Stable' },
      ],
      explanation:
        'In the new protocol partition.assignment.strategy is ignored; group.remote.assignor can pick the server-side assignor (uniform or range).',
    },
    {
      id: 'a-member-joins',
      title: 'A third member joins each group',
      narration:
        'A third consumer joins each group. In ledger-classic every member is told to rejoin, revokes all its partitions (eager, the default), and waits at the JoinGroup barrier. In ledger-next the coordinator bumps the group epoch and sets a new target assignment; each member gives up only the partitions it must, at its next heartbeat.',
      actions: [
        { type: 'addConsumer', groupId: 'ledger-classic', consumerId: 'classic-3', processingTimeMs: 10 },
        { type: 'addConsumer', groupId: 'ledger-next', consumerId: 'next-3', processingTimeMs: 10 },
      ],
      runForMs: 12_000,
      expectations: [
        { kind: 'eventHappened', type: 'partitionsRevoked' },
        { kind: 'eventHappened', type: 'groupEpochBumped' },
        { kind: 'groupStateIs', group: 'ledger-next', state: 'Stable' },
        { kind: 'assignedCount', group: 'ledger-next', consumer: 'next-1', count: 2 },
        { kind: 'assignedCount', group: 'ledger-next', consumer: 'next-3', count: 2 },
        { kind: 'assignedCount', group: 'ledger-classic', consumer: 'classic-3', count: 2 },
      ],
      explanation:
        'With KIP-848 there is no group-wide barrier: next-1 and next-2 kept reading the partitions they kept while next-3 received its share. Reconciling follows the heartbeat, every group.consumer.heartbeat.interval.ms (5000 ms), so it is gradual rather than instant.',
    },
    {
      id: 'a-member-leaves',
      title: 'A member leaves the new-protocol group',
      narration:
        'next-3 shuts down cleanly: its last heartbeat carries member epoch -1, meaning it leaves. The coordinator bumps the group epoch and gives its partitions to next-1 and next-2, which pick them up at their next heartbeats.',
      actions: [{ type: 'removeConsumer', consumerId: 'next-3' }],
      runForMs: 12_000,
      expectations: [
        { kind: 'groupStateIs', group: 'ledger-next', state: 'Stable' },
        { kind: 'assignedCount', group: 'ledger-next', consumer: 'next-1', count: 3 },
        { kind: 'assignedCount', group: 'ledger-next', consumer: 'next-2', count: 3 },
        { kind: 'allAssigned', group: 'ledger-next' },
      ],
    },
    {
      id: 'migrate-classic-group',
      title: 'Migrate the classic group',
      narration:
        'The team switches ledger-classic to group.protocol=consumer with a rolling restart of its consumers. The group keeps its committed offsets, so the members carry on where they stopped.',
      waitFor: {
        kind: 'userAction',
        hint: 'Set group.protocol=consumer for group ledger-classic.',
        expect: { kind: 'groupProtocolIs', group: 'ledger-classic', protocol: 'consumer' },
        solution: [
          { type: 'setGroupConfig', groupId: 'ledger-classic', config: { 'group.protocol': 'consumer' } },
        ],
      },
      runForMs: 15_000,
      expectations: [
        { kind: 'groupStateIs', group: 'ledger-classic', state: 'Stable' },
        { kind: 'assignorIs', group: 'ledger-classic', assignor: 'uniform' },
        { kind: 'allAssigned', group: 'ledger-classic' },
        { kind: 'redeliveredIs', group: 'ledger-classic', count: 0 },
      ],
      explanation:
        'The Java client still defaults to group.protocol=classic in this Kafka version, so a group moves to the new protocol only when its consumers are configured for it.',
    },
  ],
};
