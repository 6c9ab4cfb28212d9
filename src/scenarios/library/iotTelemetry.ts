// IoT telemetry burst: thousands of meters report at once after an outage. The log absorbs the burst;
// each consumer group works through it at its own pace, and its lag rises and then falls.
import type { Scenario } from '../schema';

export const iotTelemetryScenario: Scenario = {
  version: 1,
  id: 'iot-telemetry',
  title: 'IoT telemetry: a burst, then everyone catches up',
  description:
    'Smart meters send readings to topic meter-readings, keyed by meter id. After a regional power cut every meter reconnects and flushes its buffered readings at once. Kafka absorbs the burst; grid-alerts, with three fast consumers, catches up quickly, and the data-lake loader, with one slow consumer, catches up later.',
  seed: 13,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
  },
  topics: [
    {
      name: 'meter-readings',
      partitions: 6,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: {
        '0': [1, 2, 3],
        '1': [2, 3, 1],
        '2': [3, 1, 2],
        '3': [1, 3, 2],
        '4': [2, 1, 3],
        '5': [3, 2, 1],
      },
    },
  ],
  producers: [
    {
      id: 'meters',
      topic: 'meter-readings',
      ratePerSec: 6,
      keys: {
        kind: 'cycle',
        // Two meters per partition (murmur2 of these ids modulo 6), so the load is even.
        keys: [
          'meter-01',
          'meter-03',
          'meter-04',
          'meter-05',
          'meter-08',
          'meter-10',
          'meter-02',
          'meter-13',
          'meter-06',
          'meter-15',
          'meter-09',
          'meter-11',
        ],
      },
      valueTemplate: '{"meterId":"{key}","event":"reading","n":{n}}',
      config: { acks: 'all' },
    },
  ],
  groups: [
    {
      groupId: 'grid-alerts',
      topic: 'meter-readings',
      autoOffsetReset: 'earliest',
      consumers: [
        { id: 'alerts-1', processingTimeMs: 5 },
        { id: 'alerts-2', processingTimeMs: 5 },
        { id: 'alerts-3', processingTimeMs: 5 },
      ],
    },
    {
      groupId: 'data-lake',
      topic: 'meter-readings',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'lake-loader-1', processingTimeMs: 60 }],
    },
  ],
  steps: [
    {
      id: 'steady-readings',
      title: 'Steady readings',
      narration:
        'Twelve smart meters send a reading every two seconds to topic meter-readings, keyed by meter id, spread over 6 partitions. Two consumer groups read every reading: grid-alerts with three consumers, and data-lake with one slower consumer that writes to storage.',
      runForMs: 10_000,
      expectations: [
        { kind: 'groupStateIs', group: 'grid-alerts', state: 'Stable' },
        { kind: 'groupStateIs', group: 'data-lake', state: 'Stable' },
        { kind: 'lagBelow', group: 'grid-alerts', max: 40 },
        { kind: 'lagBelow', group: 'data-lake', max: 40 },
      ],
    },
    {
      id: 'burst',
      title: 'The power comes back: a burst',
      narration:
        'After a power cut the meters reconnect and flush their buffered readings together: the rate jumps from 6 to 60 records a second for ten seconds. The brokers append the burst to the log; nothing pushes it onto the consumers.',
      actions: [{ type: 'setProducerConfig', producerId: 'meters', config: {}, ratePerSec: 60 }],
      runForMs: 10_000,
      expectations: [
        // grid-alerts keeps up; its lag is what arrived since its last auto-commit, which at 60 records a
        // second is well above the 35 or so it shows at the steady rate.
        { kind: 'lagAbove', group: 'grid-alerts', min: 60 },
        { kind: 'lagAbove', group: 'data-lake', min: 300 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Consumers pull records at their own pace, so a burst becomes lag, not overload: the log is the buffer. Producers are only slowed if the brokers themselves cannot keep up.',
    },
    {
      id: 'burst-ends',
      title: 'The burst ends',
      narration:
        'The meters are back to one reading every two seconds. grid-alerts, with three consumers sharing the 6 partitions, works through its backlog within seconds.',
      actions: [{ type: 'setProducerConfig', producerId: 'meters', config: {}, ratePerSec: 6 }],
      runForMs: 10_000,
      expectations: [
        { kind: 'lagBelow', group: 'grid-alerts', max: 40 },
        { kind: 'lagAbove', group: 'data-lake', min: 100 },
      ],
      explanation:
        'The two groups read the same records but are at different offsets: each group’s lag is its own.',
    },
    {
      id: 'data-lake-catches-up',
      title: 'The data lake catches up at its own pace',
      narration:
        'The data-lake loader needs 60 ms per reading, so it drains its backlog over the next half minute. Nothing was lost and nobody had to slow down the meters.',
      runForMs: 40_000,
      expectations: [
        { kind: 'lagBelow', group: 'data-lake', max: 40 },
        { kind: 'consumedAtLeast', group: 'data-lake', count: 900 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'To catch up faster, add consumers to data-lake, up to one per partition (6 here). Lag that never comes down means the group is too slow for the steady rate, not just for the burst.',
    },
  ],
};
