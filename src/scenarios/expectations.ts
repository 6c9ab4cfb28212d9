// What a lesson step expects to see, as data: plain objects with a `kind`, so that a scenario file can be
// validated, serialised into a share link, and checked by the UI stepper and the headless runner alike.
// The checkers live in check.ts.
import { z } from 'zod';

export const kafkaName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/, "Use only ASCII letters, digits, '.', '_' and '-'");

/** A partition as Kafka's tools print it: `<topic>-<partition>`, e.g. `orders-0`. */
const partition = z
  .string()
  .regex(
    /^[a-zA-Z0-9._-]{1,249}-(0|[1-9][0-9]{0,3})$/,
    'Write a partition as <topic>-<number>, e.g. orders-0',
  );
const broker = z.int().min(0);
const count = z.int().min(0);

const GROUP_STATES = [
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Assigning',
  'Reconciling',
  'Stable',
  'Dead',
] as const;

const on = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({ kind: z.literal(kind), ...shape });

export const expectationSchema = z.discriminatedUnion('kind', [
  // Leaders, ISR and brokers (kafka-topics --describe).
  on('leaderIs', { partition, broker }),
  on('leaderIsNot', { partition, broker }),
  on('leaderInIsrOf', { partition }),
  on('leaderStopped', { partition }),
  on('isrIs', { partition, isr: z.array(broker).min(1) }),
  on('isrSizeIs', { partition, size: count }),
  on('partitionOffline', { partition }),
  on('underReplicatedIs', { topic: kafkaName, count }),
  on('brokerIs', { broker, status: z.enum(['running', 'stopped']) }),
  on('partitionCountIs', { topic: kafkaName, count: z.int().min(1) }),
  on('logStartOffsetAtLeast', { partition, offset: count }),
  on('keyOn', { topic: kafkaName, key: z.string(), partition }),
  // Records written to a topic: the sum of its partitions' high watermarks (e.g. a dead-letter topic).
  on('topicRecordsIs', { topic: kafkaName, count }),
  on('topicRecordsAtLeast', { topic: kafkaName, count }),
  // Producers, e.g. a learner's produce or a dead-letter producer they added.
  on('producedAtLeast', { producer: kafkaName, count }),
  on('producerWritesTo', { producer: kafkaName, topic: kafkaName }),
  // The delivery audit.
  on('nothingLost', {}),
  on('lostIs', { count }),
  on('lostAtLeast', { count }),
  on('acknowledgedAtLeast', { count }),
  on('duplicatedAtLeast', { count }),
  on('abortedAtLeast', { count }),
  on('duplicatedIs', { count }),
  on('reorderedIs', { count }),
  // Consumer groups (kafka-consumer-groups --describe).
  on('lagBelow', { group: kafkaName, max: count }),
  on('lagAbove', { group: kafkaName, min: count }),
  on('groupStateIs', { group: kafkaName, state: z.enum(GROUP_STATES) }),
  on('groupProtocolIs', { group: kafkaName, protocol: z.enum(['classic', 'consumer']) }),
  on('assignorIs', { group: kafkaName, assignor: z.string().min(1) }),
  on('generationIs', { group: kafkaName, generation: count }),
  on('allAssigned', { group: kafkaName }),
  on('memberIdle', { group: kafkaName, consumer: kafkaName }),
  on('assignedCount', { group: kafkaName, consumer: kafkaName, count }),
  on('consumedAtLeast', { group: kafkaName, count }),
  on('consumedAtMost', { group: kafkaName, count }),
  on('redeliveredAtLeast', { group: kafkaName, count }),
  on('redeliveredIs', { group: kafkaName, count }),
  // One partition's LAG row: a partition blocked behind a poison pill lags while the others keep up.
  on('groupReads', { group: kafkaName, topic: kafkaName }),
  on('partitionLagAbove', { group: kafkaName, partition, min: count }),
  on('partitionLagBelow', { group: kafkaName, partition, max: count }),
  // Share groups (KIP-932; kafka-share-groups --describe and the share-partitions' record states).
  on('shareConsumedAtLeast', { group: kafkaName, consumer: kafkaName, count }),
  on('shareHoldingAtLeast', { group: kafkaName, consumer: kafkaName, count }),
  on('shareHoldingIs', { group: kafkaName, consumer: kafkaName, count }),
  on('shareMembersIs', { group: kafkaName, count }),
  on('shareRedeliveredAtLeast', { group: kafkaName, count }),
  on('shareArchivedAtLeast', { group: kafkaName, count }),
  // Narrated events (the event log), since the step began.
  on('eventHappened', { type: z.string().min(1) }),
  on('eventAbsent', { type: z.string().min(1) }),
]);

export type Expectation = z.infer<typeof expectationSchema>;
export type ExpectationKind = Expectation['kind'];

/** Every expectation kind, in the order above; tests use it to prove each has a checker test. */
export const EXPECTATION_KINDS: readonly ExpectationKind[] = expectationSchema.options.map(
  (o) => o.shape.kind.value,
);
