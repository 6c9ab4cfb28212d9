// Kafka's defaults (3.x/4.x), by Kafka's names. Where the simulator departs from a default to make
// behaviour visible, the departure is named here and listed under Simplifications in ARCHITECTURE.md.
import type { ClusterConfig, ProducerConfig, TimestampType, TopicConfig } from './types';
import type { ConsumerConfig } from './groups/types';

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  networkLatencyMs: 200,
  replicaLagTimeMaxMs: 30_000,
  replicaFetchWaitMaxMs: 500,
  replicaFetchMaxBytes: 1_048_576,
  brokerHeartbeatIntervalMs: 2_000,
  brokerSessionTimeoutMs: 9_000,
  logRetentionCheckIntervalMs: 300_000,
  autoLeaderRebalanceEnable: true,
  leaderImbalanceCheckIntervalMs: 300_000,
  uncleanLeaderElectionIntervalMs: 300_000,
  groupInitialRebalanceDelayMs: 3_000,
  groupConsumerHeartbeatIntervalMs: 5_000,
  groupConsumerSessionTimeoutMs: 45_000,
};

/** Consumer defaults (3.x/4.x Java client). */
export const DEFAULT_CONSUMER_CONFIG: ConsumerConfig = {
  'group.protocol': 'classic',
  'partition.assignment.strategy': ['range', 'cooperative-sticky'],
  'group.remote.assignor': 'uniform',
  'session.timeout.ms': 45_000,
  'heartbeat.interval.ms': 3_000,
  'max.poll.interval.ms': 300_000,
  'enable.auto.commit': true,
  'auto.commit.interval.ms': 5_000,
  'auto.offset.reset': 'latest',
  'max.poll.records': 500,
  'metadata.max.age.ms': 300_000,
  'max.partition.fetch.bytes': 1_048_576,
  'fetch.max.bytes': 52_428_800,
  'fetch.min.bytes': 1,
  'fetch.max.wait.ms': 500,
  'isolation.level': 'read_uncommitted',
};

export const DEFAULT_TOPIC_CONFIG: TopicConfig = {
  'min.insync.replicas': 1,
  'retention.ms': 604_800_000,
  'retention.bytes': -1,
  'cleanup.policy': 'delete',
  'unclean.leader.election.enable': false,
  'message.timestamp.type': 'CreateTime',
};

/** message.timestamp.type's valid values, in Kafka's order (LogConfig: in("CreateTime", "LogAppendTime")). */
export const TIMESTAMP_TYPES: readonly TimestampType[] = ['CreateTime', 'LogAppendTime'];

/** ConfigDef.ValidString's refusal of a message.timestamp.type outside TIMESTAMP_TYPES (case matters). */
export function invalidTimestampTypeText(value: unknown): string {
  return `Invalid value ${String(value)} for configuration message.timestamp.type: String must be one of: ${TIMESTAMP_TYPES.join(', ')}`;
}

export const DEFAULT_PRODUCER_CONFIG: ProducerConfig = {
  acks: 'all',
  'enable.idempotence': true,
  retries: 2_147_483_647,
  'retry.backoff.ms': 100,
  'retry.backoff.max.ms': 1_000,
  'metadata.max.age.ms': 300_000,
  'request.timeout.ms': 30_000,
  'delivery.timeout.ms': 120_000,
  'max.in.flight.requests.per.connection': 5,
  'batch.size': 16_384,
  // Kafka 4.0 raised it from 0 to 5 (KIP-1030): a few milliseconds of waiting buy much larger batches.
  'linger.ms': 5,
  // Kafka's default is 32 MiB (~400,000 records of our size): a flooded producer would take minutes to
  // block and hold that many records in every checkpoint. 1 MiB blocks within seconds (Simplifications).
  'buffer.memory': 1_048_576,
  'max.block.ms': 60_000,
  'transactional.id': null,
  'transaction.timeout.ms': 60_000,
};

/** transaction.abort.timed.out.transaction.cleanup.interval.ms: the coordinator's check for expired transactions. */
export const TXN_TIMEOUT_CHECK_INTERVAL_MS = 10_000;

/** transaction.max.timeout.ms: the longest transaction.timeout.ms the coordinator accepts. */
export const TXN_MAX_TIMEOUT_MS = 900_000;

/** Kafka's record-batch and record overheads are folded into one per-record figure. */
export const RECORD_OVERHEAD_BYTES = 70;

/**
 * A producer's config from what was set explicitly (Kafka's "originals"), as ProducerConfig resolves it:
 * idempotence is on by default, but a default idempotence turns itself off, with a log line, when acks is
 * not all or retries is 0 (an explicit one is refused instead: producerConfigProblem).
 */
