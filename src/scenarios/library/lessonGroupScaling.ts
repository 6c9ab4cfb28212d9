// Lesson: scaling a consumer group. Partitions are shared out among a group's members; a member beyond
// the partition count sits idle. Eager rebalancing stops every member; cooperative-sticky moves only the
// partitions that change owner.
import type { Scenario } from '../schema';

export const lessonGroupScalingScenario: Scenario = {
  version: 1,
  id: 'lesson-group-scaling',
  title: 'Lesson: scaling a consumer group, eager vs cooperative',
  description:
    'Topic clicks has 3 partitions. Group reports uses the default partition.assignment.strategy (range first, so eager rebalancing); group dashboard lists only cooperative-sticky. Add consumers to both and compare the rebalances, then add more consumers than partitions and watch one sit idle.',
  seed: 31,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'clicks',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'website',
      topic: 'clicks',
      ratePerSec: 6,
      // Two pages per partition (murmur2 of these keys modulo 3).
      keys: {
        kind: 'cycle',
        keys: ['page-help', 'page-cart', 'page-home', 'page-about', 'page-checkout', 'page-search'],
      },
      valueTemplate: '{"page":"{key}","event":"click","n":{n}}',
      config: { acks: 'all' },
    },
  ],
  groups: [
    {
      groupId: 'reports',
      topic: 'clicks',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'reports-1', processingTimeMs: 10 }],
    },
    {
      groupId: 'dashboard',
      topic: 'clicks',
      autoOffsetReset: 'earliest',
      config: { 'partition.assignment.strategy': ['cooperative-sticky'] },
      consumers: [{ id: 'dashboard-1', processingTimeMs: 10 }],
    },
  ],
  steps: [
    {
      id: 'one-consumer-each',
      title: 'One consumer per group',
      narration:
        'Each group has one consumer, so it owns all 3 partitions. Both groups read every click: a consumer group shares partitions among its own members only. Group reports runs the range assignor, the first in the default list [range, cooperative-sticky]; dashboard runs cooperative-sticky.',
      runForMs: 8_000,
      expectations: [
        { kind: 'assignedCount', group: 'reports', consumer: 'reports-1', count: 3 },
        { kind: 'assignedCount', group: 'dashboard', consumer: 'dashboard-1', count: 3 },
        { kind: 'assignorIs', group: 'reports', assignor: 'range' },
        { kind: 'assignorIs', group: 'dashboard', assignor: 'cooperative-sticky' },
      ],
    },
    {
      id: 'add-second-consumer',
      title: 'Add a second consumer: eager vs cooperative',
      narration:
        'A second consumer joins each group. In reports (eager), reports-1 gives up all its partitions before rejoining, so for a moment nobody reads. In dashboard (cooperative), dashboard-1 keeps reading clicks-0 and clicks-1, releases only clicks-2, and a second rebalance hands it to dashboard-2.',
      actions: [
        { type: 'addConsumer', groupId: 'reports', consumerId: 'reports-2', processingTimeMs: 10 },
        { type: 'addConsumer', groupId: 'dashboard', consumerId: 'dashboard-2', processingTimeMs: 10 },
      ],
      runForMs: 12_000,
      expectations: [
        { kind: 'eventHappened', type: 'partitionsRevoked' },
        { kind: 'generationIs', group: 'reports', generation: 2 },
        { kind: 'generationIs', group: 'dashboard', generation: 3 },
        { kind: 'assignedCount', group: 'reports', consumer: 'reports-2', count: 1 },
        { kind: 'assignedCount', group: 'dashboard', consumer: 'dashboard-1', count: 2 },
        { kind: 'assignedCount', group: 'dashboard', consumer: 'dashboard-2', count: 1 },
      ],
      explanation:
        'Cooperative rebalancing (KIP-429) needs two rebalances, hence generation 3, but only the partition that changes owner stops. Eager rebalancing is one stop-the-world round: every member drops everything.',
    },
    {
      id: 'more-consumers-than-partitions',
      title: 'More consumers than partitions',
      narration:
        'Two more consumers join reports, making 4 members for 3 partitions. Each partition is read by exactly one member of a group, so one member gets nothing and sits idle.',
      actions: [
        { type: 'addConsumer', groupId: 'reports', consumerId: 'reports-3', processingTimeMs: 10 },
        { type: 'addConsumer', groupId: 'reports', consumerId: 'reports-4', processingTimeMs: 10 },
      ],
      runForMs: 12_000,
      expectations: [
        { kind: 'groupStateIs', group: 'reports', state: 'Stable' },
        { kind: 'memberIdle', group: 'reports', consumer: 'reports-4' },
        { kind: 'allAssigned', group: 'reports' },
      ],
      explanation:
        'The number of partitions caps a group’s parallelism. An idle member is not wasted, though: it is a standby.',
    },
    {
      id: 'idle-member-takes-over',
      title: 'A member leaves; the idle one takes over',
      narration:
        'reports-1 is shut down cleanly: it sends LeaveGroup, the group rebalances at once, and reports-4 gets a partition.',
      waitFor: {
        kind: 'userAction',
        hint: 'Stop consumer reports-1 (close it cleanly).',
        expect: { kind: 'eventHappened', type: 'consumerClosed' },
        solution: [{ type: 'removeConsumer', consumerId: 'reports-1' }],
      },
      runForMs: 12_000,
      expectations: [
        { kind: 'assignedCount', group: 'reports', consumer: 'reports-4', count: 1 },
        { kind: 'allAssigned', group: 'reports' },
        { kind: 'redeliveredIs', group: 'reports', count: 0 },
      ],
      explanation:
        'A clean shutdown commits and leaves at once. A crash would instead be noticed only after session.timeout.ms (45000 ms by default).',
    },
  ],
};
