// Lesson: a poison pill and a dead-letter topic. A record that can never be processed is retried, then
// set aside in a dead-letter topic so that its partition moves on, at the price of per-key order.
// O-1042 hashes to partition 0 of a 3-partition topic (murmur2).
import type { Scenario } from '../schema';

const placement = { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] };

export const lessonDeadLetterScenario: Scenario = {
  version: 1,
  id: 'lesson-dead-letter',
  title: 'Lesson: a poison pill and the dead-letter topic',
  description:
    'The payment service reads payment requests and writes a receipt for each to topic receipts. An old checkout release writes one request whose amount is 12,50: not valid JSON, so it fails on every attempt. The service retries it, publishes it to the dead-letter topic dlq-payments and moves on, and the order’s next event overtakes it.',
  seed: 42,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [
    { name: 'payments', partitions: 3, replicationFactor: 3, assignment: placement },
    { name: 'receipts', partitions: 3, replicationFactor: 3, assignment: placement },
    { name: 'dlq-payments', partitions: 1, replicationFactor: 3, assignment: { '0': [1, 2, 3] } },
  ],
  producers: [
    {
      id: 'checkout',
      topic: 'payments',
      ratePerSec: 3,
      keys: { kind: 'unique', prefix: 'O-' },
      valueTemplate: '{"orderId":"{key}","event":"payment_requested","amount":"49.90"}',
    },
    {
      // The old release formats the amount with a decimal comma and no quotes.
      id: 'legacy-checkout',
      topic: 'payments',
      ratePerSec: 0,
      keys: { kind: 'null' },
      valueTemplate: '{"orderId":"{key}","event":"payment_requested","amount":12,50}',
    },
  ],
  groups: [],
  services: [
    {
      id: 'payment',
      inputTopic: 'payments',
      outputTopic: 'receipts',
      deadLetterTopic: 'dlq-payments',
      instances: 3,
      processingTimeMs: 20,
      valueTemplate: '{"orderId":"{key}","processed":{input}}',
      maxRetries: 3,
      retryBackoffMs: 1_000,
      // Commit after processing each poll's records, as Spring Kafka does by default.
      config: { 'enable.auto.commit': false },
    },
  ],
  steps: [
    {
      id: 'payments-flow',
      title: 'Payments flow',
      narration:
        'Checkout writes a payment_requested record per order to topic payments, keyed by order id. The payment service runs 3 instances in consumer group payment, one partition each, and writes a receipt for each request to topic receipts. Its error handler retries a failing record 3 more times, 1 second apart, then publishes it to the dead-letter topic dlq-payments.',
      runForMs: 10_000,
      expectations: [
        { kind: 'groupStateIs', group: 'payment', state: 'Stable' },
        { kind: 'lagBelow', group: 'payment', max: 5 },
        { kind: 'topicRecordsIs', topic: 'dlq-payments', count: 0 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'A dead-letter topic is an ordinary topic. Kafka itself has no dead-letter queue: the consumer application (here its error handler, as in Spring Kafka’s DeadLetterPublishingRecoverer or Kafka Connect’s errors.deadletterqueue.topic.name) decides when to give up and writes the record there.',
    },
    {
      id: 'poison-pill',
      title: 'A poison pill arrives',
      narration:
        'The old checkout release writes the payment of order O-1042 with "amount":12,50, which is not valid JSON. Deserialising it fails on every attempt, however often it is retried: a poison pill. While the instance on payments-0 retries, nothing behind it in that partition moves.',
      actions: [{ type: 'produce', producerId: 'legacy-checkout', key: 'O-1042' }],
      runForMs: 2_500,
      expectations: [
        { kind: 'eventHappened', type: 'processingFailed' },
        { kind: 'partitionLagAbove', group: 'payment', partition: 'payments-0', min: 2 },
        { kind: 'partitionLagBelow', group: 'payment', partition: 'payments-1', max: 3 },
        { kind: 'topicRecordsIs', topic: 'dlq-payments', count: 0 },
      ],
      explanation:
        'The retries are blocking: the instance seeks back to O-1042 and tries again after retry backoff, so the records behind it wait. Retrying helps with a database that is briefly down; it cannot fix a record that is broken.',
    },
    {
      id: 'dead-lettered',
      title: 'Set aside in the dead-letter topic',
      narration:
        'After 4 attempts the error handler gives up: it publishes O-1042’s record to dlq-payments with the same key, wrapping the original value with where it came from and how many attempts failed, and the instance commits past it. Partition payments-0 moves on and its lag drains.',
      runForMs: 6_000,
      expectations: [
        { kind: 'eventHappened', type: 'deadLettered' },
        { kind: 'topicRecordsIs', topic: 'dlq-payments', count: 1 },
        { kind: 'partitionLagBelow', group: 'payment', partition: 'payments-0', max: 2 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Nothing is lost: the failed record is in dlq-payments, where a person or a tool can look at it, fix it and send it back. The price of moving on is order, as the next step shows.',
    },
    {
      id: 'order-overtaken',
      title: 'A later event overtakes the failed one',
      narration:
        'The customer cancels order O-1042. The cancellation has the same key, so it lands on payments-0 behind the failed request, and it is valid, so the payment service processes it at once. The service has now handled O-1042’s cancellation but not its payment request, which waits in dlq-payments.',
      actions: [
        {
          type: 'produce',
          producerId: 'checkout',
          key: 'O-1042',
          value: '{"orderId":"O-1042","event":"order_cancelled"}',
        },
      ],
      runForMs: 3_000,
      expectations: [
        { kind: 'keyOn', topic: 'payments', key: 'O-1042', partition: 'payments-0' },
        { kind: 'keyOn', topic: 'receipts', key: 'O-1042', partition: 'receipts-0' },
        { kind: 'topicRecordsIs', topic: 'dlq-payments', count: 1 },
      ],
      explanation:
        'Kafka keeps the records of one key in order within a partition, but a dead-letter topic takes a record out of that order. If someone fixes the request and replays it from dlq-payments, a cancelled order gets charged. Where order per key matters, the replay must check the order’s current state, or the service must also park every later record of a key that has one in the DLT.',
    },
    {
      id: 'read-the-dlt',
      title: 'Someone reads the dead-letter topic',
      narration:
        'The on-call engineer reads dlq-payments with a consumer group of their own, from the beginning, and finds O-1042’s request with the partition and offset it came from.',
      waitFor: {
        kind: 'userAction',
        hint: 'Add consumer group dlt-inspector on topic dlq-payments, with auto.offset.reset=earliest.',
        expect: { kind: 'groupReads', group: 'dlt-inspector', topic: 'dlq-payments' },
        solution: [
          {
            type: 'addGroup',
            group: {
              groupId: 'dlt-inspector',
              topic: 'dlq-payments',
              autoOffsetReset: 'earliest',
              consumers: [{ id: 'dlt-inspector-1', processingTimeMs: 10 }],
            },
          },
        ],
      },
      runForMs: 8_000,
      expectations: [
        { kind: 'consumedAtLeast', group: 'dlt-inspector', count: 1 },
        { kind: 'lagBelow', group: 'payment', max: 5 },
      ],
      explanation:
        'A dead-letter topic needs an owner and an alert on its size: records set aside and never read are lost in all but name.',
    },
  ],
};
