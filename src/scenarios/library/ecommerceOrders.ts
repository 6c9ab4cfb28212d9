// E-commerce orders as event-driven services: the order service writes order_placed, and inventory,
// payment and shipping each react to the event before them, in their own consumer groups, without ever
// calling one another. A new service subscribes later and reads the whole history from the log.
import type { Scenario } from '../schema';

const rf3 = (offset: number) => ({
  partitions: 3,
  replicationFactor: 3,
  config: { 'min.insync.replicas': 2 },
  // Leaders spread over the brokers, a different one first for each topic.
  assignment: Object.fromEntries(
    [0, 1, 2].map((p) => [String(p), [0, 1, 2].map((r) => ((p + r + offset) % 3) + 1)]),
  ),
});

export const ecommerceOrdersScenario: Scenario = {
  version: 1,
  id: 'ecommerce-orders',
  title: 'E-commerce orders: services that react to events',
  description:
    'The order service writes an order_placed event per order, keyed by order id. Inventory reserves stock and writes inventory_reserved, payment charges the card and writes payment_successful, and shipping reacts to that: each service reads one topic in its own consumer group and writes the next. Take shipping down and the others carry on; add a new service and it replays every order from the log.',
  seed: 21,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    { name: 'order_placed', ...rf3(0) },
    { name: 'inventory_reserved', ...rf3(1) },
    { name: 'payment_successful', ...rf3(2) },
    { name: 'shipment_scheduled', ...rf3(0) },
  ],
  producers: [
    {
      id: 'order-service',
      topic: 'order_placed',
      ratePerSec: 2,
      keys: { kind: 'unique', prefix: 'O-' },
      valueTemplate: '{"orderId":"{key}","event":"order_placed"}',
      config: { acks: 'all', 'enable.idempotence': true },
    },
  ],
  groups: [],
  services: [
    {
      id: 'inventory',
      inputTopic: 'order_placed',
      outputTopic: 'inventory_reserved',
      processingTimeMs: 20,
      valueTemplate: '{"orderId":"{key}","event":"inventory_reserved"}',
    },
    {
      id: 'payment',
      inputTopic: 'inventory_reserved',
      outputTopic: 'payment_successful',
      processingTimeMs: 40,
      valueTemplate: '{"orderId":"{key}","event":"payment_successful"}',
    },
    {
      id: 'shipping',
      inputTopic: 'payment_successful',
      outputTopic: 'shipment_scheduled',
      processingTimeMs: 20,
      valueTemplate: '{"orderId":"{key}","event":"shipment_scheduled"}',
    },
  ],
  steps: [
    {
      id: 'events-flow',
      title: 'One event, three services',
      narration:
        'The order service writes {"orderId":"O-1","event":"order_placed"} to topic order_placed, with the order id as the key. Inventory reads it in its own consumer group and writes inventory_reserved; payment reacts to that and writes payment_successful; shipping reacts to that. No service calls another: each only reads a topic and writes the next.',
      runForMs: 20_000,
      expectations: [
        { kind: 'groupStateIs', group: 'inventory', state: 'Stable' },
        { kind: 'groupStateIs', group: 'payment', state: 'Stable' },
        { kind: 'groupStateIs', group: 'shipping', state: 'Stable' },
        { kind: 'topicRecordsAtLeast', topic: 'payment_successful', count: 20 },
        { kind: 'topicRecordsAtLeast', topic: 'shipment_scheduled', count: 20 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Each service is a consumer group that also produces. The order service does not know who reads order_placed, so a team can add, remove or redeploy a service without changing the others.',
    },
    {
      id: 'follow-an-order',
      title: 'Follow order O-1042',
      narration:
        'A customer places order O-1042. Every event about it carries the key O-1042, so in each topic it lands on the same partition number: these topics all have 3 partitions, and the partition is murmur2 of the key modulo the partition count.',
      actions: [
        {
          type: 'produce',
          producerId: 'order-service',
          key: 'O-1042',
          value: '{"orderId":"O-1042","event":"order_placed","items":2}',
        },
      ],
      runForMs: 4_000,
      expectations: [
        { kind: 'keyOn', topic: 'order_placed', key: 'O-1042', partition: 'order_placed-0' },
        { kind: 'keyOn', topic: 'inventory_reserved', key: 'O-1042', partition: 'inventory_reserved-0' },
        { kind: 'keyOn', topic: 'payment_successful', key: 'O-1042', partition: 'payment_successful-0' },
        { kind: 'keyOn', topic: 'shipment_scheduled', key: 'O-1042', partition: 'shipment_scheduled-0' },
      ],
      explanation:
        'Keying every event by order id keeps one order’s events in order within each topic, whichever service instance reads that partition. The chain takes a few seconds here only because the simulator slows the network down so that you can watch each hop.',
    },
    {
      id: 'shipping-down',
      title: 'Shipping goes down; the others carry on',
      narration:
        'The shipping team redeploys: its only instance, shipping-1, closes and leaves its group. Orders are still placed, stock reserved and cards charged; payment_successful records simply wait in the log for shipping.',
      waitFor: {
        kind: 'userAction',
        hint: 'Stop shipping-1, the only instance of the shipping service.',
        expect: { kind: 'assignedCount', group: 'shipping', consumer: 'shipping-1', count: 0 },
        solution: [{ type: 'removeConsumer', consumerId: 'shipping-1' }],
      },
      runForMs: 15_000,
      expectations: [
        { kind: 'groupStateIs', group: 'shipping', state: 'Empty' },
        { kind: 'lagAbove', group: 'shipping', min: 20 },
        { kind: 'lagBelow', group: 'payment', max: 15 },
        { kind: 'lagBelow', group: 'inventory', max: 15 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'With a direct call, checkout would have failed or had to queue the shipments itself. Here the topic is the buffer: the lag of group shipping is the work waiting for it.',
    },
    {
      id: 'shipping-back',
      title: 'Shipping comes back and catches up',
      narration:
        'shipping-1 starts again and rejoins group shipping. It resumes from the group’s committed offsets and works through the backlog, so no order is shipped twice or forgotten.',
      actions: [{ type: 'restartConsumer', consumerId: 'shipping-1' }],
      runForMs: 12_000,
      expectations: [
        { kind: 'groupStateIs', group: 'shipping', state: 'Stable' },
        { kind: 'lagBelow', group: 'shipping', max: 15 },
        { kind: 'redeliveredIs', group: 'shipping', count: 0 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'shipping-1 closed cleanly and committed its position as it left, so nothing was redelivered. After a crash it would resume from the last commit instead, and might ship a few orders twice: consumers in Kafka are at-least-once unless the processing is idempotent.',
    },
    {
      id: 'new-service',
      title: 'A new service subscribes and replays history',
      narration:
        'The analytics team starts a new service on order_placed, in its own consumer group analytics with auto.offset.reset=earliest. It has no committed offsets, so it starts at the beginning of every partition and reads every order placed so far; inventory, payment and shipping are not touched.',
      waitFor: {
        kind: 'userAction',
        hint: 'Add consumer group analytics on topic order_placed, with auto.offset.reset=earliest.',
        expect: { kind: 'groupReads', group: 'analytics', topic: 'order_placed' },
        solution: [
          {
            type: 'addGroup',
            group: {
              groupId: 'analytics',
              topic: 'order_placed',
              autoOffsetReset: 'earliest',
              consumers: [{ id: 'analytics-1', processingTimeMs: 10 }],
            },
          },
        ],
      },
      runForMs: 10_000,
      expectations: [
        { kind: 'groupStateIs', group: 'analytics', state: 'Stable' },
        { kind: 'consumedAtLeast', group: 'analytics', count: 100 },
        { kind: 'lagBelow', group: 'analytics', max: 15 },
        { kind: 'lagBelow', group: 'inventory', max: 15 },
        { kind: 'redeliveredIs', group: 'inventory', count: 0 },
      ],
      explanation:
        'Reading does not remove anything: the orders stay in the log until retention.ms (7 days by default) has passed, and each group keeps its own committed offsets in __consumer_offsets. That is why a new service can join without anyone exporting data or pausing the others.',
    },
    {
      id: 'notifications-latest',
      title: 'A service that starts at the end',
      narration:
        'The notifications team also subscribes to order_placed, but leaves auto.offset.reset at its default, latest. With no committed offset, its consumer starts at the end of each partition and only sees orders placed from now on.',
      actions: [
        {
          type: 'addGroup',
          group: {
            groupId: 'notifications',
            topic: 'order_placed',
            consumers: [{ id: 'notifications-1', processingTimeMs: 10 }],
          },
        },
      ],
      runForMs: 12_000,
      expectations: [
        { kind: 'groupStateIs', group: 'notifications', state: 'Stable' },
        { kind: 'consumedAtLeast', group: 'notifications', count: 10 },
        { kind: 'consumedAtMost', group: 'notifications', count: 30 },
      ],
      explanation:
        'auto.offset.reset only matters when a group has no committed offset (or it is out of range). Once notifications has committed, a restart resumes where it left off.',
    },
  ],
};
