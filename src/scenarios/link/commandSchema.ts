// A zod mirror of the engine's `Command` union, field by field, so that a command read from a link is
// checked before it reaches the engine. The compile-time check at the bottom fails the build if the two
// drift apart. Bounds go beyond the TypeScript types only where a value from a link could otherwise hang
// or crash the simulation (a topic with a billion partitions, an integer time that is a fraction); a
// command the engine merely rejects (a bad topic name, an unknown producer) stays valid, because a run's
// log legitimately records rejected commands.
import { z } from 'zod';
import type { Command } from '../../engine/index';

/** Same bounds as the scenario format (schema.ts), so a link cannot ask for more than a scenario can. */
const MAX_PARTITIONS = 1000;
const MAX_REPLICATION_FACTOR = 32767;
const MAX_RATE_PER_SEC = 10_000;

const brokerId = z.int().min(0);

const keyStrategy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cycle'), keys: z.array(z.string()).min(1) }),
  z.strictObject({ kind: z.literal('random'), keys: z.array(z.string()).min(1) }),
  z.strictObject({ kind: z.literal('null') }),
  z.strictObject({ kind: z.literal('unique'), prefix: z.string() }),
]);

const topicConfig = z.strictObject({
  'min.insync.replicas': z.int().min(1).exactOptional(),
  'retention.ms': z.int().min(-1).exactOptional(),
  'retention.bytes': z.int().min(-1).exactOptional(),
  'cleanup.policy': z.enum(['delete', 'compact', 'compact,delete']).exactOptional(),
  'unclean.leader.election.enable': z.boolean().exactOptional(),
  'message.timestamp.type': z.enum(['CreateTime', 'LogAppendTime']).exactOptional(),
});

const producerConfig = z.strictObject({
  acks: z.union([z.literal(0), z.literal(1), z.literal('all')]).exactOptional(),
  'enable.idempotence': z.boolean().exactOptional(),
  retries: z.int().min(0).exactOptional(),
  'retry.backoff.ms': z.int().min(0).exactOptional(),
  'retry.backoff.max.ms': z.int().min(0).exactOptional(),
  'metadata.max.age.ms': z.int().min(0).exactOptional(),
  'request.timeout.ms': z.int().min(1).exactOptional(),
  'delivery.timeout.ms': z.int().min(1).exactOptional(),
  'max.in.flight.requests.per.connection': z.int().min(1).max(5).exactOptional(),
  'batch.size': z.int().min(1).exactOptional(),
  'linger.ms': z.int().min(0).exactOptional(),
  'buffer.memory': z.int().min(1).exactOptional(),
  'max.block.ms': z.int().min(0).exactOptional(),
  'transactional.id': z.string().nullable().exactOptional(),
  'transaction.timeout.ms': z.int().min(1).exactOptional(),
});

/** Send() calls per transaction: a bound, so that a link cannot ask for a transaction that never ends. */
const recordsPerTransaction = z.int().min(1).max(100_000);

/** Partition number → replica broker ids. JSON keys are strings, so the key must spell a partition number. */
const assignment = z.record(
  z.string().regex(/^(0|[1-9][0-9]{0,3})$/, 'Expected a partition number'),
  z.array(brokerId).min(1),
) as unknown as z.ZodType<Record<number, number[]>>;

const topicSetup = z
  .strictObject({
    name: z.string(),
    partitions: z.int().min(1).max(MAX_PARTITIONS),
    replicationFactor: z.int().min(1).max(MAX_REPLICATION_FACTOR),
    config: topicConfig.exactOptional(),
    assignment: assignment.exactOptional(),
  })
  .superRefine((topic, ctx) => {
    // The engine trusts an explicit assignment to list every partition; a missing one would crash it.
    if (!topic.assignment) return;
    for (let p = 0; p < topic.partitions; p++) {
      if (topic.assignment[p] === undefined)
        ctx.addIssue({ code: 'custom', path: ['assignment'], message: `Partition ${p} has no replicas` });
    }
  });

