// Lesson: acks and data loss. With acks=1 the leader answers before any follower has the record, so a
// leader crash at the wrong moment loses acknowledged records; with acks=all the same crash loses nothing.
import type { Scenario } from '../schema';

export const lessonAcksDataLossScenario: Scenario = {
  version: 1,
  id: 'lesson-acks-data-loss',
  title: 'Lesson: acks=1 loses records, acks=all does not',
  description:
    'One partition, three replicas. With acks=1, slow the followers and crash the leader: records the producer was told were written disappear when the old leader comes back and truncates its log. Then repeat the same failure with acks=all and lose nothing.',
  seed: 23,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    // replica.lag.time.max.ms is 30000 by default; 10000 keeps the lesson short.
    config: { 'replica.lag.time.max.ms': 10_000 },
  },
  topics: [
    {
      name: 'page-views',
      partitions: 1,
      replicationFactor: 3,
      assignment: { '0': [1, 2, 3] },
    },
  ],
  producers: [
    {
      id: 'web',
      topic: 'page-views',
      ratePerSec: 4,
      keys: { kind: 'cycle', keys: ['session-a', 'session-b', 'session-c'] },
      valueTemplate: '{"session":"{key}","event":"page_view","n":{n}}',
      // Kafka turns idempotence off by itself for acks=1 unless it was set explicitly; say so plainly.
      config: { acks: 1, 'enable.idempotence': false },
    },
  ],
  groups: [],
  steps: [
    {
      id: 'acks-1',
      title: 'acks=1: the leader answers alone',
      narration:
        'The web producer uses acks=1: broker 1, the leader of page-views-0, acknowledges each batch as soon as it has appended it to its own log, before the followers, brokers 2 and 3, have fetched it.',
      runForMs: 5_000,
      expectations: [
        { kind: 'leaderIs', partition: 'page-views-0', broker: 1 },
        { kind: 'acknowledgedAtLeast', count: 15 },
        { kind: 'nothingLost' },
      ],
    },
    {
      id: 'followers-fall-behind',
      title: 'The followers fall behind',
      narration:
        'Brokers 2 and 3 become slow: each waits a minute before its next fetch. The leader keeps acknowledging page views that only it has. They stay in the ISR for now: they fell behind less than replica.lag.time.max.ms ago (shortened from 30000 ms to 10000 ms here).',
      actions: [
        { type: 'slowBroker', brokerId: 2, fetchDelayMs: 60_000 },
        { type: 'slowBroker', brokerId: 3, fetchDelayMs: 60_000 },
      ],
      runForMs: 3_000,
      expectations: [
        { kind: 'isrIs', partition: 'page-views-0', isr: [1, 2, 3] },
        { kind: 'acknowledgedAtLeast', count: 25 },
      ],
    },
    {
      id: 'leader-crashes',
      title: 'The leader crashes',
      narration:
        'Broker 1 crashes just as the followers recover. After broker.session.timeout.ms the controller makes broker 2 leader: it was in the ISR, so the election is clean, but its log lacks the last page views broker 1 acknowledged.',
      waitFor: {
        kind: 'userAction',
        hint: 'Kill broker 1, the leader of page-views-0.',
        expect: { kind: 'leaderStopped', partition: 'page-views-0' },
        solution: [
          { type: 'killBroker', brokerId: 1 },
          { type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 },
          { type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 },
        ],
      },
      runForMs: 12_000,
      expectations: [
        { kind: 'leaderIs', partition: 'page-views-0', broker: 2 },
        { kind: 'isrIs', partition: 'page-views-0', isr: [2, 3] },
      ],
      explanation:
        'The acknowledged records still exist, but only on broker 1’s disk. New page views are appended after broker 2’s end of log, at the offsets broker 1 had used for the lost ones.',
    },
    {
      id: 'old-leader-truncates',
      title: 'The old leader truncates: records are lost',
      narration:
        'Broker 1 restarts and becomes a follower of broker 2. Comparing leader epochs, it finds that its log diverges from the leader’s and truncates the records the leader never had.',
      actions: [{ type: 'restartBroker', brokerId: 1 }],
      runForMs: 10_000,
      expectations: [
        { kind: 'eventHappened', type: 'truncated' },
        { kind: 'lostIs', count: 12 },
        { kind: 'isrIs', partition: 'page-views-0', isr: [1, 2, 3] },
      ],
      explanation:
        'The producer was told these page views were written; now no replica has them. This is the risk the acks=1 documentation describes: a leader that fails right after acknowledging, before the followers replicated, loses the record.',
    },
    {
      id: 'acks-all',
      title: 'Now with acks=all',
      narration:
        'The producer switches to Kafka’s defaults: acks=all, with enable.idempotence=true so that its retries cannot write a record twice. Its acks=1 batches still on their way are answered as before; every record sent from now on is acknowledged only once every ISR member has it.',
      actions: [
        {
          type: 'setProducerConfig',
          producerId: 'web',
          config: { acks: 'all', 'enable.idempotence': true },
        },
      ],
      runForMs: 2_000,
      expectations: [
        { kind: 'leaderIs', partition: 'page-views-0', broker: 2 },
        { kind: 'lostIs', count: 12 },
      ],
    },
    {
      id: 'followers-fall-behind-again',
      title: 'The followers fall behind again',
      narration:
        'The same thing now happens to the new leader, broker 2: its followers, brokers 1 and 3, become slow. With acks=all the leader waits until every ISR member has a record before acknowledging it, so the producer now waits instead.',
      actions: [
        { type: 'slowBroker', brokerId: 1, fetchDelayMs: 60_000 },
        { type: 'slowBroker', brokerId: 3, fetchDelayMs: 60_000 },
      ],
      runForMs: 3_000,
      expectations: [{ kind: 'leaderIs', partition: 'page-views-0', broker: 2 }],
    },
    {
      id: 'leader-crashes-again',
      title: 'The leader crashes again',
      narration:
        'Broker 2 crashes just as its followers recover. Broker 1 becomes leader. The records broker 2 had appended but not acknowledged are missing from broker 1, and the producer, which never got an answer, sends them again.',
      actions: [
        { type: 'killBroker', brokerId: 2 },
        { type: 'slowBroker', brokerId: 1, fetchDelayMs: 0 },
        { type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 },
      ],
      runForMs: 12_000,
      expectations: [{ kind: 'leaderIs', partition: 'page-views-0', broker: 1 }],
    },
    {
      id: 'nothing-more-lost',
      title: 'Broker 2 returns: nothing more is lost',
      narration:
        'Broker 2 restarts and truncates its extra records, as broker 1 did. This time none of them had been acknowledged: the producer retried them, so the count of lost records stays at the 12 lost with acks=1.',
      actions: [{ type: 'restartBroker', brokerId: 2 }],
      runForMs: 10_000,
      expectations: [
        { kind: 'eventHappened', type: 'truncated' },
        { kind: 'lostIs', count: 12 },
        { kind: 'duplicatedIs', count: 0 },
        { kind: 'isrIs', partition: 'page-views-0', isr: [1, 2, 3] },
      ],
      explanation:
        'acks=all protects acknowledged records as long as one in-sync replica survives. It pairs with min.insync.replicas=2, so that "all" is never just the leader alone. The What if? tab replays this very run with acks=all from the start, the same crashes at the same moments, and sets both audits side by side.',
    },
  ],
};
