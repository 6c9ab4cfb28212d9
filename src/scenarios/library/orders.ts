// The default scenario: the smallest cluster that shows everything the first lesson needs — three
// brokers, a replicated topic, a keyed producer and one consumer.
import type { Scenario } from '../schema';

export const ordersScenario: Scenario = {
  version: 1,
  id: 'orders',
  title: 'Orders: replication and a broker failure',
  description:
    'Three brokers, topic orders with 3 partitions and replication factor 3. A producer sends orders keyed by customer; the billing group reads them. Kill a broker and watch leadership move to another in-sync replica.',
  seed: 42,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    config: { 'replica.lag.time.max.ms': 10_000 },
  },
  topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, config: { 'min.insync.replicas': 2 } }],
  producers: [
    {
      id: 'checkout',
      topic: 'orders',
      ratePerSec: 2,
      keys: { kind: 'cycle', keys: ['alice', 'bob', 'carol', 'dave', 'erin'] },
      valueTemplate: '{"orderId":"O-{n}","customer":"{key}"}',
      config: { acks: 'all' },
    },
  ],
  groups: [
    {
      groupId: 'billing',
      topic: 'orders',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'billing-1', processingTimeMs: 50 }],
    },
  ],
};
