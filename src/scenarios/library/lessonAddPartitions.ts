// Lesson: adding partitions moves keys. The partition of a key is murmur2(key) modulo the partition count,
// so a new count sends some keys elsewhere: more parallelism, at the price of per-key order across the change.
import type { Scenario } from '../schema';

export const lessonAddPartitionsScenario: Scenario = {
  version: 1,
  id: 'lesson-add-partitions',
  title: 'Lesson: adding partitions moves keys',
  description:
    'Topic carts starts with 2 partitions and a checkout service with 2 consumers. Growing it to 4 partitions lets the group use 4 consumers, but cart-alice and cart-erin now hash to new partitions, so their new events land apart from their old ones.',
  seed: 41,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'carts',
      partitions: 2,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1] },
    },
  ],
  producers: [
    {
      id: 'storefront',
      topic: 'carts',
      ratePerSec: 4,
      // With 2 partitions: bob and erin → 0, alice and dave → 1. With 4: bob → 0, dave → 1, erin → 2, alice → 3.
      keys: { kind: 'cycle', keys: ['cart-alice', 'cart-bob', 'cart-dave', 'cart-erin'] },
      valueTemplate: '{"cartId":"{key}","event":"item_added","n":{n}}',
      // Kafka's clients see new partitions at their next metadata refresh, every 5 minutes by default.
      config: { acks: 'all', 'metadata.max.age.ms': 5_000 },
    },
  ],
  groups: [
    {
      groupId: 'checkout',
      topic: 'carts',
      autoOffsetReset: 'earliest',
      config: { 'metadata.max.age.ms': 5_000 },
      consumers: [
        { id: 'checkout-1', processingTimeMs: 10 },
        { id: 'checkout-2', processingTimeMs: 10 },
      ],
    },
  ],
  steps: [
    {
      id: 'keys-pick-partitions',
      title: 'Keys pick partitions',
      narration:
        'Every cart event carries the cart id as its key. With 2 partitions, cart-bob and cart-erin hash to carts-0, and cart-alice and cart-dave to carts-1. Each checkout consumer owns one partition.',
      runForMs: 8_000,
      expectations: [
        { kind: 'keyOn', topic: 'carts', key: 'cart-erin', partition: 'carts-0' },
        { kind: 'keyOn', topic: 'carts', key: 'cart-alice', partition: 'carts-1' },
        { kind: 'assignedCount', group: 'checkout', consumer: 'checkout-1', count: 1 },
        { kind: 'assignedCount', group: 'checkout', consumer: 'checkout-2', count: 1 },
      ],
    },
    {
      id: 'add-partitions',
      title: 'Grow the topic to 4 partitions',
      narration:
        'An operator runs kafka-topics --alter --topic carts --partitions 4. The producer learns of them at its next metadata refresh (metadata.max.age.ms: 5 minutes by default, 5 seconds in this lesson) and from then on hashes every key modulo 4: cart-erin moves to carts-2 and cart-alice to carts-3, while cart-bob and cart-dave stay put.',
      waitFor: {
        kind: 'userAction',
        hint: 'Increase topic carts to 4 partitions.',
        expect: { kind: 'partitionCountIs', topic: 'carts', count: 4 },
        solution: [{ type: 'addPartitions', topic: 'carts', partitions: 4 }],
      },
      runForMs: 8_000,
      expectations: [
        { kind: 'eventHappened', type: 'metadataRefreshed' },
        { kind: 'keyOn', topic: 'carts', key: 'cart-erin', partition: 'carts-2' },
        { kind: 'keyOn', topic: 'carts', key: 'cart-alice', partition: 'carts-3' },
        { kind: 'keyOn', topic: 'carts', key: 'cart-bob', partition: 'carts-0' },
        { kind: 'keyOn', topic: 'carts', key: 'cart-dave', partition: 'carts-1' },
      ],
      explanation:
        'Kafka never moves existing records: cart-alice’s earlier events stay in carts-1, its new ones go to carts-3. A consumer of carts-3 may process a new event before another consumer has finished the old ones, so per-key order is only kept from the change onwards.',
    },
    {
      id: 'group-takes-new-partitions',
      title: 'The group takes on the new partitions',
      narration:
        'The group leader notices the new partitions at its own metadata refresh and asks for a rebalance. With range assignment, each of the two consumers now owns two partitions.',
      runForMs: 12_000,
      expectations: [
        { kind: 'groupStateIs', group: 'checkout', state: 'Stable' },
        { kind: 'allAssigned', group: 'checkout' },
        { kind: 'assignedCount', group: 'checkout', consumer: 'checkout-1', count: 2 },
        { kind: 'assignedCount', group: 'checkout', consumer: 'checkout-2', count: 2 },
      ],
    },
    {
      id: 'scale-to-four',
      title: 'Scale the group to 4 consumers',
      narration:
        'The reason to add partitions: the checkout service can now run 4 consumers that each process one partition in parallel. With 2 partitions, the third and fourth consumers would have sat idle.',
      actions: [
        { type: 'addConsumer', groupId: 'checkout', consumerId: 'checkout-3', processingTimeMs: 10 },
        { type: 'addConsumer', groupId: 'checkout', consumerId: 'checkout-4', processingTimeMs: 10 },
      ],
      runForMs: 12_000,
      expectations: [
        { kind: 'groupStateIs', group: 'checkout', state: 'Stable' },
        { kind: 'assignedCount', group: 'checkout', consumer: 'checkout-3', count: 1 },
        { kind: 'assignedCount', group: 'checkout', consumer: 'checkout-4', count: 1 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Choose the partition count of a keyed topic up front, with room to grow: adding partitions later is easy, but it breaks the key-to-partition mapping that per-key ordering relies on. Partitions can never be removed.',
    },
  ],
};
