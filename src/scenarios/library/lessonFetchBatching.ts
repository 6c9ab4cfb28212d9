// Lesson: fetch.min.bytes and fetch.max.wait.ms. The broker answers a consumer's fetch as soon as one
// record is ready (fetch.min.bytes=1), which costs a fetch per record or two; asking for more bytes
// gives fewer, fuller fetches, paid for in latency, and fetch.max.wait.ms caps that latency.
// Each broker leads one partition of clicks, so each of the consumer's three fetches carries one.
import type { Scenario } from '../schema';

export const lessonFetchBatchingScenario: Scenario = {
  version: 1,
  id: 'lesson-fetch-batching',
  title: 'Lesson: fewer, fuller fetches (fetch.min.bytes, fetch.max.wait.ms)',
  description:
    'A web shop writes 6 clicks a second to topic clicks and group analytics reads them. By default the broker answers a fetch as soon as one record is ready. Ask it to wait for 1,000 bytes and the consumer gets bursts of records, later; fetch.max.wait.ms then puts a deadline on the wait.',
  seed: 41,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [
    {
      name: 'clicks',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'web',
      topic: 'clicks',
      ratePerSec: 6,
      keys: { kind: 'unique', prefix: 'c-' },
      valueTemplate: '{"click":"{key}","page":"/basket"}',
    },
  ],
  groups: [
    {
      groupId: 'analytics',
      topic: 'clicks',
      autoOffsetReset: 'earliest',
      // Commit after each poll(), so that LAG shows what the consumer has not received yet.
      config: { 'enable.auto.commit': false },
      consumers: [{ id: 'analytics-1' }],
    },
  ],
  steps: [
    {
      id: 'one-record-is-enough',
      title: 'One record is enough',
      narration:
        'With Kafka’s defaults, fetch.min.bytes=1: the leader answers a fetch as soon as one record is below the high watermark. The consumer gets each click within a round trip, and sends a fetch for nearly every record.',
      runForMs: 12_000,
      expectations: [
        { kind: 'groupStateIs', group: 'analytics', state: 'Stable' },
        { kind: 'lagBelow', group: 'analytics', max: 4 },
      ],
      explanation:
        'Each broker leads one partition of clicks, 2 clicks a second, so each of the consumer’s fetches comes back with one record or two: low latency, many requests.',
    },
    {
      id: 'wait-for-bytes',
      title: 'Ask for 1,000 bytes',
      narration:
        'The team sets fetch.min.bytes=1000 and fetch.max.wait.ms=10000 on group analytics. A click record is about 110 bytes, so each leader now holds the consumer’s fetch until about nine clicks are ready, some 4.5 seconds at 2 a second. Watch the lag climb and fall back in steps.',
      actions: [
        {
          type: 'setGroupConfig',
          groupId: 'analytics',
          config: { 'fetch.min.bytes': 1000, 'fetch.max.wait.ms': 10_000 },
        },
      ],
      runForMs: 14_000,
      expectations: [
        { kind: 'eventHappened', type: 'groupConfigChanged' },
        { kind: 'lagAbove', group: 'analytics', min: 10 },
      ],
      explanation:
        'Fewer, fuller fetches: the brokers answer a third as many requests, and each record waits until enough others have joined it. That is the trade fetch.min.bytes makes, throughput for latency.',
    },
    {
      id: 'deadline',
      title: 'A deadline for the wait',
      narration:
        'fetch.max.wait.ms is how long a leader may hold a fetch that has less than fetch.min.bytes to return. The team sets it to 1000: every fetch comes back within a second, with whatever has arrived.',
      actions: [
        {
          type: 'setGroupConfig',
          groupId: 'analytics',
          config: { 'fetch.max.wait.ms': 1_000 },
        },
      ],
      runForMs: 12_000,
      expectations: [{ kind: 'lagBelow', group: 'analytics', max: 10 }, { kind: 'nothingLost' }],
      explanation:
        'With a slow topic, fetch.max.wait.ms is the latency the consumer sees; with a busy one, fetch.min.bytes is reached first and the fetch comes back sooner.',
    },
    {
      id: 'defaults-again',
      title: 'Back to the defaults',
      narration:
        'The team removes both settings: fetch.min.bytes=1 and fetch.max.wait.ms=500 again. Each click reaches analytics within a round trip, and the lag drops back to a record or two per partition.',
      actions: [
        {
          type: 'setGroupConfig',
          groupId: 'analytics',
          config: { 'fetch.min.bytes': 1, 'fetch.max.wait.ms': 500 },
        },
      ],
      runForMs: 10_000,
      expectations: [{ kind: 'lagBelow', group: 'analytics', max: 5 }, { kind: 'nothingLost' }],
      explanation:
        'Kafka’s defaults favour latency. Raise fetch.min.bytes for a consumer that reads in bulk (an analytics job, a connector) and keep fetch.max.wait.ms as the longest delay it can accept.',
    },
  ],
};