const producerSetup = z.strictObject({
  id: z.string(),
  topic: z.string(),
  ratePerSec: z.number().min(0).max(MAX_RATE_PER_SEC),
  keys: keyStrategy,
  valueTemplate: z.string().exactOptional(),
  config: producerConfig.exactOptional(),
  recordsPerTransaction: recordsPerTransaction.exactOptional(),
});

const offsetReset = z.enum(['earliest', 'latest', 'none']);

// The engine itself rejects an empty assignor list, so that stays valid here; it does not check the
// intervals, and a 0 ms heartbeat or commit interval would schedule itself at the same instant for ever.
const consumerConfig = z.strictObject({
  'group.protocol': z.enum(['classic', 'consumer']).exactOptional(),
  'partition.assignment.strategy': z
    .array(z.enum(['range', 'roundrobin', 'sticky', 'cooperative-sticky']))
    .exactOptional(),
  'group.remote.assignor': z.enum(['uniform', 'range']).exactOptional(),
  'session.timeout.ms': z.int().min(1).exactOptional(),
  'heartbeat.interval.ms': z.int().min(1).exactOptional(),
  'max.poll.interval.ms': z.int().min(1).exactOptional(),
  'enable.auto.commit': z.boolean().exactOptional(),
  'auto.commit.interval.ms': z.int().min(1).exactOptional(),
  'auto.offset.reset': offsetReset.exactOptional(),
  'max.poll.records': z.int().min(1).exactOptional(),
  'metadata.max.age.ms': z.int().min(0).exactOptional(),
  'max.partition.fetch.bytes': z.int().min(0).exactOptional(),
  'fetch.max.bytes': z.int().min(0).exactOptional(),
  'fetch.min.bytes': z.int().min(0).exactOptional(),
  'fetch.max.wait.ms': z.int().min(0).exactOptional(),
  'isolation.level': z.enum(['read_uncommitted', 'read_committed']).exactOptional(),
});

const groupInstanceId = z.string().nullable();

const groupSetup = z.strictObject({
  groupId: z.string(),
  topic: z.string(),
  consumers: z.array(
    z.strictObject({
      id: z.string(),
      processingTimeMs: z.int().min(0).exactOptional(),
      groupInstanceId: groupInstanceId.exactOptional(),
    }),
  ),
  autoOffsetReset: offsetReset.exactOptional(),
  config: consumerConfig.exactOptional(),
});

/** Share group configs (share.*) and the members' consumer configs; the engine checks the ranges. */
export const shareGroupConfig = z.strictObject({
  'share.auto.offset.reset': z.enum(['latest', 'earliest']).exactOptional(),
  'share.record.lock.duration.ms': z.int().min(1).exactOptional(),
  'share.delivery.count.limit': z.int().min(1).exactOptional(),
  'share.isolation.level': z.enum(['read_uncommitted', 'read_committed']).exactOptional(),
  'share.partition.max.record.locks': z.int().min(1).exactOptional(),
  'share.session.timeout.ms': z.int().min(1).exactOptional(),
  'share.heartbeat.interval.ms': z.int().min(1).exactOptional(),
  'share.acknowledgement.mode': z.enum(['implicit', 'explicit']).exactOptional(),
  'max.poll.records': z.int().min(1).exactOptional(),
  'fetch.max.wait.ms': z.int().min(0).exactOptional(),
});

export const shareGroupSetup = z.strictObject({
  groupId: z.string(),
  topic: z.string(),
  consumers: z.array(z.strictObject({ id: z.string(), processingTimeMs: z.int().min(0).exactOptional() })),
  config: shareGroupConfig.exactOptional(),
  poisonKeys: z.array(z.string()).exactOptional(),
  onFailure: z.enum(['RELEASE', 'REJECT']).exactOptional(),
  renewLocks: z.boolean().exactOptional(),
});

/** kafka-consumer-groups --reset-offsets --to-earliest | --to-latest | --to-offset | --to-datetime. */
const offsetTarget = z.union([
  z.literal('earliest'),
  z.literal('latest'),
  z.strictObject({ offset: z.int() }),
  z.strictObject({ timestampMs: z.int() }),
]);

const onBroker = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), brokerId });

