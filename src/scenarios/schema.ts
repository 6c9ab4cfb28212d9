// The scenario file format, version 1, validated with zod. A scenario is data: the cluster, its topics,
// producers and consumer groups, the seed, and optionally narrated lesson steps. It converts into the
// engine's SimulationSetup. Fields added after version 1 shipped are optional, so older files still parse.
import { z } from 'zod';
import type { ProducerConfig, ServiceSetup, SimulationSetup } from '../engine/index';
import { TIMESTAMP_TYPES, invalidTimestampTypeText, producerConfigIssue } from '../engine/index';
import { kafkaName } from './expectations';
import { stepSchema } from './step';
import { shareGroupSetup } from './link/commandSchema';

const keyStrategy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cycle'), keys: z.array(z.string()).min(1) }),
  z.strictObject({ kind: z.literal('random'), keys: z.array(z.string()).min(1) }),
  z.strictObject({ kind: z.literal('null') }),
  z.strictObject({ kind: z.literal('unique'), prefix: z.string() }),
]);

const topicConfig = z
  .strictObject({
    'min.insync.replicas': z.int().min(1),
    'retention.ms': z.int().min(-1),
    'retention.bytes': z.int().min(-1),
    'cleanup.policy': z.enum(['delete', 'compact', 'compact,delete']),
    'unclean.leader.election.enable': z.boolean(),
    // A scenario file is refused as Kafka refuses the topic config, in LogConfig's words.
    'message.timestamp.type': z.enum(TIMESTAMP_TYPES, {
      error: (issue) => invalidTimestampTypeText(issue.input),
    }),
  })
  .partial();

const producerConfig = z
  .strictObject({
    acks: z.union([z.literal(0), z.literal(1), z.literal('all')]),
    'enable.idempotence': z.boolean(),
    retries: z.int().min(0),
    'retry.backoff.ms': z.int().min(0),
    'retry.backoff.max.ms': z.int().min(0),
    'metadata.max.age.ms': z.int().min(0),
    'request.timeout.ms': z.int().min(1),
    'delivery.timeout.ms': z.int().min(1),
    'max.in.flight.requests.per.connection': z.int().min(1),
    'batch.size': z.int().min(1),
    'linger.ms': z.int().min(0),
    'buffer.memory': z.int().min(1),
    'max.block.ms': z.int().min(0),
    'transactional.id': kafkaName.nullable(),
    'transaction.timeout.ms': z.int().min(1).max(900_000),
  })
  .partial()
  .superRefine((c, ctx) => {
    // The engine's own check: ProducerConfig's ConfigException texts, one source for links and forms.
    const set = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
    const issue = producerConfigIssue(set as Partial<ProducerConfig>);
    if (issue) ctx.addIssue({ code: 'custom', path: [issue.name], message: issue.message });
  });

const consumerConfig = z
  .strictObject({
    'group.protocol': z.enum(['classic', 'consumer']),
    'partition.assignment.strategy': z
      .array(z.enum(['range', 'roundrobin', 'sticky', 'cooperative-sticky']))
      .min(1),
    'group.remote.assignor': z.enum(['uniform', 'range']),
    'session.timeout.ms': z.int().min(1),
    'heartbeat.interval.ms': z.int().min(1),
    'max.poll.interval.ms': z.int().min(1),
    'enable.auto.commit': z.boolean(),
    'auto.commit.interval.ms': z.int().min(1),
    'auto.offset.reset': z.enum(['earliest', 'latest', 'none']),
    'max.poll.records': z.int().min(1),
    'metadata.max.age.ms': z.int().min(0),
    'max.partition.fetch.bytes': z.int().min(0),
    'fetch.max.bytes': z.int().min(0),
    'fetch.min.bytes': z.int().min(0),
    'fetch.max.wait.ms': z.int().min(0),
    'isolation.level': z.enum(['read_uncommitted', 'read_committed']),
  })
  .partial();

