// Taxi booking: a ride's events must survive a broker crash. Ride ids are the keys, so each ride stays on
// one partition; acks=all with min.insync.replicas=2 means an acknowledged ride event is on two brokers.
import type { Scenario } from '../schema';

export const taxiBookingScenario: Scenario = {
  version: 1,
  id: 'taxi-booking',
  title: 'Taxi booking: a broker dies mid-ride',
  description:
    'The ride app sends every ride event to topic ride-events, keyed by ride id. The dispatch service reads them. Kill the broker that leads a partition in the middle of a ride and watch leadership move to another in-sync replica without losing a single acknowledged ride event.',
  seed: 7,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'ride-events',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'ride-app',
      topic: 'ride-events',
      ratePerSec: 4,
      keys: {
        kind: 'cycle',
        keys: ['ride-1041', 'ride-1042', 'ride-1043', 'ride-1044', 'ride-1045', 'ride-1046'],
      },
      valueTemplate: '{"rideId":"{key}","event":"driver_location","n":{n}}',
      config: { acks: 'all', 'enable.idempotence': true },
    },
  ],
  groups: [
    {
      groupId: 'dispatch',
      topic: 'ride-events',
      autoOffsetReset: 'earliest',
      consumers: [
        { id: 'dispatch-1', processingTimeMs: 20 },
        { id: 'dispatch-2', processingTimeMs: 20 },
      ],
    },
  ],
  steps: [
    {
      id: 'rides-flow',
      title: 'Rides flow in',
      narration:
        'Every ride event goes to topic ride-events with the ride id as its key, so all events of one ride land on the same partition, in order. Each of the 3 partitions has 3 replicas: broker 1 leads ride-events-0, and brokers 2 and 3 follow it. The dispatch group shares the partitions between its two consumers.',
      runForMs: 8_000,
      expectations: [
        { kind: 'leaderIs', partition: 'ride-events-0', broker: 1 },
        { kind: 'isrIs', partition: 'ride-events-0', isr: [1, 2, 3] },
        { kind: 'groupStateIs', group: 'dispatch', state: 'Stable' },
        { kind: 'allAssigned', group: 'dispatch' },
        { kind: 'nothingLost' },
      ],
      explanation:
        'The producer uses acks=all: the leader answers only once every replica in the in-sync replica set (ISR) has the event, and with min.insync.replicas=2 the leader refuses writes while fewer than 2 replicas are in sync.',
    },
    {
      id: 'broker-dies',
      title: 'A broker dies mid-ride',
      narration:
        'A ride is under way when the machine running broker 1 fails. Broker 1 leads ride-events-0, so every event of the rides hashed to that partition was going to it.',
      waitFor: {
        kind: 'userAction',
        hint: 'Kill broker 1, the leader of ride-events-0.',
        expect: { kind: 'leaderStopped', partition: 'ride-events-0' },
        solution: [{ type: 'killBroker', brokerId: 1 }],
      },
      runForMs: 3_000,
      expectations: [
        { kind: 'brokerIs', broker: 1, status: 'stopped' },
        { kind: 'leaderIs', partition: 'ride-events-0', broker: 1 },
      ],
      explanation:
        'Nothing moves yet. The controller learns that a broker is gone only when its heartbeats stop for broker.session.timeout.ms (9000 ms by default); until then it still lists broker 1 as the leader, and the producer retries its sends.',
    },
    {
      id: 'leader-moves',
      title: 'Leadership moves to an in-sync replica',
      narration:
        'After broker.session.timeout.ms the controller fences broker 1, removes it from every ISR and elects a new leader for each partition it led. The new leader is the first live replica in assignment order that is in the ISR.',
      runForMs: 8_000,
      expectations: [
        { kind: 'eventHappened', type: 'leaderElected' },
        { kind: 'leaderIs', partition: 'ride-events-0', broker: 2 },
        { kind: 'isrIs', partition: 'ride-events-0', isr: [2, 3] },
        { kind: 'underReplicatedIs', topic: 'ride-events', count: 3 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Broker 2 was in the ISR, so it holds every acknowledged event of ride-events-0: an acks=all write was confirmed only once the whole ISR had it. The leader epoch went up by one, and the producer and consumers now send to broker 2.',
    },
    {
      id: 'rides-continue',
      title: 'Rides keep going on two brokers',
      narration:
        'With two brokers left, each ISR has 2 members, which still meets min.insync.replicas=2, so the ride app keeps getting acknowledgements. The dispatch group keeps reading from the new leaders.',
      runForMs: 10_000,
      expectations: [
        { kind: 'leaderInIsrOf', partition: 'ride-events-0' },
        { kind: 'leaderInIsrOf', partition: 'ride-events-1' },
        { kind: 'leaderInIsrOf', partition: 'ride-events-2' },
        { kind: 'acknowledgedAtLeast', count: 80 },
        // 4 events a second and an auto-commit every 5 s: a group that keeps up lags by up to about 22.
        { kind: 'lagBelow', group: 'dispatch', max: 25 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Had a second broker failed, the ISR would drop to 1 and acks=all writes would fail with NOT_ENOUGH_REPLICAS: Kafka prefers refusing a ride event to accepting one it could lose.',
    },
    {
      id: 'broker-returns',
      title: 'Broker 1 comes back',
      narration:
        'Broker 1 restarts with its disk intact. It becomes a follower of every partition it holds, fetches what it missed, and rejoins the ISR once it has caught up.',
      actions: [{ type: 'restartBroker', brokerId: 1 }],
      runForMs: 10_000,
      expectations: [
        { kind: 'isrIs', partition: 'ride-events-0', isr: [1, 2, 3] },
        { kind: 'underReplicatedIs', topic: 'ride-events', count: 0 },
        { kind: 'leaderIs', partition: 'ride-events-0', broker: 2 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Broker 1 does not take its leadership back: a working leader is kept. Its preferred replica is still broker 1, the first in the replica list.',
    },
    {
      id: 'preferred-leader',
      title: 'Give leadership back to the preferred replica',
      narration:
        'An operator runs kafka-leader-election --election-type preferred for ride-events-0, so that the leaders are spread over the brokers again. Kafka also does this by itself every leader.imbalance.check.interval.seconds (300 seconds).',
      actions: [{ type: 'electPreferredLeader', partitionId: 'ride-events-0' }],
      runForMs: 4_000,
      expectations: [
        { kind: 'leaderIs', partition: 'ride-events-0', broker: 1 },
        { kind: 'isrIs', partition: 'ride-events-0', isr: [1, 2, 3] },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Every ride event the app was told was written is still there, on at least two brokers: that is what acks=all and min.insync.replicas=2 buy.',
    },
  ],
};
