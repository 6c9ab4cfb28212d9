// Lesson: share groups (KIP-932, "queues for Kafka", production ready in Kafka 4.2). Four workers share a
// topic of two partitions: every worker gets records, each record is locked to one worker at a time, and
// a record comes back when it is released or its lock runs out. J-4711 is the poison pill.
import type { Scenario } from '../schema';

export const lessonShareGroupsScenario: Scenario = {
  version: 1,
  id: 'lesson-share-groups',
  title: 'Lesson: share groups, a queue on a Kafka topic (KIP-932)',
  description:
    'A print shop takes orders on topic print-jobs (2 partitions). Four raster workers, press-1 to press-4, read it as share group presses: more workers than partitions, and all of them busy. One job has a corrupt PDF and fails every time; one worker crashes holding jobs; one is shut down cleanly.',
  seed: 42,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [
    {
      name: 'print-jobs',
      partitions: 2,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1] },
    },
  ],
  producers: [
    {
      id: 'storefront',
      topic: 'print-jobs',
      ratePerSec: 5,
      keys: { kind: 'unique', prefix: 'J-' },
      valueTemplate: '{"jobId":"{key}","pages":12,"pdf":"ok"}',
      config: { acks: 'all' },
    },
  ],
  groups: [],
  shareGroups: [
    {
      groupId: 'presses',
      topic: 'print-jobs',
      consumers: [
        { id: 'press-1', processingTimeMs: 500 },
        { id: 'press-2', processingTimeMs: 500 },
        { id: 'press-3', processingTimeMs: 500 },
        { id: 'press-4', processingTimeMs: 500 },
      ],
      config: {
        'share.acknowledgement.mode': 'explicit',
        'share.auto.offset.reset': 'earliest',
        'share.record.lock.duration.ms': 15_000,
        'max.poll.records': 2,
      },
      poisonKeys: ['J-4711'],
      onFailure: 'RELEASE',
    },
  ],
  steps: [
    {
      id: 'more-workers-than-partitions',
      title: 'Four workers, two partitions, all busy',
      narration:
        'The storefront writes 5 print jobs a second to print-jobs. Share group presses has 4 members for 2 partitions: the simple assignor gives each partition to 2 members, and the share-partition leader hands each record to one member at a time, locked to it (ACQUIRED) until it acknowledges it. After 10 seconds press-1 to press-4 have printed 12, 8, 10 and 9 jobs, where a consumer group of 4 on 2 partitions would leave 2 members idle.',
      runForMs: 10_000,
      expectations: [
        { kind: 'shareMembersIs', group: 'presses', count: 4 },
        { kind: 'shareConsumedAtLeast', group: 'presses', consumer: 'press-1', count: 1 },
        { kind: 'shareConsumedAtLeast', group: 'presses', consumer: 'press-2', count: 1 },
        { kind: 'shareConsumedAtLeast', group: 'presses', consumer: 'press-3', count: 1 },
        { kind: 'shareConsumedAtLeast', group: 'presses', consumer: 'press-4', count: 1 },
      ],
      explanation:
        'The workers set share.acknowledgement.mode=explicit: each acknowledges every job itself, ACCEPT once it is printed. A share group trades order for parallelism: the members sharing a partition get its records in no particular order, and a record can come back later. There is no offset to commit; each share-partition keeps a window of in-flight records from its start offset (START-OFFSET in kafka-share-groups --describe), with each record AVAILABLE, ACQUIRED, ACKNOWLEDGED or ARCHIVED. Try kafka-share-groups --bootstrap-server localhost:9092 --describe --group presses --members in the CLI tab.',
    },
    {
      id: 'poison-pill',
      title: 'A corrupt PDF: released, redelivered, archived',
      narration:
        'Job J-4711 arrives with a truncated PDF at offset 26 of print-jobs-1. press-4 acquires it, cannot rasterise it and acknowledges it with RELEASE, so it is AVAILABLE again, and since redeliveries are served first, press-4 acquires it again with delivery count 2, then 3, 4 and 5. Released at its fifth delivery, at 16.9 s, it reaches group.share.delivery.count.limit (5) and is ARCHIVED: it will not be delivered again.',
      actions: [
        {
          type: 'produce',
          producerId: 'storefront',
          key: 'J-4711',
          value: '{"jobId":"J-4711","pages":12,"pdf":"%PDF-1.7 truncated"}',
        },
      ],
      runForMs: 8_000,
      expectations: [
        { kind: 'eventHappened', type: 'shareRecordArchived' },
        { kind: 'shareArchivedAtLeast', group: 'presses', count: 1 },
        { kind: 'shareRedeliveredAtLeast', group: 'presses', count: 4 },
      ],
      explanation:
        'The delivery count limit is what a dead-letter topic is to a consumer group, without the topic: a poison pill circles at most 5 times, and the jobs behind it keep flowing to the other workers meanwhile. Once a record has been delivered 3 times, the leader hands it out alone, so that it cannot take a batch of good records down with it. An application that knows a record can never succeed acknowledges it with REJECT instead, and it is ARCHIVED at once.',
    },
    {
      id: 'worker-crashes',
      title: 'A worker crashes holding jobs',
      narration:
        'press-2 crashes in the middle of a batch, holding offsets 40 and 41 of print-jobs-1 (jobs J-74 and J-75). Nothing tells the share-partition leader: the two records stay ACQUIRED and locked to press-2, and no other member can get them. The group coordinator still counts press-2 as a member until share.session.timeout.ms (45000 ms) passes without a heartbeat.',
      actions: [{ type: 'crashConsumer', consumerId: 'press-2' }],
      runForMs: 5_000,
      expectations: [
        { kind: 'eventHappened', type: 'shareConsumerCrashed' },
        { kind: 'shareHoldingIs', group: 'presses', consumer: 'press-2', count: 2 },
        { kind: 'shareMembersIs', group: 'presses', count: 4 },
      ],
      explanation:
        'This is why share.record.lock.duration.ms exists: a lock is the leader’s only defence against a member that vanished. The lesson sets it to 15000 ms, the lowest a group may use (group.share.min.record.lock.duration.ms), instead of the default 30000 ms.',
    },
    {
      id: 'lock-runs-out',
      title: 'The acquisition lock runs out',
      narration:
        'At 32.7 s, 15000 ms after press-2 acquired them, the locks run out: the share-partition leader makes offsets 40 and 41 AVAILABLE again, and press-4, which shares print-jobs-1, acquires them with delivery count 2. A lock timeout counts like a release: had they reached delivery 5, they would have been ARCHIVED.',
      runForMs: 12_000,
      expectations: [
        { kind: 'eventHappened', type: 'shareRecordsReleased' },
        { kind: 'shareHoldingIs', group: 'presses', consumer: 'press-2', count: 0 },
        { kind: 'shareRedeliveredAtLeast', group: 'presses', count: 6 },
        { kind: 'shareMembersIs', group: 'presses', count: 4 },
      ],
      explanation:
        'The jobs press-2 was printing when it died are printed again by press-4: share groups deliver at least once, so a worker must cope with a job it may already have half done. Meanwhile print-jobs-1 has one live worker for the rate two were sharing, and its LAG in kafka-share-groups --describe grows. The same lock runs out under a worker that is alive but slower than share.record.lock.duration.ms: another member gets the job too, and the slow worker’s late acknowledgement fails with INVALID_RECORD_STATE. Since Kafka 4.2 such a worker can keep its locks with acknowledge(record, RENEW) (KIP-1222; “Renew locks while working” in the Add share group form).',
    },
    {
      id: 'worker-closes',
      title: 'A worker shuts down cleanly',
      narration:
        'press-4 is shut down for maintenance at 35 s: close() sends its pending acknowledgements, closes its share sessions and leaves the group with member epoch -1. Its last ShareFetch, still on its way, acknowledged offsets 40 and 41 and acquired 64 and 65, which press-4 will never process. When its share session closes at 35.2 s the leader releases them at once instead of waiting 15 s for their locks, and press-1, which the coordinator now gives print-jobs-1, acquires them at 38.4 s with delivery count 1.',
      actions: [{ type: 'removeConsumer', consumerId: 'press-4' }],
      runForMs: 6_000,
      expectations: [
        { kind: 'eventHappened', type: 'shareConsumerClosed' },
        { kind: 'eventHappened', type: 'shareRecordsReleased' },
        { kind: 'shareHoldingIs', group: 'presses', consumer: 'press-4', count: 0 },
        { kind: 'shareMembersIs', group: 'presses', count: 3 },
      ],
      explanation:
        'Records released because a share session closed never reached the application, so their delivery count goes back down (KAFKA-17541) and a clean shutdown never pushes a record towards the delivery limit. Compare the crash: 15 seconds of locked records against 200 ms. press-2 is still counted as a member until its session times out.',
    },
  ],
};