/** Partition number → replica broker ids, the first being the preferred leader (kafka-topics --replica-assignment). */
const replicaAssignment = z.record(
  z.string().regex(/^(0|[1-9][0-9]{0,3})$/, 'Expected a partition number'),
  z.array(z.int().min(0)).min(1),
);

const topicSchema = z
  .strictObject({
    name: kafkaName,
    partitions: z.int().min(1).max(1000),
    replicationFactor: z.int().min(1).max(32767),
    config: topicConfig.optional(),
    /** Optional explicit placement; without it the engine places replicas from the seed. */
    assignment: replicaAssignment.optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.assignment) return;
    for (let p = 0; p < t.partitions; p++) {
      const replicas = t.assignment[String(p)];
      if (!replicas) {
        ctx.addIssue({ code: 'custom', path: ['assignment'], message: `Partition ${p} has no replicas` });
      } else if (replicas.length !== t.replicationFactor || new Set(replicas).size !== replicas.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['assignment', String(p)],
          message: `Partition ${p} needs ${t.replicationFactor} distinct brokers (the replication factor)`,
        });
      }
    }
    for (const p of Object.keys(t.assignment)) {
      if (Number(p) >= t.partitions)
        ctx.addIssue({
          code: 'custom',
          path: ['assignment', p],
          message: `Topic ${t.name} has no partition ${p}`,
        });
    }
  });

/**
 * Where a service's group starts on a partition without a committed offset: earliest unless set, as Kafka
 * Streams overrides the consumer default (StreamsConfig's consumer default overrides). `none` is refused:
 * a Streams application stops on a partition without a committed offset and no reset policy.
 */
const serviceAutoOffsetReset = z.enum(['earliest', 'latest'], {
  error: (issue) =>
    issue.input === 'none'
      ? 'A service cannot use auto.offset.reset=none: a Kafka Streams application without a reset policy fails at its first partition without a committed offset ("No valid committed offset found for input topic"). Use earliest (the default) or latest'
      : `A service reads from earliest (the default, as in Kafka Streams) or latest, not ${JSON.stringify(issue.input)}`,
});

/**
 * A service (event-driven orchestration): a consumer group, named after the service unless `groupId`
 * says otherwise, whose instances `<id>-1`, `<id>-2` … each produce one record to `outputTopic` per record
 * they process. A record fails processing when its key is in `poisonKeys` or its value is not JSON; it is
 * retried `maxRetries` times, `retryBackoffMs` apart, then written to `deadLetterTopic` by the producer
 * `<id>-dlq`, or, without one, retried for ever (head-of-line blocking).
 */
const serviceSchema = z.strictObject({
  id: kafkaName,
  inputTopic: kafkaName,
  outputTopic: kafkaName.nullable().optional(),
  deadLetterTopic: kafkaName.nullable().optional(),
  groupId: kafkaName.optional(),
  instances: z.int().min(1).max(20).optional(),
  processingTimeMs: z.int().min(0).max(60_000).optional(),
  /** {key}, {offset} and {input} (the input record's value) are filled in. */
  valueTemplate: z.string().max(500).optional(),
  poisonKeys: z.array(z.string().max(249)).max(50).optional(),
  maxRetries: z.int().min(0).max(100).optional(),
  retryBackoffMs: z.int().min(0).max(60_000).optional(),
  /** Kafka Streams' processing.guarantee: exactly_once_v2 writes output and offsets in transactions. */
  processingGuarantee: z.enum(['at_least_once', 'exactly_once_v2']).optional(),
  config: z
    .strictObject({ ...consumerConfig.shape, 'auto.offset.reset': serviceAutoOffsetReset.optional() })
    .optional(),
});