export function resolveProducerConfig(originals: Partial<ProducerConfig>): {
  config: ProducerConfig;
  /** Kafka's INFO line when idempotence was turned off, else null. */
  note: string | null;
} {
  const config: ProducerConfig = { ...DEFAULT_PRODUCER_CONFIG, ...originals };
  if (!config['enable.idempotence'] || originals['enable.idempotence'] !== undefined)
    return { config, note: null };
  const why =
    config.retries === 0
      ? 'retries is set to 0'
      : config.acks !== 'all'
        ? `acks is set to ${config.acks}, not set to 'all'`
        : null;
  if (why === null) return { config, note: null };
  config['enable.idempotence'] = false;
  return { config, note: `Idempotence will be disabled because ${why}.` };
}

/** A config Kafka refuses: which one, and its ConfigException text. */
export interface ProducerConfigIssue {
  name: keyof ProducerConfig;
  message: string;
}

/**
 * The producer config checks Kafka's ProducerConfig applies when a producer is created, with its error
 * text (ConfigException). Returns the first problem, or null.
 */
export function producerConfigProblem(config: Partial<ProducerConfig>): string | null {
  return producerConfigIssue(config)?.message ?? null;
}

/** producerConfigProblem, naming the config at fault (a scenario file points at it). */
export function producerConfigIssue(config: Partial<ProducerConfig>): ProducerConfigIssue | null {
  const issue = (name: keyof ProducerConfig, message: string) => ({ name, message });
  const merged = resolveProducerConfig(config).config;
  const acks = config.acks;
  if (acks !== undefined && acks !== 0 && acks !== 1 && acks !== 'all')
    return issue(
      'acks',
      `Invalid value ${String(acks)} for configuration acks: String must be one of: all, -1, 0, 1`,
    );
  const atLeast: [keyof ProducerConfig, number][] = [
    ['retries', 0],
    ['retry.backoff.ms', 0],
    ['retry.backoff.max.ms', 0],
    ['metadata.max.age.ms', 0],
    ['request.timeout.ms', 0],
    ['delivery.timeout.ms', 0],
    ['max.in.flight.requests.per.connection', 1],
    ['batch.size', 0],
    ['linger.ms', 0],
    ['buffer.memory', 0],
    ['max.block.ms', 0],
    ['transaction.timeout.ms', 1],
  ];
  for (const [name, min] of atLeast) {
    const v = config[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      return issue(
        name,
        `Invalid value ${String(v)} for configuration ${name}: Value must be at least ${min}`,
      );
  }
  // postProcessAndValidateIdempotenceConfigs: an idempotence the user asked for refuses what breaks it;
  // the default one turns itself off instead (resolveProducerConfig).
  const mustSetAcks =
    'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.';
  if (config['enable.idempotence'] === true) {
    if (merged.retries === 0)
      return issue('retries', 'Must set retries to non-zero when using the idempotent producer.');
    if (merged.acks !== 'all') return issue('acks', mustSetAcks);
  }
  if (merged['enable.idempotence'] && merged['max.in.flight.requests.per.connection'] > 5)
    return issue(
      'max.in.flight.requests.per.connection',
      'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
    );
  const txnId = merged['transactional.id'];
  if (txnId !== null) {
    // ProducerConfig.postProcessAndValidateIdempotenceConfigs, and the coordinator's InitProducerId check.
    if (typeof txnId !== 'string' || txnId === '')
      return issue('transactional.id', 'transactional.id must be a non-empty string.');
    if (!merged['enable.idempotence'])
      return issue('enable.idempotence', 'Cannot set a transactional.id without also enabling idempotence.');
    if (merged.acks !== 'all') return issue('acks', mustSetAcks);
    if (merged['transaction.timeout.ms'] > TXN_MAX_TIMEOUT_MS)
      return issue(
        'transaction.timeout.ms',
        `The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).`,
      );
  }
  // Kafka refuses this only when delivery.timeout.ms was set explicitly (else it raises it, warning).
  if (
    config['delivery.timeout.ms'] !== undefined &&
    merged['delivery.timeout.ms'] < merged['linger.ms'] + merged['request.timeout.ms']
  )
    return issue(
      'delivery.timeout.ms',
      `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms`,
    );
  return null;
}

/**
 * The topic config checks Kafka's LogConfig applies on create and alter, with its error text. Returns
 * the first problem, or null.
 */
export function topicConfigProblem(config: Partial<TopicConfig>): string | null {
  const atLeast: [keyof TopicConfig, number][] = [
    ['min.insync.replicas', 1],
    ['retention.ms', -1],
    ['retention.bytes', -1],
  ];
  for (const [name, min] of atLeast) {
    const v = config[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      return `Invalid value ${String(v)} for configuration ${name}: Value must be at least ${min}`;
  }
  const type: unknown = config['message.timestamp.type'];
  if (type !== undefined && !TIMESTAMP_TYPES.includes(type as TimestampType))
    return invalidTimestampTypeText(type);
  return null;
}

/**
 * The producer's max.request.size (Kafka's default, 1 MiB; not configurable here): RecordAccumulator.drain
 * stops adding batches to a node's request once the next would take it past this size.
 */
export const MAX_REQUEST_SIZE_BYTES = 1_048_576;
