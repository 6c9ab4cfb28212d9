// Lesson: replication and broker failure. Followers copy the leader; the in-sync replica set (ISR) is the
// set that may become leader without losing committed records; min.insync.replicas decides when acks=all
// writes are refused rather than risked.
import type { Scenario } from '../schema';

export const lessonReplicationScenario: Scenario = {
  version: 1,
  id: 'lesson-replication',
  title: 'Lesson: replication, the ISR and broker failure',
  description:
    'Three brokers hold topic inventory with replication factor 3 and min.insync.replicas=2. Slow a follower until it drops out of the ISR, let it rejoin, then lose brokers one by one: first writes are refused with NOT_ENOUGH_REPLICAS, then the partitions go offline, and nothing acknowledged is ever lost.',
  seed: 17,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    // replica.lag.time.max.ms is 30000 by default; 10000 makes a slow follower drop out sooner.
    config: { 'replica.lag.time.max.ms': 10_000 },
  },
  topics: [
    {
      name: 'inventory',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'warehouse',
      topic: 'inventory',
      ratePerSec: 3,
      // Two SKUs per partition (murmur2 of these keys modulo 3).
      keys: { kind: 'cycle', keys: ['sku-100', 'sku-200', 'sku-600', 'sku-400', 'sku-300', 'sku-101'] },
      valueTemplate: '{"sku":"{key}","event":"stock_changed","n":{n}}',
      config: { acks: 'all' },
    },
  ],
  groups: [
    {
      groupId: 'storefront',
      topic: 'inventory',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'storefront-1', processingTimeMs: 10 }],
    },
  ],
  steps: [
    {
      id: 'replicas-and-isr',
      title: 'Leaders, followers and the ISR',
      narration:
        'Each partition of inventory has 3 replicas. The first in the list is the preferred leader: broker 1 leads inventory-0, broker 2 leads inventory-1 and broker 3 leads inventory-2. Followers fetch from the leader, and those that keep up form the in-sync replica set, the ISR.',
      runForMs: 8_000,
      expectations: [
        { kind: 'leaderIs', partition: 'inventory-0', broker: 1 },
        { kind: 'isrIs', partition: 'inventory-0', isr: [1, 2, 3] },
        { kind: 'isrIs', partition: 'inventory-1', isr: [1, 2, 3] },
        { kind: 'isrIs', partition: 'inventory-2', isr: [1, 2, 3] },
        { kind: 'underReplicatedIs', topic: 'inventory', count: 0 },
      ],
      explanation:
        'The high watermark is the offset up to which every ISR member has the records. Consumers only read below it, and acks=all answers a producer once its records are below it.',
    },
    {
      id: 'slow-follower',
      title: 'A slow follower leaves the ISR',
      narration:
        'Broker 3’s disk becomes very slow: it now waits 15 seconds before each fetch. A follower that has not caught up with the leader for replica.lag.time.max.ms (shortened from 30000 ms to 10000 ms here) is removed from the ISR.',
      waitFor: {
        kind: 'userAction',
        hint: 'Slow broker 3 down: 15000 ms before each follower fetch.',
        expect: { kind: 'eventHappened', type: 'brokerSlowed' },
        solution: [{ type: 'slowBroker', brokerId: 3, fetchDelayMs: 15_000 }],
      },
      runForMs: 15_000,
      expectations: [
        { kind: 'eventHappened', type: 'isrShrunk' },
        { kind: 'isrIs', partition: 'inventory-0', isr: [1, 2] },
        { kind: 'isrIs', partition: 'inventory-1', isr: [1, 2] },
        { kind: 'leaderIs', partition: 'inventory-2', broker: 3 },
        { kind: 'underReplicatedIs', topic: 'inventory', count: 2 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'inventory-0 and inventory-1 are under-replicated: fewer in-sync replicas than replicas. Writes go on, because 2 in-sync replicas still meet min.insync.replicas=2. Broker 3 still leads inventory-2: a slow follower is not a slow leader.',
    },
    {
      id: 'follower-rejoins',
      title: 'The follower catches up and rejoins',
      narration:
        'Broker 3’s disk recovers. It fetches everything it missed, and once its log reaches the high watermark the leader adds it back to the ISR.',
      actions: [{ type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 }],
      runForMs: 10_000,
      expectations: [
        { kind: 'eventHappened', type: 'isrExpanded' },
        { kind: 'isrIs', partition: 'inventory-0', isr: [1, 2, 3] },
        { kind: 'underReplicatedIs', topic: 'inventory', count: 0 },
      ],
    },
    {
      id: 'one-broker-fails',
      title: 'A broker fails: writes go on',
      narration:
        'Broker 3 crashes. After broker.session.timeout.ms (9000 ms) the controller fences it, removes it from every ISR and makes broker 1, the next in-sync replica of inventory-2, its leader.',
      actions: [{ type: 'killBroker', brokerId: 3 }],
      runForMs: 12_000,
      expectations: [
        { kind: 'leaderIs', partition: 'inventory-2', broker: 1 },
        { kind: 'isrIs', partition: 'inventory-2', isr: [1, 2] },
        { kind: 'underReplicatedIs', topic: 'inventory', count: 3 },
        { kind: 'eventAbsent', type: 'produceRejected' },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Every ISR now has 2 members, exactly min.insync.replicas, so acks=all writes still succeed. The cluster tolerates one failure, but the next one will stop the writes.',
    },
    {
      id: 'second-broker-fails',
      title: 'A second broker fails: writes are refused',
      narration:
        'Broker 2 crashes too. Once it is fenced, broker 1 leads every partition and every ISR is just [1]. The writes broker 1 had already appended wait in its purgatory for a high watermark that cannot move while the ISR is smaller than min.insync.replicas, and they hold the warehouse’s connection to broker 1 (max.in.flight.requests.per.connection=5) until request.timeout.ms, 30 s, runs out. Retried, they are refused with NOT_ENOUGH_REPLICAS.',
      actions: [{ type: 'killBroker', brokerId: 2 }],
      runForMs: 35_000,
      expectations: [
        { kind: 'isrIs', partition: 'inventory-0', isr: [1] },
        { kind: 'leaderIs', partition: 'inventory-1', broker: 1 },
        { kind: 'eventHappened', type: 'produceRejected' },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Kafka refuses the write instead of accepting a record that a single broker failure could lose. Consumers can still read what was committed. With min.insync.replicas=1 (the default) broker 1 would accept the writes alone.',
    },
    {
      id: 'last-broker-fails',
      title: 'The last broker fails: partitions go offline',
      narration:
        'Now broker 1 fails too. No live replica is left, so every partition is offline: kafka-topics --describe shows Leader: none.',
      waitFor: {
        kind: 'userAction',
        hint: 'Kill broker 1, the last one running.',
        expect: { kind: 'brokerIs', broker: 1, status: 'stopped' },
        solution: [{ type: 'killBroker', brokerId: 1 }],
      },
      runForMs: 12_000,
      expectations: [
        { kind: 'partitionOffline', partition: 'inventory-0' },
        { kind: 'partitionOffline', partition: 'inventory-1' },
        { kind: 'isrIs', partition: 'inventory-0', isr: [1] },
        { kind: 'nothingLost' },
      ],
      explanation:
        'The ISR still names broker 1: the last in-sync replica is kept in the ISR, so that only a replica known to have every committed record can lead when brokers return.',
    },
    {
      id: 'brokers-return',
      title: 'The brokers come back',
      narration:
        'All three brokers restart with their disks intact. Broker 1, the last in-sync replica, becomes leader again; brokers 2 and 3 catch up from it and rejoin the ISR.',
      actions: [
        { type: 'restartBroker', brokerId: 1 },
        { type: 'restartBroker', brokerId: 2 },
        { type: 'restartBroker', brokerId: 3 },
      ],
      runForMs: 15_000,
      expectations: [
        { kind: 'leaderInIsrOf', partition: 'inventory-0' },
        { kind: 'leaderInIsrOf', partition: 'inventory-1' },
        { kind: 'leaderInIsrOf', partition: 'inventory-2' },
        { kind: 'underReplicatedIs', topic: 'inventory', count: 0 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Through every failure, no acknowledged record was lost: a committed record is safe as long as one in-sync replica survives.',
    },
  ],
};