export const scenarioSchema = z
  .strictObject({
    version: z.literal(1),
    id: kafkaName,
    title: z.string().min(1).max(120),
    description: z.string().max(2000).default(''),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    cluster: z.strictObject({
      brokers: z
        .array(z.strictObject({ id: z.int().min(0), rack: z.string().nullable().optional() }))
        .min(1)
        .max(64),
      config: z
        .strictObject({
          networkLatencyMs: z.int().min(1).max(10_000),
          'replica.lag.time.max.ms': z.int().min(1),
          'replica.fetch.wait.max.ms': z.int().min(1),
          'broker.session.timeout.ms': z.int().min(1),
          'broker.heartbeat.interval.ms': z.int().min(1),
          'log.retention.check.interval.ms': z.int().min(1),
          'group.initial.rebalance.delay.ms': z.int().min(0),
          'auto.leader.rebalance.enable': z.boolean(),
        })
        .partial()
        .optional(),
    }),
    topics: z.array(topicSchema).min(1),
    producers: z.array(
      z.strictObject({
        id: kafkaName,
        topic: kafkaName,
        ratePerSec: z.number().min(0).max(10_000),
        keys: keyStrategy,
        valueTemplate: z.string().max(500).optional(),
        config: producerConfig.optional(),
        /** With a transactional.id: send() calls per transaction before commitTransaction() (default 5). */
        recordsPerTransaction: z.int().min(1).max(100_000).optional(),
      }),
    ),
    groups: z.array(
      z.strictObject({
        groupId: kafkaName,
        topic: kafkaName,
        autoOffsetReset: z.enum(['earliest', 'latest', 'none']).optional(),
        config: consumerConfig.optional(),
        consumers: z.array(
          z.strictObject({
            id: kafkaName,
            processingTimeMs: z.int().min(0).optional(),
            groupInstanceId: kafkaName.nullable().optional(),
          }),
        ),
      }),
    ),
    /** Services that consume one topic and produce to another; added after groups. */
    services: z.array(serviceSchema).max(20).optional(),
    /** Share groups (KIP-932): members share partitions and acknowledge each record; added last. */
    shareGroups: z.array(shareGroupSetup).max(20).optional(),
    /** A narrated lesson; a scenario without steps is a sandbox. */
    steps: z.array(stepSchema).max(30).optional(),
  })
  .superRefine((s, ctx) => {
    const brokers = new Set(s.cluster.brokers.map((b) => b.id));
    s.topics.forEach((t, i) => {
      for (const [p, replicas] of Object.entries(t.assignment ?? {}))
        for (const b of replicas)
          if (!brokers.has(b))
            ctx.addIssue({
              code: 'custom',
              path: ['topics', i, 'assignment', p],
              message: `Broker ${b} is not in the cluster`,
            });
    });
    checkReferences(s, ctx);
    const seen = new Set<string>();
    s.steps?.forEach((step, i) => {
      if (seen.has(step.id))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'id'],
          message: `Another step already has the id ${step.id}`,
        });
      seen.add(step.id);
    });
  });

type Issues = z.core.$RefinementCtx<unknown>;
type ScenarioShape = Pick<Scenario, 'topics' | 'producers' | 'groups' | 'services' | 'shareGroups'>;

/**
 * Producers, groups and services name topics, and services create a group, producers and consumers of
 * their own: each topic must exist and each name be free, or the simulation could not start. Services must not feed back into their own input either
 * (directly or through other services), or one record would circulate, and multiply, for ever.
 */
