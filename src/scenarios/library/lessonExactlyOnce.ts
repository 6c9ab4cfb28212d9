// Lesson: exactly-once processing. Two billing services read the same orders and write invoices; one
// with Kafka Streams' default at_least_once, one with exactly_once_v2. An instance of each crashes: both
// process some orders again, but only the exactly-once one takes back the invoices it had written, so its
// mailer (read_committed) sends each invoice once.
import type { Scenario } from '../schema';

const placement = { '0': [1, 2, 3], '1': [2, 3, 1] };

export const lessonExactlyOnceScenario: Scenario = {
  version: 1,
  id: 'lesson-exactly-once',
  title: 'Lesson: exactly-once processing with transactions (exactly_once_v2)',
  description:
    'Two billing services turn the same orders into invoices, one at_least_once, one exactly_once_v2. Crash an instance of each: both reprocess some orders, but only the exactly-once service aborts the invoices it wrote after its last commit, so its mailer sends each invoice once and the other sends some twice.',
  seed: 47,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [
    { name: 'orders', partitions: 2, replicationFactor: 3, assignment: placement },
    { name: 'invoices-alo', partitions: 2, replicationFactor: 3, assignment: placement },
    { name: 'invoices-eos', partitions: 2, replicationFactor: 3, assignment: placement },
  ],
  producers: [
    {
      id: 'shop',
      topic: 'orders',
      ratePerSec: 4,
      keys: { kind: 'unique', prefix: 'O-' },
      valueTemplate: '{"orderId":"{key}","total":"19.90"}',
    },
  ],
  groups: [
    {
      groupId: 'mailer-alo',
      topic: 'invoices-alo',
      autoOffsetReset: 'earliest',
      config: { 'isolation.level': 'read_committed' },
      consumers: [{ id: 'mailer-alo-1' }],
    },
    {
      groupId: 'mailer-eos',
      topic: 'invoices-eos',
      autoOffsetReset: 'earliest',
      config: { 'isolation.level': 'read_committed' },
      consumers: [{ id: 'mailer-eos-1' }],
    },
  ],
  services: [
    {
      id: 'billing-alo',
      inputTopic: 'orders',
      outputTopic: 'invoices-alo',
      instances: 2,
      valueTemplate: '{"invoiceFor":"{key}"}',
      // Kafka Streams' session timeout is 45 s; 10 s moves a crashed instance's partitions sooner.
      config: { 'session.timeout.ms': 10_000 },
    },
    {
      id: 'billing-eos',
      inputTopic: 'orders',
      outputTopic: 'invoices-eos',
      instances: 2,
      valueTemplate: '{"invoiceFor":"{key}"}',
      processingGuarantee: 'exactly_once_v2',
      config: { 'session.timeout.ms': 10_000 },
    },
  ],
  steps: [
    {
      id: 'two-services',
      title: 'Two billing services',
      narration:
        'Both services read every order and write one invoice for it. billing-alo commits its input offsets every 5 seconds (auto-commit). billing-eos gives each instance a transactional producer and commits its invoices together with its input offsets in one transaction, after each poll().',
      runForMs: 13_000,
      expectations: [
        { kind: 'groupStateIs', group: 'billing-alo', state: 'Stable' },
        { kind: 'groupStateIs', group: 'billing-eos', state: 'Stable' },
        { kind: 'eventHappened', type: 'transactionCommitted' },
      ],
      explanation:
        'The mailers read with isolation.level=read_committed: they see billing-eos’s invoices only once their transaction commits, and billing-alo’s at once (they are not transactional).',
    },
    {
      id: 'crash',
      title: 'An instance of each crashes',
      narration:
        'billing-alo-1 and billing-eos-1 crash. After session.timeout.ms their partitions move to the other instance, which starts from the last committed offsets: orders processed since then are processed again by both services.',
      actions: [
        { type: 'crashConsumer', consumerId: 'billing-alo-1' },
        { type: 'crashConsumer', consumerId: 'billing-eos-1' },
      ],
      runForMs: 25_000,
      expectations: [{ kind: 'redeliveredAtLeast', group: 'billing-alo', count: 1 }, { kind: 'nothingLost' }],
      explanation:
        'Reprocessing is the same for both: a crash loses what was processed after the last commit. What differs is what happens to the invoices written for those orders.',
    },
    {
      id: 'count',
      title: 'Count the invoices',
      narration:
        'The shop stops. billing-alo wrote a second invoice for the orders it processed again, and its mailer sends both. billing-eos’s crashed instance had its invoices and offsets in a transaction that never committed: the coordinator aborted it, so its mailer sends each invoice once.',
      actions: [{ type: 'setProducerConfig', producerId: 'shop', config: {}, ratePerSec: 0 }],
      runForMs: 20_000,
      expectations: [
        // 153 orders in this run: more invoices mailed by the at-least-once side, exactly one each by the other.
        { kind: 'producedAtLeast', producer: 'shop', count: 153 },
        { kind: 'consumedAtLeast', group: 'mailer-alo', count: 154 },
        { kind: 'consumedAtLeast', group: 'mailer-eos', count: 153 },
        { kind: 'consumedAtMost', group: 'mailer-eos', count: 153 },
        { kind: 'redeliveredAtLeast', group: 'billing-eos', count: 1 },
        { kind: 'abortedAtLeast', count: 1 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Exactly-once in Kafka is an atomic write of output and input offsets (KIP-98, KIP-447), read with read_committed. The work is still done twice after a crash; its effects are seen once.',
    },
    {
      id: 'restart',
      title: 'The crashed instances come back',
      narration:
        'Both crashed instances restart and rejoin their groups. billing-eos-1’s new producer calls initTransactions(), which fences any leftover of its old self, and the partitions are shared again.',
      actions: [
        { type: 'restartConsumer', consumerId: 'billing-alo-1' },
        { type: 'restartConsumer', consumerId: 'billing-eos-1' },
      ],
      runForMs: 10_000,
      expectations: [
        { kind: 'groupStateIs', group: 'billing-eos', state: 'Stable' },
        { kind: 'assignedCount', group: 'billing-eos', consumer: 'billing-eos-1', count: 1 },
      ],
    },
  ],
};
