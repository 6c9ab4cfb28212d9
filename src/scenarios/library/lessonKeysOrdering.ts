// Lesson: keys and per-partition ordering. A key always maps to the same partition, and Kafka keeps order
// within a partition; retries with several requests in flight can still reorder a key's records unless the
// producer is idempotent.
import type { Scenario } from '../schema';

export const lessonKeysOrderingScenario: Scenario = {
  version: 1,
  id: 'lesson-keys-ordering',
  title: 'Lesson: keys and per-partition ordering',
  description:
    'A bank writes account events to topic account-events, keyed by account number. See where each key lands, then crash a leader while five requests are in flight: without idempotence the retries reorder an account’s events; with enable.idempotence=true they do not.',
  seed: 1,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'account-events',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'core-banking',
      topic: 'account-events',
      ratePerSec: 30,
      // murmur2 puts these three accounts on partitions 2, 0 and 1.
      keys: { kind: 'cycle', keys: ['acct-1001', 'acct-1002', 'acct-1005'] },
      valueTemplate: '{"account":"{key}","event":"balance_changed","n":{n}}',
      // An older client: idempotence off, Kafka's default of 5 requests in flight per connection.
      config: { acks: 'all', 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 5 },
    },
  ],
  groups: [
    {
      groupId: 'statements',
      topic: 'account-events',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'statements-1', processingTimeMs: 5 }],
    },
  ],
  steps: [
    {
      id: 'same-key-same-partition',
      title: 'Same key, same partition',
      narration:
        'The producer hashes each record’s key with murmur2 and takes it modulo the number of partitions. acct-1002 always goes to account-events-0, acct-1005 to account-events-1 and acct-1001 to account-events-2.',
      runForMs: 6_000,
      expectations: [
        { kind: 'keyOn', topic: 'account-events', key: 'acct-1002', partition: 'account-events-0' },
        { kind: 'keyOn', topic: 'account-events', key: 'acct-1005', partition: 'account-events-1' },
        { kind: 'keyOn', topic: 'account-events', key: 'acct-1001', partition: 'account-events-2' },
        { kind: 'reorderedIs', count: 0 },
      ],
      explanation:
        'Kafka orders records within a partition only. Because an account’s events share a partition, the statements service reads them in the order they were written, as long as they were written in order.',
    },
    {
      id: 'crash-with-requests-in-flight',
      title: 'A leader crashes with requests in flight',
      narration:
        'The producer keeps up to 5 produce requests in flight per connection (max.in.flight.requests.per.connection). When the leader of account-events-0 dies, all of them fail, and the producer puts each failed batch back at the front of its queue, so the later batch ends up in front of the earlier one.',
      waitFor: {
        kind: 'userAction',
        hint: 'Kill broker 1, the leader of account-events-0.',
        expect: { kind: 'leaderStopped', partition: 'account-events-0' },
        solution: [{ type: 'killBroker', brokerId: 1 }],
      },
      runForMs: 15_000,
      expectations: [
        { kind: 'leaderIs', partition: 'account-events-0', broker: 2 },
        { kind: 'reorderedIs', count: 7 },
        { kind: 'duplicatedAtLeast', count: 1 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Nothing was lost, but some of acct-1002’s events are now in the log out of order, and some twice. A statement built from this partition would show balances in the wrong order.',
    },
    {
      id: 'idempotence-on',
      title: 'Restart with idempotence',
      narration:
        'Broker 1 comes back, and the bank restarts its producer with enable.idempotence=true, the default since Kafka 3.0. It may keep 5 requests in flight: each batch carries a sequence number, and the leader accepts a partition’s batches only in sequence order.',
      actions: [
        { type: 'restartBroker', brokerId: 1 },
        { type: 'setProducerConfig', producerId: 'core-banking', config: { 'enable.idempotence': true } },
      ],
      runForMs: 10_000,
      expectations: [
        { kind: 'isrSizeIs', partition: 'account-events-0', size: 3 },
        { kind: 'reorderedIs', count: 7 },
      ],
    },
    {
      id: 'crash-again',
      title: 'Crash a leader again',
      narration:
        'Now broker 2, which leads account-events-0 and account-events-1, dies with requests in flight, just as broker 1 did.',
      waitFor: {
        kind: 'userAction',
        hint: 'Kill broker 2, the leader of account-events-1.',
        expect: { kind: 'leaderStopped', partition: 'account-events-1' },
        solution: [{ type: 'killBroker', brokerId: 2 }],
      },
      runForMs: 15_000,
      expectations: [
        { kind: 'leaderIsNot', partition: 'account-events-1', broker: 2 },
        { kind: 'reorderedIs', count: 7 },
        { kind: 'duplicatedIs', count: 1 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'No new record is out of order or duplicated. The idempotent producer re-enqueues failed batches in sequence order, and the leader refuses a batch that skips a sequence (OUT_OF_ORDER_SEQUENCE_NUMBER) and drops one it already has. Without idempotence, max.in.flight.requests.per.connection=1 also keeps order, at the cost of throughput.',
    },
  ],
};