function checkReferences(s: ScenarioShape, ctx: Issues): void {
  const topics = new Set<string>();
  const groups = new Set<string>();
  const producers = new Set<string>();
  const consumers = new Set<string>();
  const claim = (taken: Set<string>, name: string, path: (string | number)[], what: string) => {
    if (taken.has(name)) ctx.addIssue({ code: 'custom', path, message: `${what} ${name} already exists` });
    taken.add(name);
  };
  const known = (topic: string, path: (string | number)[]) => {
    if (!topics.has(topic))
      ctx.addIssue({ code: 'custom', path, message: `Topic ${topic} is not one of the scenario's topics` });
  };
  s.topics.forEach((t, i) => claim(topics, t.name, ['topics', i, 'name'], 'A topic named'));
  s.producers.forEach((p, i) => {
    claim(producers, p.id, ['producers', i, 'id'], 'A producer named');
    known(p.topic, ['producers', i, 'topic']);
  });
  s.groups.forEach((g, i) => {
    claim(groups, g.groupId, ['groups', i, 'groupId'], 'A consumer group named');
    known(g.topic, ['groups', i, 'topic']);
    g.consumers.forEach((c, j) =>
      claim(consumers, c.id, ['groups', i, 'consumers', j, 'id'], 'A consumer named'),
    );
  });
  s.services?.forEach((svc, i) => {
    const at = (...rest: (string | number)[]) => ['services', i, ...rest];
    for (const field of ['inputTopic', 'outputTopic', 'deadLetterTopic'] as const) {
      const topic = svc[field];
      if (topic) known(topic, at(field));
    }
    if (svc.outputTopic === svc.inputTopic || svc.deadLetterTopic === svc.inputTopic)
      ctx.addIssue({
        code: 'custom',
        path: at(svc.outputTopic === svc.inputTopic ? 'outputTopic' : 'deadLetterTopic'),
        message: `Service ${svc.id} would write to ${svc.inputTopic}, the topic it reads`,
      });
    const its = (what: string) => `Service ${svc.id} needs its own ${what}, but a ${what} named`;
    claim(groups, svc.groupId ?? svc.id, at(svc.groupId ? 'groupId' : 'id'), its('consumer group'));
    if (svc.outputTopic) claim(producers, svc.id, at('id'), its('producer'));
    if (svc.deadLetterTopic) claim(producers, `${svc.id}-dlq`, at('id'), its('producer'));
    for (let n = 1; n <= (svc.instances ?? 1); n++)
      claim(consumers, `${svc.id}-${n}`, at('id'), its('consumer'));
  });
  s.shareGroups?.forEach((g, i) => {
    claim(groups, g.groupId, ['shareGroups', i, 'groupId'], 'A group named');
    known(g.topic, ['shareGroups', i, 'topic']);
    g.consumers.forEach((c, j) =>
      claim(consumers, c.id, ['shareGroups', i, 'consumers', j, 'id'], 'A consumer named'),
    );
  });
  const cycle = serviceCycle(s.services ?? []);
  if (cycle)
    ctx.addIssue({
      code: 'custom',
      path: ['services'],
      message: `Services feed back into their own input: ${cycle.join(' → ')}`,
    });
}

/** A loop of topics through services (input → output or dead-letter topic), or null. */
function serviceCycle(services: NonNullable<Scenario['services']>): string[] | null {
  const next = new Map<string, string[]>();
  for (const svc of services)
    for (const out of [svc.outputTopic, svc.deadLetterTopic])
      if (out) next.set(svc.inputTopic, [...(next.get(svc.inputTopic) ?? []), out]);
  const done = new Set<string>();
  const visit = (topic: string, path: string[]): string[] | null => {
    if (path.includes(topic)) return [...path.slice(path.indexOf(topic)), topic];
    if (done.has(topic)) return null;
    for (const out of next.get(topic) ?? []) {
      const found = visit(out, [...path, topic]);
      if (found) return found;
    }
    done.add(topic);
    return null;
  };
  for (const topic of [...next.keys()].sort()) {
    const found = visit(topic, []);
    if (found) return found;
  }
  return null;
}

export type Scenario = z.infer<typeof scenarioSchema>;

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Validate unknown input; the error names each offending field. */
export function parseScenario(input: unknown): ParseResult {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, scenario: result.data };
  return { ok: false, error: z.prettifyError(result.error) };
}

