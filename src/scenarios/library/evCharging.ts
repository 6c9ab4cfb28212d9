// EV charging: charging stations report their status, keyed by station id, so each station's updates stay
// in order on one partition. Billing is slow; the live map is not, and each group keeps its own offsets.
import type { Scenario } from '../schema';

export const evChargingScenario: Scenario = {
  version: 1,
  id: 'ev-charging',
  title: 'EV charging: a slow billing consumer builds lag',
  description:
    'Charging stations send status changes to topic station-status, keyed by station id. The live map and billing read the same topic in two consumer groups. Billing (which takes at most 10 records per poll, max.poll.records=10) slows down and falls behind; the map does not notice. Adding billing consumers lets it catch up, and every station’s updates stay in order.',
  seed: 11,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'station-status',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'charging-stations',
      topic: 'station-status',
      ratePerSec: 6,
      keys: {
        kind: 'cycle',
        // Two stations per partition (murmur2 of these ids modulo 3), so the load is even.
        keys: ['station-A1', 'station-A2', 'station-B1', 'station-B2', 'station-C2', 'station-E1'],
      },
      valueTemplate: '{"stationId":"{key}","event":"status_changed","n":{n}}',
      config: { acks: 'all' },
    },
  ],
  groups: [
    {
      groupId: 'station-map',
      topic: 'station-status',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'map-1', processingTimeMs: 10 }],
    },
    {
      groupId: 'billing',
      topic: 'station-status',
      autoOffsetReset: 'earliest',
      // Small polls keep the lag curve smooth: billing takes at most 10 records per poll.
      config: { 'max.poll.records': 10 },
      consumers: [{ id: 'billing-1', processingTimeMs: 50 }],
    },
  ],
  steps: [
    {
      id: 'stations-report',
      title: 'Stations report their status',
      narration:
        'Each charging station sends a record whenever its status changes, with its station id as the key. The producer hashes the key (murmur2) to choose the partition, so every update from one station lands on the same partition. Two consumer groups, station-map and billing, each read every record.',
      runForMs: 10_000,
      expectations: [
        { kind: 'groupStateIs', group: 'station-map', state: 'Stable' },
        { kind: 'groupStateIs', group: 'billing', state: 'Stable' },
        { kind: 'lagBelow', group: 'billing', max: 40 },
        { kind: 'reorderedIs', count: 0 },
      ],
      explanation:
        'Kafka keeps order within a partition, not across a topic. Because a station always maps to the same partition, its updates are read in the order they were written. Lag is measured from the committed offset, and consumers commit every auto.commit.interval.ms (5000 ms), so even a healthy group shows up to about 5 seconds of records as lag.',
    },
    {
      id: 'billing-slows',
      title: 'Billing slows down',
      narration:
        'The billing service starts calling a slow payment provider: each record now takes 300 ms to process, so one consumer handles about 3 records a second while the stations send 6. Watch the lag of group billing, the distance between the end of each partition and billing’s committed offset.',
      waitFor: {
        kind: 'userAction',
        hint: 'Slow consumer billing-1 down to 300 ms per record.',
        expect: { kind: 'eventHappened', type: 'consumerSlowed' },
        solution: [{ type: 'slowConsumer', consumerId: 'billing-1', processingTimeMs: 300 }],
      },
      runForMs: 30_000,
      expectations: [
        { kind: 'lagAbove', group: 'billing', min: 60 },
        { kind: 'lagBelow', group: 'station-map', max: 40 },
      ],
      explanation:
        'Billing now falls about 3 records further behind every second. The live map is unaffected: each group has its own committed offsets, and a slow group never slows the producer or another group.',
    },
    {
      id: 'scale-billing',
      title: 'Add billing consumers',
      narration:
        'To catch up, the billing team starts two more instances in the same group. The group rebalances and gives each of the three consumers one partition, so three records are processed at a time.',
      actions: [
        { type: 'addConsumer', groupId: 'billing', consumerId: 'billing-2', processingTimeMs: 300 },
        { type: 'addConsumer', groupId: 'billing', consumerId: 'billing-3', processingTimeMs: 300 },
      ],
      runForMs: 15_000,
      expectations: [
        { kind: 'groupStateIs', group: 'billing', state: 'Stable' },
        { kind: 'assignedCount', group: 'billing', consumer: 'billing-1', count: 1 },
        { kind: 'assignedCount', group: 'billing', consumer: 'billing-2', count: 1 },
        { kind: 'assignedCount', group: 'billing', consumer: 'billing-3', count: 1 },
      ],
      explanation:
        'A partition is read by one consumer of a group at a time, so a group can use at most as many consumers as the topic has partitions: here 3.',
    },
    {
      id: 'billing-catches-up',
      title: 'Billing catches up, in order',
      narration:
        'Three consumers process about 10 records a second, more than the 6 that arrive, so the lag shrinks. Each station’s updates are still billed in the order the station sent them.',
      runForMs: 40_000,
      expectations: [
        { kind: 'lagBelow', group: 'billing', max: 45 },
        { kind: 'reorderedIs', count: 0 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Adding consumers helps only up to the number of partitions. A fourth billing consumer would sit idle; to go further you would add partitions, which moves keys to new partitions.',
    },
  ],
};
