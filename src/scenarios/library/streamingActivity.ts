// Streaming activity: viewers' play, pause and rating events, keyed by user id. A recommendation service
// that arrives later replays the history from the beginning, but only what retention.ms has kept.
import type { Scenario } from '../schema';

export const streamingActivityScenario: Scenario = {
  version: 1,
  id: 'streaming-activity',
  title: 'Streaming activity: replay and retention',
  description:
    'A video service writes viewers’ play, pause and rating events to topic play-events, keyed by user id. retention.ms is one minute here (7 days by default) so that old events visibly expire. A recommendation service subscribes later and replays from the beginning of what is left.',
  seed: 3,
  cluster: {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    // Kafka checks retention every 300000 ms by default; 10000 ms shows the deletion sooner.
    config: { 'log.retention.check.interval.ms': 10_000 },
  },
  topics: [
    {
      name: 'play-events',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2, 'retention.ms': 60_000 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'player-app',
      topic: 'play-events',
      ratePerSec: 3,
      keys: { kind: 'cycle', keys: ['user-17', 'user-23', 'user-58', 'user-77', 'user-42'] },
      valueTemplate: '{"userId":"{key}","event":"playback_progress","n":{n}}',
      config: { acks: 'all' },
    },
  ],
  groups: [
    {
      groupId: 'now-playing',
      topic: 'play-events',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'now-playing-1', processingTimeMs: 10 }],
    },
  ],
  steps: [
    {
      id: 'press-play',
      title: 'Viewers press play',
      narration:
        'User 17 presses play. The player app writes a play event to topic play-events with the user id as its key, then a playback_progress event every few seconds for every viewer. The now-playing service reads them to show what each viewer is watching.',
      actions: [
        {
          type: 'produce',
          producerId: 'player-app',
          key: 'user-17',
          value: '{"userId":"user-17","event":"play","title":"Night Train, episode 1"}',
        },
      ],
      runForMs: 10_000,
      expectations: [
        { kind: 'groupStateIs', group: 'now-playing', state: 'Stable' },
        { kind: 'keyOn', topic: 'play-events', key: 'user-17', partition: 'play-events-0' },
      ],
    },
    {
      id: 'pause-and-rate',
      title: 'Pause, then rate',
      narration:
        'User 17 pauses the episode and rates it five stars. Both events carry the key user-17, so they land on play-events-0 after the play event, in the order they happened.',
      actions: [
        {
          type: 'produce',
          producerId: 'player-app',
          key: 'user-17',
          value: '{"userId":"user-17","event":"pause","positionSec":1312}',
        },
        {
          type: 'produce',
          producerId: 'player-app',
          key: 'user-17',
          value: '{"userId":"user-17","event":"rate","stars":5}',
        },
      ],
      runForMs: 5_000,
      expectations: [
        { kind: 'keyOn', topic: 'play-events', key: 'user-17', partition: 'play-events-0' },
        { kind: 'reorderedIs', count: 0 },
      ],
      explanation:
        'Any service that reads play-events-0 sees play, pause, rate for user 17 in that order. Ordering is per partition, and the key decides the partition.',
    },
    {
      id: 'old-events-expire',
      title: 'Old events expire',
      narration:
        'retention.ms is 60000 here: every log.retention.check.interval.ms (shortened to 10000 ms) each broker deletes records older than a minute from the start of its logs. The log start offset of each partition moves forward.',
      runForMs: 70_000,
      expectations: [
        { kind: 'logStartOffsetAtLeast', partition: 'play-events-0', offset: 10 },
        { kind: 'logStartOffsetAtLeast', partition: 'play-events-1', offset: 10 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Deletion by retention is not data loss: it is the topic’s policy, and consumers that keep up have read those records long ago. Kafka deletes whole segments; the simulator deletes record by record.',
    },
    {
      id: 'recommendations-replay',
      title: 'Recommendations replay from the beginning',
      narration:
        'The recommendation team starts a new consumer group, recommendations, with auto.offset.reset=earliest to train on viewing history. It starts at each partition’s log start offset, the oldest record still kept, and reads forward.',
      actions: [
        {
          type: 'addGroup',
          group: {
            groupId: 'recommendations',
            topic: 'play-events',
            autoOffsetReset: 'earliest',
            consumers: [{ id: 'recommendations-1', processingTimeMs: 10 }],
          },
        },
      ],
      runForMs: 15_000,
      expectations: [
        { kind: 'groupStateIs', group: 'recommendations', state: 'Stable' },
        { kind: 'consumedAtLeast', group: 'recommendations', count: 150 },
        { kind: 'consumedAtMost', group: 'recommendations', count: 260 },
        { kind: 'consumedAtLeast', group: 'now-playing', count: 280 },
      ],
      explanation:
        'now-playing read every event as it arrived; recommendations could only replay the last minute or so, because the rest had expired. Pick retention.ms for the replays you will need: a new service can only read what is still in the log.',
    },
  ],
};