export function toSetup(s: Scenario): SimulationSetup {
  const c = s.cluster.config ?? {};
  const clusterConfig: SimulationSetup['clusterConfig'] = {};
  if (c.networkLatencyMs !== undefined) clusterConfig.networkLatencyMs = c.networkLatencyMs;
  if (c['replica.lag.time.max.ms'] !== undefined)
    clusterConfig.replicaLagTimeMaxMs = c['replica.lag.time.max.ms'];
  if (c['replica.fetch.wait.max.ms'] !== undefined)
    clusterConfig.replicaFetchWaitMaxMs = c['replica.fetch.wait.max.ms'];
  if (c['broker.session.timeout.ms'] !== undefined)
    clusterConfig.brokerSessionTimeoutMs = c['broker.session.timeout.ms'];
  if (c['broker.heartbeat.interval.ms'] !== undefined)
    clusterConfig.brokerHeartbeatIntervalMs = c['broker.heartbeat.interval.ms'];
  if (c['group.initial.rebalance.delay.ms'] !== undefined)
    clusterConfig.groupInitialRebalanceDelayMs = c['group.initial.rebalance.delay.ms'];
  if (c['auto.leader.rebalance.enable'] !== undefined)
    clusterConfig.autoLeaderRebalanceEnable = c['auto.leader.rebalance.enable'];
  if (c['log.retention.check.interval.ms'] !== undefined)
    clusterConfig.logRetentionCheckIntervalMs = c['log.retention.check.interval.ms'];
  return {
    brokers: s.cluster.brokers.map((b) => ({ id: b.id, rack: b.rack ?? null })),
    clusterConfig,
    topics: s.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      ...(t.config ? { config: stripUndefined(t.config) } : {}),
      ...(t.assignment ? { assignment: numericKeys(t.assignment) } : {}),
    })),
    producers: s.producers.map((p) => ({
      id: p.id,
      topic: p.topic,
      ratePerSec: p.ratePerSec,
      keys: p.keys,
      ...(p.valueTemplate !== undefined ? { valueTemplate: p.valueTemplate } : {}),
      ...(p.config ? { config: stripUndefined(p.config) } : {}),
      ...(p.recordsPerTransaction !== undefined ? { recordsPerTransaction: p.recordsPerTransaction } : {}),
    })),
    groups: s.groups.map((g) => ({
      groupId: g.groupId,
      topic: g.topic,
      ...(g.autoOffsetReset ? { autoOffsetReset: g.autoOffsetReset } : {}),
      ...(g.config ? { config: stripUndefined(g.config) } : {}),
      consumers: g.consumers.map((c) => ({
        id: c.id,
        ...(c.groupInstanceId !== undefined ? { groupInstanceId: c.groupInstanceId } : {}),
        ...(c.processingTimeMs !== undefined ? { processingTimeMs: c.processingTimeMs } : {}),
      })),
    })),
    ...(s.services ? { services: s.services.map(serviceSetup) } : {}),
    ...(s.shareGroups
      ? {
          shareGroups: s.shareGroups.map((g) => ({
            ...g,
            consumers: g.consumers.map((c) => ({ ...c })),
            ...(g.config ? { config: { ...g.config } } : {}),
            ...(g.poisonKeys ? { poisonKeys: [...g.poisonKeys] } : {}),
          })),
        }
      : {}),
  };
}

function serviceSetup(svc: NonNullable<Scenario['services']>[number]): ServiceSetup {
  const { config, poisonKeys, ...rest } = svc;
  return {
    ...stripUndefined(rest),
    ...(poisonKeys ? { poisonKeys: [...poisonKeys] } : {}),
    ...(config ? { config: stripUndefined(config) } : {}),
  };
}

function numericKeys(assignment: Record<string, number[]>): Record<number, number[]> {
  const out: Record<number, number[]> = {};
  for (const [p, replicas] of Object.entries(assignment)) out[Number(p)] = [...replicas];
  return out;
}

/** zod's partial objects may carry explicit undefined, which exactOptionalPropertyTypes rejects. */
function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
