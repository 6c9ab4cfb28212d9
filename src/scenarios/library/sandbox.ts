// The free sandbox: Kafka's defaults, a little traffic, no lesson. Break it however you like.
import type { Scenario } from '../schema';

export const sandboxScenario: Scenario = {
  version: 1,
  id: 'sandbox',
  title: 'Sandbox: free play',
  description:
    'Four brokers, topic events with 6 partitions and replication factor 3, a keyed producer and a consumer group of two, all with Kafka’s default settings except min.insync.replicas=2. No steps and no goals: kill brokers, slow followers, add consumers, change acks, and see what happens.',
  seed: 1,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }],
  },
  topics: [{ name: 'events', partitions: 6, replicationFactor: 3, config: { 'min.insync.replicas': 2 } }],
  producers: [
    {
      id: 'app',
      topic: 'events',
      ratePerSec: 3,
      keys: {
        kind: 'random',
        keys: ['user-1', 'user-2', 'user-3', 'user-4', 'user-5', 'user-6', 'user-7', 'user-8'],
      },
      valueTemplate: '{"userId":"{key}","event":"action","n":{n}}',
    },
  ],
  groups: [
    {
      groupId: 'processor',
      topic: 'events',
      autoOffsetReset: 'earliest',
      consumers: [
        { id: 'processor-1', processingTimeMs: 20 },
        { id: 'processor-2', processingTimeMs: 20 },
      ],
    },
  ],
};