export const commandSchema = z.discriminatedUnion('type', [
  onBroker('killBroker'),
  onBroker('restartBroker'),
  onBroker('shutdownBroker'),
  onBroker('isolateBroker'),
  onBroker('reconnectBroker'),
  z.strictObject({ type: z.literal('slowBroker'), brokerId, fetchDelayMs: z.number().min(0) }),
  z.strictObject({ type: z.literal('createTopic'), topic: topicSetup }),
  z.strictObject({
    type: z.literal('addPartitions'),
    topic: z.string(),
    partitions: z.int().min(1).max(MAX_PARTITIONS),
  }),
  z.strictObject({ type: z.literal('alterTopicConfig'), topic: z.string(), config: topicConfig }),
  z.strictObject({ type: z.literal('electPreferredLeader'), partitionId: z.string() }),
  z.strictObject({ type: z.literal('electUncleanLeader'), partitionId: z.string() }),
  z.strictObject({ type: z.literal('addProducer'), producer: producerSetup }),
  z.strictObject({ type: z.literal('removeProducer'), producerId: z.string() }),
  z.strictObject({
    type: z.literal('setProducerConfig'),
    producerId: z.string(),
    config: producerConfig,
    ratePerSec: z.number().min(0).max(MAX_RATE_PER_SEC).exactOptional(),
    keys: keyStrategy.exactOptional(),
    recordsPerTransaction: recordsPerTransaction.exactOptional(),
  }),
  z.strictObject({
    type: z.literal('produce'),
    producerId: z.string(),
    key: z.string().nullable(),
    value: z.string().nullable().exactOptional(),
    partition: z
      .int()
      .min(0)
      .max(MAX_PARTITIONS - 1)
      .exactOptional(),
  }),
  z.strictObject({ type: z.literal('abortTransaction'), producerId: z.string() }),
  z.strictObject({ type: z.literal('addGroup'), group: groupSetup }),
  z.strictObject({ type: z.literal('addShareGroup'), group: shareGroupSetup }),
  z.strictObject({
    type: z.literal('setShareGroupConfig'),
    groupId: z.string(),
    config: shareGroupConfig,
  }),
  z.strictObject({
    type: z.literal('addConsumer'),
    groupId: z.string(),
    consumerId: z.string(),
    processingTimeMs: z.int().min(0).exactOptional(),
    groupInstanceId: groupInstanceId.exactOptional(),
  }),
  z.strictObject({ type: z.literal('removeConsumer'), consumerId: z.string() }),
  z.strictObject({ type: z.literal('crashConsumer'), consumerId: z.string() }),
  z.strictObject({ type: z.literal('restartConsumer'), consumerId: z.string() }),
  z.strictObject({
    type: z.literal('slowConsumer'),
    consumerId: z.string(),
    processingTimeMs: z.number().min(0),
  }),
  z.strictObject({ type: z.literal('setGroupConfig'), groupId: z.string(), config: consumerConfig }),
  z.strictObject({ type: z.literal('resetOffsets'), groupId: z.string(), to: offsetTarget }),
  z.strictObject({
    type: z.literal('setGroupInstanceId'),
    consumerId: z.string(),
    groupInstanceId,
  }),
]);

/** Every command type, in the engine's order; used to name a command in messages. */
export const COMMAND_TYPES: readonly Command['type'][] = commandSchema.options.map((o) => o.shape.type.value);

// The build fails here if the schema and the engine's Command union stop describing the same values.
// `Same` alone would accept a field the engine added as optional (structural typing lets an object with
// fewer optional fields stand for one with more), so the key sets are compared too, at every level.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Exactly<A, B> =
  Same<A, B> extends false
    ? false
    : [A] extends [readonly unknown[]]
      ? true
      : [A] extends [object]
        ? Same<keyof A, keyof B> extends false
          ? false
          : false extends {
                [K in keyof A & keyof B]-?: Exactly<NonNullable<A[K]>, NonNullable<B[K]>>;
              }[keyof A & keyof B]
            ? false
            : true
        : true;
type Mirrors = {
  [T in Command['type']]: Exactly<
    Extract<z.output<typeof commandSchema>, { type: T }>,
    Extract<Command, { type: T }>
  >;
};
const mirrorsCommand: false extends Mirrors[keyof Mirrors] ? false : true = true;
void mirrorsCommand;
