// Lesson: unclean leader election. When no in-sync replica survives, Kafka keeps the partition offline
// rather than let a stale replica lead; forcing an unclean election brings it back and loses records.
import type { Scenario } from '../schema';

export const lessonUncleanElectionScenario: Scenario = {
  version: 1,
  id: 'lesson-unclean-election',
  title: 'Lesson: unclean leader election loses records',
  description:
    'One partition, three replicas, acks=all with the default min.insync.replicas=1. A replica falls out of the ISR, then every in-sync replica fails. The partition stays offline until an operator forces an unclean election, which makes the stale replica leader and loses the records it never had.',
  seed: 29,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'audit-events',
      partitions: 1,
      replicationFactor: 3,
      assignment: { '0': [1, 2, 3] },
    },
  ],
  producers: [
    {
      id: 'backoffice',
      topic: 'audit-events',
      ratePerSec: 4,
      keys: { kind: 'cycle', keys: ['user-admin', 'user-ops'] },
      valueTemplate: '{"actor":"{key}","event":"permission_changed","n":{n}}',
      config: { acks: 'all' },
    },
  ],
  groups: [],
  steps: [
    {
      id: 'three-in-sync',
      title: 'Three replicas in sync',
      narration:
        'Broker 1 leads audit-events-0 and brokers 2 and 3 follow it. The producer uses acks=all; min.insync.replicas is left at its default of 1.',
      runForMs: 5_000,
      expectations: [{ kind: 'isrIs', partition: 'audit-events-0', isr: [1, 2, 3] }, { kind: 'nothingLost' }],
    },
    {
      id: 'replica-falls-out',
      title: 'Broker 3 dies and leaves the ISR',
      narration:
        'Broker 3 crashes. Once the controller fences it, the ISR is [1, 2], and acks=all now only needs brokers 1 and 2. Writes go on; broker 3’s copy of the log stops growing.',
      actions: [{ type: 'killBroker', brokerId: 3 }],
      runForMs: 15_000,
      expectations: [
        { kind: 'isrIs', partition: 'audit-events-0', isr: [1, 2] },
        { kind: 'acknowledgedAtLeast', count: 60 },
        { kind: 'nothingLost' },
      ],
    },
    {
      id: 'in-sync-replicas-fail',
      title: 'The in-sync replicas fail; the stale one returns',
      narration:
        'Broker 2 is shut down for maintenance and broker 1 crashes. Broker 3 comes back, but it is not in the ISR: it lacks everything written while it was away. With unclean.leader.election.enable=false, the default, the partition stays offline.',
      actions: [
        { type: 'shutdownBroker', brokerId: 2 },
        { type: 'killBroker', brokerId: 1 },
        { type: 'restartBroker', brokerId: 3 },
      ],
      runForMs: 15_000,
      expectations: [
        { kind: 'partitionOffline', partition: 'audit-events-0' },
        { kind: 'isrIs', partition: 'audit-events-0', isr: [1] },
        { kind: 'brokerIs', broker: 3, status: 'running' },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Kafka prefers being unavailable to losing committed records: it waits for broker 1, the last in-sync replica, to come back.',
    },
    {
      id: 'force-unclean-election',
      title: 'Force an unclean election',
      narration:
        'An operator cannot wait and runs kafka-leader-election --election-type unclean. The controller makes broker 3 leader although it is not in the ISR, sets the ISR to [3], and writes resume on top of its stale log.',
      waitFor: {
        kind: 'userAction',
        hint: 'Run an unclean leader election for audit-events-0.',
        expect: { kind: 'eventHappened', type: 'uncleanLeaderElected' },
        solution: [{ type: 'electUncleanLeader', partitionId: 'audit-events-0' }],
      },
      runForMs: 5_000,
      expectations: [
        { kind: 'leaderIs', partition: 'audit-events-0', broker: 3 },
        { kind: 'isrIs', partition: 'audit-events-0', isr: [3] },
      ],
      explanation:
        'Setting unclean.leader.election.enable=true on the topic would have done the same without an operator, at the controller’s next check (every unclean.leader.election.interval.ms, 300000 ms by default).',
    },
    {
      id: 'records-lost',
      title: 'The old replicas return and truncate',
      narration:
        'Brokers 1 and 2 restart and follow broker 3. Their logs diverge from the new leader’s where broker 3 fell behind, so they truncate: the records written while broker 3 was away are gone from every replica.',
      actions: [
        { type: 'restartBroker', brokerId: 1 },
        { type: 'restartBroker', brokerId: 2 },
      ],
      runForMs: 10_000,
      expectations: [
        { kind: 'eventHappened', type: 'truncated' },
        { kind: 'lostAtLeast', count: 40 },
        { kind: 'isrIs', partition: 'audit-events-0', isr: [1, 2, 3] },
      ],
      explanation:
        'An unclean election trades durability for availability: every acknowledged record broker 3 lacked is lost, although each was on two brokers when it was acknowledged. The safe choice was to bring broker 1 or 2 back; enable unclean elections only for data you can afford to lose.',
    },
  ],
};
