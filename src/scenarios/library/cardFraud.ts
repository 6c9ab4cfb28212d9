// Card transactions and fraud detection: what "delivered once" really takes. A retry after a timeout
// writes a transaction twice unless the producer is idempotent; a consumer crash before a commit makes the
// fraud check process some transactions again (at-least-once).
import type { Scenario } from '../schema';

export const cardFraudScenario: Scenario = {
  version: 1,
  id: 'card-fraud',
  title: 'Card transactions: duplicates, idempotence and redelivery',
  description:
    'The payment gateway writes card authorisations to topic card-transactions, keyed by card id; the fraud-detection group scores each one. Slow replication makes the gateway time out and retry: without idempotence the retries write duplicates. Then a fraud-detection consumer crashes and its partitions are processed again from the last committed offset.',
  seed: 5,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'card-transactions',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'payment-gateway',
      topic: 'card-transactions',
      ratePerSec: 4,
      // Two cards per partition (murmur2 of these ids modulo 3).
      keys: {
        kind: 'cycle',
        keys: ['card-4111', 'card-5500', 'card-3530', 'card-3782', 'card-2223', 'card-5105'],
      },
      valueTemplate: '{"cardId":"{key}","event":"authorization","n":{n}}',
      // A legacy client: idempotence off. request.timeout.ms is 30000 by default; 2000 makes the timeout
      // visible in a classroom.
      config: { acks: 'all', 'enable.idempotence': false, 'request.timeout.ms': 2_000 },
    },
  ],
  groups: [
    {
      groupId: 'fraud-detection',
      topic: 'card-transactions',
      autoOffsetReset: 'earliest',
      // session.timeout.ms is 45000 by default; 10000 makes the crash noticed sooner.
      config: { 'session.timeout.ms': 10_000 },
      consumers: [
        { id: 'fraud-1', processingTimeMs: 20 },
        { id: 'fraud-2', processingTimeMs: 20 },
      ],
    },
  ],
  steps: [
    {
      id: 'authorisations-flow',
      title: 'Authorisations flow',
      narration:
        'Every card authorisation is written to topic card-transactions with the card id as its key, with acks=all. The gateway has enable.idempotence=false, like many older clients. Its request.timeout.ms is shortened from 30000 ms to 2000 ms for the classroom.',
      runForMs: 8_000,
      expectations: [
        { kind: 'groupStateIs', group: 'fraud-detection', state: 'Stable' },
        { kind: 'duplicatedIs', count: 0 },
        { kind: 'nothingLost' },
      ],
    },
    {
      id: 'slow-replication',
      title: 'Replication slows down',
      narration:
        'Brokers 2 and 3 become slow to fetch. With acks=all a leader answers only once every in-sync replica has the batch, so answers now take longer than request.timeout.ms. The gateway gives up waiting and retries, but the leader had already written the first attempt.',
      actions: [
        { type: 'slowBroker', brokerId: 2, fetchDelayMs: 3_000 },
        { type: 'slowBroker', brokerId: 3, fetchDelayMs: 3_000 },
      ],
      runForMs: 8_000,
      expectations: [{ kind: 'duplicatedAtLeast', count: 1 }, { kind: 'nothingLost' }],
      explanation:
        'A timeout does not mean the write failed, only that the answer did not arrive in time. Retrying is the right thing to do, but without idempotence the broker cannot tell a retry from a new transaction, so the fraud check will see the same authorisation twice.',
    },
    {
      id: 'replication-recovers',
      title: 'Replication recovers, the duplicates stay',
      narration:
        'The followers catch up and the gateway’s retries finally get their answers. Look at the log of card-transactions-0: some authorisations appear twice, at two different offsets.',
      actions: [
        { type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 },
        { type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 },
      ],
      runForMs: 8_000,
      expectations: [{ kind: 'duplicatedAtLeast', count: 6 }, { kind: 'nothingLost' }],
      explanation:
        'This is at-least-once delivery from the producer: nothing acknowledged is lost, but a retry can write a record again. A fraud check that counts authorisations per card would now count some of them twice.',
    },
    {
      id: 'idempotence-on',
      title: 'Restart the gateway with idempotence',
      narration:
        'The gateway is restarted with enable.idempotence=true, the default since Kafka 3.0. Each batch now carries the producer id and a sequence number per partition, and the leader remembers the last sequence it wrote for that producer.',
      actions: [
        { type: 'setProducerConfig', producerId: 'payment-gateway', config: { 'enable.idempotence': true } },
      ],
      runForMs: 4_000,
      expectations: [{ kind: 'duplicatedIs', count: 15 }],
    },
    {
      id: 'retries-without-duplicates',
      title: 'Slow again, but no new duplicates',
      narration:
        'Replication slows down exactly as before and the gateway times out and retries again. This time the leader sees a retried batch with a sequence number it has already written, answers with the original offset and writes nothing.',
      waitFor: {
        kind: 'userAction',
        hint: 'Slow down broker 2 and broker 3 (3000 ms before each follower fetch).',
        expect: { kind: 'eventHappened', type: 'brokerSlowed' },
        solution: [
          { type: 'slowBroker', brokerId: 2, fetchDelayMs: 3_000 },
          { type: 'slowBroker', brokerId: 3, fetchDelayMs: 3_000 },
        ],
      },
      runForMs: 12_000,
      expectations: [{ kind: 'duplicatedIs', count: 15 }, { kind: 'nothingLost' }],
      explanation:
        'An idempotent producer turns the producer’s at-least-once into exactly-once writes per partition. It does not cover the consumer side, as the next step shows.',
    },
    {
      id: 'fraud-consumer-crashes',
      title: 'A fraud-detection consumer crashes',
      narration:
        'Replication is healthy again. Consumer fraud-1 crashes without committing: it commits automatically every auto.commit.interval.ms (5000 ms), and it had scored a few authorisations since its last commit. session.timeout.ms is shortened from 45000 ms to 10000 ms for the classroom.',
      actions: [
        { type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 },
        { type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 },
        { type: 'crashConsumer', consumerId: 'fraud-1' },
      ],
      runForMs: 20_000,
      expectations: [
        { kind: 'groupStateIs', group: 'fraud-detection', state: 'Stable' },
        { kind: 'assignedCount', group: 'fraud-detection', consumer: 'fraud-2', count: 3 },
        { kind: 'redeliveredAtLeast', group: 'fraud-detection', count: 1 },
        { kind: 'duplicatedIs', count: 15 },
      ],
      explanation:
        'fraud-2 took over fraud-1’s partitions from the last committed offsets and scored some authorisations a second time: at-least-once delivery to the consumer. Kafka’s exactly-once processing needs transactions: the output and the input offsets committed together, read with read_committed (the exactly-once lesson shows them). Without them, make the processing idempotent, for example by remembering the ids already scored.',
    },
  ],
};
