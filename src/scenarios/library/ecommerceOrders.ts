// E-commerce orders: the log is the source of truth, so a team that arrives later can read the whole
// history from the beginning in its own consumer group, without disturbing the groups already reading.
import type { Scenario } from '../schema';

export const ecommerceOrdersScenario: Scenario = {
  version: 1,
  id: 'ecommerce-orders',
  title: 'E-commerce orders: a new team replays the history',
  description:
    'The shop’s checkout writes an order_placed record per order to topic orders, keyed by order id; billing reads them as they arrive. Later the analytics team subscribes with its own consumer group and reads every order from the beginning, while billing carries on untouched. A notifications group that starts with the default auto.offset.reset=latest sees only new orders.',
  seed: 21,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'orders',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'checkout',
      topic: 'orders',
      ratePerSec: 3,
      keys: { kind: 'unique', prefix: 'order-' },
      valueTemplate: '{"orderId":"{key}","event":"order_placed","n":{n}}',
      config: { acks: 'all', 'enable.idempotence': true },
    },
  ],
  groups: [
    {
      groupId: 'billing',
      topic: 'orders',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'billing-1', processingTimeMs: 20 }],
    },
  ],
  steps: [
    {
      id: 'orders-placed',
      title: 'Orders are placed',
      narration:
        'Checkout writes one order_placed record per order to topic orders, with the order id as the key. Billing reads every order in consumer group billing and commits its position, its offset, as it goes.',
      runForMs: 30_000,
      expectations: [
        { kind: 'groupStateIs', group: 'billing', state: 'Stable' },
        { kind: 'consumedAtLeast', group: 'billing', count: 70 },
        { kind: 'lagBelow', group: 'billing', max: 25 },
      ],
      explanation:
        'Reading does not remove anything: the orders stay in the log until retention.ms (7 days by default) has passed. The committed offsets of group billing are stored by the group coordinator in the __consumer_offsets topic.',
    },
    {
      id: 'analytics-subscribes',
      title: 'Analytics subscribes and replays from the beginning',
      narration:
        'The analytics team starts a new consumer group, analytics, with auto.offset.reset=earliest. The group has no committed offsets yet, so it starts at the beginning of every partition and reads all the orders placed so far.',
      actions: [
        {
          type: 'addGroup',
          group: {
            groupId: 'analytics',
            topic: 'orders',
            autoOffsetReset: 'earliest',
            consumers: [{ id: 'analytics-1', processingTimeMs: 10 }],
          },
        },
      ],
      runForMs: 15_000,
      expectations: [
        { kind: 'groupStateIs', group: 'analytics', state: 'Stable' },
        { kind: 'consumedAtLeast', group: 'analytics', count: 100 },
        { kind: 'lagBelow', group: 'analytics', max: 25 },
      ],
      explanation:
        'The history was still in the log, so analytics could read all of it at its own pace. Nothing had to be exported or copied for the new team.',
    },
    {
      id: 'billing-untouched',
      title: 'Billing never noticed',
      narration:
        'While analytics read the whole history, billing kept reading new orders at its own position. Each group has its own committed offsets, so one group reading, replaying or falling behind never moves another.',
      runForMs: 5_000,
      expectations: [
        { kind: 'lagBelow', group: 'billing', max: 25 },
        { kind: 'redeliveredIs', group: 'billing', count: 0 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'A queue hands each message to one reader and forgets it. A Kafka topic is a log that any number of consumer groups read independently, each at its own offset.',
    },
    {
      id: 'notifications-latest',
      title: 'A group that starts at the end',
      narration:
        'The notifications team also subscribes, but leaves auto.offset.reset at its default, latest. With no committed offset, its consumer starts at the end of each partition and only sees orders placed from now on.',
      actions: [
        {
          type: 'addGroup',
          group: {
            groupId: 'notifications',
            topic: 'orders',
            consumers: [{ id: 'notifications-1', processingTimeMs: 10 }],
          },
        },
      ],
      runForMs: 15_000,
      expectations: [
        { kind: 'groupStateIs', group: 'notifications', state: 'Stable' },
        { kind: 'consumedAtLeast', group: 'notifications', count: 20 },
        { kind: 'consumedAtMost', group: 'notifications', count: 45 },
        { kind: 'consumedAtLeast', group: 'analytics', count: 170 },
      ],
      explanation:
        'auto.offset.reset only matters when a group has no committed offset (or it is out of range). Once notifications has committed, a restart resumes where it left off.',
    },
  ],
};
