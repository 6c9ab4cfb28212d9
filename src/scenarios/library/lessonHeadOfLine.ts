// Lesson: head-of-line blocking. A record that billing can never process holds up every record behind it
// in its partition; only that partition's lag grows. A dead-letter topic lets billing move on.
// INV-9001 hashes to invoices-2 and INV-9002 to invoices-0 (murmur2, 3 partitions).
import type { Scenario } from '../schema';

const placement = { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] };

export const lessonHeadOfLineScenario: Scenario = {
  version: 1,
  id: 'lesson-head-of-line',
  title: 'Lesson: head-of-line blocking',
  description:
    'Billing turns every invoice_created event into an e-mailed invoice. A bug makes it fail on invoice INV-9001, and billing has no dead-letter topic, so it retries that record for ever: partition invoices-2 stops while the other two carry on. Giving billing a dead-letter producer unblocks it.',
  seed: 11,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [
    { name: 'invoices', partitions: 3, replicationFactor: 3, assignment: placement },
    { name: 'emails', partitions: 3, replicationFactor: 3, assignment: placement },
    { name: 'dlq-invoices', partitions: 1, replicationFactor: 3, assignment: { '0': [2, 3, 1] } },
  ],
  producers: [
    {
      id: 'invoicing',
      topic: 'invoices',
      ratePerSec: 3,
      keys: { kind: 'unique', prefix: 'INV-' },
      valueTemplate: '{"invoiceId":"{key}","event":"invoice_created","total":"49.90"}',
    },
  ],
  groups: [],
  services: [
    {
      id: 'billing',
      inputTopic: 'invoices',
      outputTopic: 'emails',
      instances: 3,
      processingTimeMs: 20,
      valueTemplate: '{"invoiceId":"{key}","event":"invoice_sent"}',
      // The bug: billing throws on these invoices (a null total it cannot format).
      poisonKeys: ['INV-9001', 'INV-9002'],
      maxRetries: 2,
      retryBackoffMs: 500,
      // Commit after processing each poll's records, as Spring Kafka does by default.
      config: { 'enable.auto.commit': false },
    },
  ],
  steps: [
    {
      id: 'keeping-up',
      title: 'Billing keeps up',
      narration:
        'Invoicing writes an invoice_created record per invoice to topic invoices, keyed by invoice id. Billing runs 3 instances in consumer group billing, one partition each, and writes each invoice e-mail to topic emails. Every partition’s lag stays small.',
      runForMs: 10_000,
      expectations: [
        { kind: 'groupStateIs', group: 'billing', state: 'Stable' },
        { kind: 'partitionLagBelow', group: 'billing', partition: 'invoices-0', max: 3 },
        { kind: 'partitionLagBelow', group: 'billing', partition: 'invoices-1', max: 3 },
        { kind: 'partitionLagBelow', group: 'billing', partition: 'invoices-2', max: 3 },
      ],
      explanation:
        'kafka-consumer-groups --describe shows one LAG per partition: the high watermark minus the committed offset. The group’s total hides where the lag is.',
    },
    {
      id: 'blocked',
      title: 'One record blocks its partition',
      narration:
        'Invoice INV-9001 arrives with a null total, and billing fails on it every time. Billing has no dead-letter topic, so after its retries it seeks back and tries again, for ever. Every invoice behind INV-9001 on invoices-2 waits, while invoices-0 and invoices-1 carry on.',
      actions: [
        {
          type: 'produce',
          producerId: 'invoicing',
          key: 'INV-9001',
          value: '{"invoiceId":"INV-9001","event":"invoice_created","total":null}',
        },
      ],
      runForMs: 20_000,
      expectations: [
        { kind: 'eventHappened', type: 'serviceStuck' },
        { kind: 'groupStateIs', group: 'billing', state: 'Stable' },
        { kind: 'generationIs', group: 'billing', generation: 1 },
        { kind: 'partitionLagAbove', group: 'billing', partition: 'invoices-2', min: 15 },
        { kind: 'partitionLagBelow', group: 'billing', partition: 'invoices-0', max: 3 },
        { kind: 'partitionLagBelow', group: 'billing', partition: 'invoices-1', max: 3 },
      ],
      explanation:
        'This is head-of-line blocking: a partition is processed in order, so one record that never succeeds stops all the records behind it. The instance still calls poll() and heartbeats, so the group sees nothing wrong and does not rebalance; only the lag of invoices-2 tells. More partitions would put fewer invoices behind the stuck one, but would not unblock it.',
    },
    {
      id: 'add-dlt',
      title: 'Give billing a dead-letter topic',
      narration:
        'The team redeploys billing with a dead-letter recoverer: a producer that writes the records billing gives up on to topic dlq-invoices. At its next attempt on INV-9001, billing sets the record aside there and moves on, and invoices-2 drains.',
      waitFor: {
        kind: 'userAction',
        hint: 'Add a producer named billing-dlq that writes to topic dlq-invoices.',
        expect: { kind: 'producerWritesTo', producer: 'billing-dlq', topic: 'dlq-invoices' },
        solution: [
          {
            type: 'addProducer',
            producer: { id: 'billing-dlq', topic: 'dlq-invoices', ratePerSec: 0, keys: { kind: 'null' } },
          },
        ],
      },
      runForMs: 12_000,
      expectations: [
        { kind: 'eventHappened', type: 'deadLettered' },
        { kind: 'topicRecordsIs', topic: 'dlq-invoices', count: 1 },
        { kind: 'partitionLagBelow', group: 'billing', partition: 'invoices-2', max: 3 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'A billing service named billing uses the producer billing-dlq as its dead-letter recoverer. The backlog on invoices-2 was processed in order, as soon as the record in front of it was out of the way.',
    },
    {
      id: 'next-pill',
      title: 'The next bad invoice costs a second',
      narration:
        'Invoice INV-9002 has the same bug and lands on invoices-0. This time billing retries it twice, half a second apart, then sets it aside in dlq-invoices: invoices-0 stalls for about a second instead of for ever.',
      actions: [
        {
          type: 'produce',
          producerId: 'invoicing',
          key: 'INV-9002',
          value: '{"invoiceId":"INV-9002","event":"invoice_created","total":null}',
        },
      ],
      runForMs: 8_000,
      expectations: [
        { kind: 'eventHappened', type: 'deadLettered' },
        { kind: 'eventAbsent', type: 'serviceStuck' },
        { kind: 'topicRecordsIs', topic: 'dlq-invoices', count: 2 },
        { kind: 'partitionLagBelow', group: 'billing', partition: 'invoices-0', max: 3 },
        { kind: 'lagBelow', group: 'billing', max: 6 },
      ],
      explanation:
        'Blocking retries are right for a fault that passes, such as a database that restarts; a dead-letter topic is right for a record that will never succeed. Non-blocking retry topics (a retry topic per delay, then the DLT) keep the partition moving even while a record is retried, at the cost of per-key order.',
    },
  ],
};
