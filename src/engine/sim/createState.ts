// Build the initial state from a setup and a seed. Everything random is drawn from child seeds of the
// one root seed, so that adding a draw in one subsystem does not reshuffle another.
import type { BrokerState, ProducerState, SimState, TopicConfig } from '../types';
import type { ProducerSetup, ServiceSetup, SimulationSetup, TopicSetup } from '../setup';
import {
  DEFAULT_CLUSTER_CONFIG,
  DEFAULT_TOPIC_CONFIG,
  producerConfigProblem,
  resolveProducerConfig,
  topicConfigProblem,
} from '../config';
import { emit } from './events';
import { randomUuid } from '../uuid';
import { newClientMetadata } from '../clients/metadata';
import { KafkaError } from '../errors';
import { childSeed, createRng, nextInt } from '../rng';
import { drawPlacementOffsets, placeReplicas } from '../cluster/placement';
import { createReplicaLog, assignEpochStartOffset } from '../log/replicaLog';
import { schedule } from './timers';
import { startBrokerTimers } from '../cluster/controller';
import { startFetcher } from '../cluster/fetchers';
import { brokerNode } from './network';
import { addConsumer, addGroup } from '../groups/membership';
import { addShareGroup } from '../share/membership';
import { startProducer } from '../clients/producer';
import { DEFAULT_RECORDS_PER_TRANSACTION, newProducerTxn } from '../clients/transactionManager';

export function createState(setup: SimulationSetup, seed: number): SimState {
  const state: SimState = {
    version: 1,
    seed,
    nowMs: 0,
    seq: 0,
    nextId: 1,
    rng: {
      producers: createRng(childSeed(seed, 'producers')),
      placement: createRng(childSeed(seed, 'placement')),
      retries: createRng(childSeed(seed, 'retries')),
      topics: createRng(childSeed(seed, 'topics')),
      members: createRng(childSeed(seed, 'members')),
    },
    config: { ...DEFAULT_CLUSTER_CONFIG, ...setup.clusterConfig },
    brokers: {},
    brokerIds: [],
    topics: {},
    topicNames: [],
    partitions: {},
    partitionIds: [],
    producers: {},
    producerIds: [],
    consumers: {},
    consumerIds: [],
    groups: {},
    groupIds: [],
    shareGroups: {},
    shareGroupIds: [],
    shareConsumers: {},
    shareConsumerIds: [],
    parkedShareFetches: {},
    timers: [],
    parkedFetches: {},
    fetchWaitCheckAtMs: {},
    delayedProduces: {},
    fetchers: {},
    transactions: {},
    txnTimeoutCheckArmed: false,
    audit: {
      records: {},
      acknowledged: 0,
      committed: 0,
      lost: 0,
      duplicated: 0,
      reordered: 0,
      failed: 0,
      aborted: 0,
      explanations: [],
      lastCommittedKeySeq: {},
      nextKeySeq: {},
    },
    events: [],
    eventCount: 0,
  };
  for (const b of [...setup.brokers].sort((x, y) => x.id - y.id)) addBroker(state, b.id, b.rack ?? null);
  for (const t of setup.topics) createTopic(state, t);
  for (const p of setup.producers) addProducer(state, p);
  for (const g of setup.groups) addGroup(state, g);
  for (const s of setup.services ?? []) addService(state, s);
  for (const g of setup.shareGroups ?? []) addShareGroup(state, g);
  schedule(state, state.config.logRetentionCheckIntervalMs, { kind: 'retentionCheck' });
  schedule(state, state.config.leaderImbalanceCheckIntervalMs, { kind: 'leaderImbalanceCheck' });
  schedule(state, state.config.uncleanLeaderElectionIntervalMs, { kind: 'uncleanElectionCheck' });
  return state;
}

export function addBroker(state: SimState, id: number, rack: string | null): BrokerState {
  if (state.brokers[id]) throw new KafkaError('INVALID_REQUEST', `Broker ${id} is already registered.`);
  const broker: BrokerState = {
    id,
    rack,
    status: 'running',
    isolated: false,
    slowFetchDelayMs: 0,
    fenced: false,
    brokerEpoch: 1,
    // Registration is the controller's first contact with the broker: its session starts now, so a broker
    // that dies before its first heartbeat arrives is still fenced after broker.session.timeout.ms.
    lastHeartbeatAtMs: state.nowMs,
    inControlledShutdown: false,
    registerAtMs: -1,
  };
  state.brokers[id] = broker;
  state.brokerIds = [...state.brokerIds, id].sort((a, b) => a - b);
  startBrokerTimers(state, broker);
  schedule(state, state.nowMs + state.config.brokerSessionTimeoutMs, {
    kind: 'sessionExpiry',
    brokerId: id,
    heartbeatAtMs: state.nowMs,
  });
  return broker;
}

function topicConfig(overrides: Partial<TopicConfig> | undefined): TopicConfig {
  return { ...DEFAULT_TOPIC_CONFIG, ...overrides };
}

export function createTopic(state: SimState, t: TopicSetup): void {
  if (state.topics[t.name]) throw new KafkaError('TOPIC_ALREADY_EXISTS', `Topic '${t.name}' already exists.`);
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(t.name)) {
    throw new KafkaError(
      'INVALID_TOPIC_EXCEPTION',
      `Topic name "${t.name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    );
  }
  const problem = t.config ? topicConfigProblem(t.config) : null;
  if (problem) throw new KafkaError('INVALID_CONFIG', problem);
  const brokers = state.brokerIds.map((id) => ({ id, rack: state.brokers[id]!.rack }));
  if (t.assignment) validateAssignment(state, t);
  const assignment =
    t.assignment ?? placeWithSeededOffsets(state, brokers, t.partitions, t.replicationFactor, 0);
  state.topics[t.name] = {
    name: t.name,
    topicId: randomUuid(state.rng.topics),
    partitions: t.partitions,
    replicationFactor: t.replicationFactor,
    config: topicConfig(t.config),
  };
  state.topicNames = [...state.topicNames, t.name].sort();
  for (let i = 0; i < t.partitions; i++) addPartition(state, t.name, i, assignment[i]!);
}

/** An explicit replica assignment (kafka-topics --replica-assignment) must name registered brokers. */
function validateAssignment(state: SimState, t: TopicSetup): void {
  for (let i = 0; i < t.partitions; i++) {
    const replicas = t.assignment?.[i];
    if (!replicas || replicas.length === 0) {
      throw new KafkaError(
        'INVALID_REPLICA_ASSIGNMENT',
        `No replica assignment given for partition ${i} of topic ${t.name}.`,
      );
    }
    if (new Set(replicas).size !== replicas.length) {
      throw new KafkaError(
        'INVALID_REPLICA_ASSIGNMENT',
        `Duplicate brokers in the replica assignment of partition ${i}: ${replicas.join(',')}.`,
      );
    }
    const unknown = replicas.find((b) => !state.brokers[b]);
    if (unknown !== undefined) {
      throw new KafkaError(
        'INVALID_REPLICA_ASSIGNMENT',
        `Unknown broker ${unknown} in the replica assignment of partition ${i} of topic ${t.name}.`,
      );
    }
  }
}

function placeWithSeededOffsets(
  state: SimState,
  brokers: { id: number; rack: string | null }[],
  partitions: number,
  replicationFactor: number,
  startPartitionId: number,
): Record<number, number[]> {
  const offsets = drawPlacementOffsets(brokers.length, (bound) => nextInt(state.rng.placement, bound));
  return placeReplicas({ brokers, partitions, replicationFactor, ...offsets, startPartitionId });
}

/** CreatePartitions: new partitions get AdminUtils placement continuing from the existing count. */
export function addPartitions(state: SimState, topicName: string, newTotal: number): void {
  const topic = state.topics[topicName];
  if (!topic) throw new KafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${topicName}' does not exist.`);
  if (newTotal <= topic.partitions) {
    throw new KafkaError(
      'INVALID_PARTITIONS',
      `Topic currently has ${topic.partitions} partitions, which is higher than the requested ${newTotal}.`,
    );
  }
  const brokers = state.brokerIds.map((id) => ({ id, rack: state.brokers[id]!.rack }));
  const assignment = placeWithSeededOffsets(
    state,
    brokers,
    newTotal - topic.partitions,
    topic.replicationFactor,
    topic.partitions,
  );
  for (let i = topic.partitions; i < newTotal; i++) addPartition(state, topicName, i, assignment[i]!);
  topic.partitions = newTotal;
}

function addPartition(state: SimState, topic: string, partition: number, replicas: number[]): void {
  const id = `${topic}-${partition}`;
  const live = replicas.filter((r) => !state.brokers[r]!.fenced);
  const leader = live[0] ?? -1;
  const logs: SimState['partitions'][string]['logs'] = {};
  for (const r of replicas) logs[r] = createReplicaLog(r);
  state.partitions[id] = {
    id,
    topic,
    partition,
    replicas: [...replicas],
    isr: live.length > 0 ? live : [...replicas],
    leader,
    leaderEpoch: 0,
    partitionEpoch: 0,
    uncleanEpoch: -1,
    logs,
    followers: {},
    purgatory: [],
    purgatoryCheckAtMs: -1,
    pendingMarkers: [],
  };
  state.partitionIds.push(id);
  const p = state.partitions[id]!;
  if (leader < 0) return;
  assignEpochStartOffset(p.logs[leader]!, 0, 0);
  for (const r of replicas) {
    if (r === leader) continue;
    p.followers[r] = {
      logEndOffset: 0,
      lastCaughtUpTimeMs: state.nowMs,
      lastFetchTimeMs: state.nowMs,
      lastFetchLeaderLogEndOffset: 0,
    };
    if (state.brokers[r]!.status === 'running') startFetcher(state, brokerNode(r), id);
  }
}

export function addProducer(state: SimState, setup: ProducerSetup): ProducerState {
  if (state.producers[setup.id])
    throw new KafkaError('INVALID_REQUEST', `A producer named ${setup.id} already exists.`);
  if (!state.topics[setup.topic])
    throw new KafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic ${setup.topic} not present in metadata.`);
  const problem = producerConfigProblem(setup.config ?? {});
  if (problem) throw new KafkaError('INVALID_CONFIG', problem);
  const resolved = resolveProducerConfig(setup.config ?? {});
  const producer: ProducerState = {
    id: setup.id,
    producerId: state.nextId++,
    topic: setup.topic,
    config: resolved.config,
    originals: { ...setup.config },
    metadata: newClientMetadata(state, [setup.topic]),
    ratePerSec: setup.ratePerSec,
    keys: setup.keys,
    valueTemplate: setup.valueTemplate ?? '{"n":{n}}',
    running: true,
    produced: 0,
    nextSequence: {},
    sticky: { partition: -1, bytes: 0 },
    queue: [],
    queuedPerPartition: [],
    queuedBytesPerPartition: [],
    inFlight: [],
    lastError: null,
    epochBumpPending: false,
    sendWakeAtMs: -1,
    requestTimeoutCheckAtMs: -1,
    tickToken: 0,
    tickStartMs: 0,
    tickCount: 0,
    bufferedBytes: 0,
    blockedSinceMs: -1,
    blockedNotedAtMs: -1,
    disconnectedFrom: [],
    txn: null,
  };
  if (producer.config['transactional.id'] !== null)
    producer.txn = newProducerTxn(setup.recordsPerTransaction ?? DEFAULT_RECORDS_PER_TRANSACTION);
  state.producers[setup.id] = producer;
  if (resolved.note) emit(state, 'idempotenceDisabled', `Producer ${setup.id}: ${resolved.note}`);
  state.producerIds.push(setup.id);
  startProducer(state, producer);
  return producer;
}

/**
 * exactly_once_v2: each instance has its own transactional producer, as each Kafka Streams thread has
 * (transactional.id <service>-<n>, transaction.timeout.ms 10000 as Streams sets it); the service commits
 * after each batch it processes, not after a count of records.
 */
function eosProducer(state: SimState, instanceId: string, topic: string): string {
  const id = `${instanceId}-producer`;
  addProducer(state, {
    id,
    topic,
    ratePerSec: 0,
    keys: { kind: 'null' },
    config: { 'transactional.id': instanceId, 'transaction.timeout.ms': 10_000 },
    recordsPerTransaction: 100_000,
  });
  return id;
}

/** A service joins its own consumer group and owns producers for its output and dead-letter topics. */
export function addService(state: SimState, s: ServiceSetup): void {
  const groupId = s.groupId ?? s.id;
  // StreamsConfig's CONSUMER_EOS_OVERRIDES: under exactly_once_v2 its consumers read_committed, whatever
  // the application sets, so that a service never processes records of an aborted transaction upstream.
  const config =
    s.processingGuarantee === 'exactly_once_v2'
      ? { ...s.config, 'isolation.level': 'read_committed' as const }
      : s.config;
  const group = addGroup(state, {
    groupId,
    topic: s.inputTopic,
    consumers: [],
    // Kafka Streams sets auto.offset.reset=earliest for its consumers (StreamsConfig's consumer default
    // overrides) unless the application sets it, as a service's config may.
    autoOffsetReset: s.config?.['auto.offset.reset'] ?? 'earliest',
    ...(config ? { config } : {}),
  });
  const producerFor = (suffix: string, topic: string | null | undefined): string | null => {
    if (!topic) return null;
    const id = `${s.id}${suffix}`;
    addProducer(state, { id, topic, ratePerSec: 0, keys: { kind: 'null' } });
    return id;
  };
  const outputProducerId =
    s.processingGuarantee === 'exactly_once_v2' ? null : producerFor('', s.outputTopic);
  const deadLetterProducerId = producerFor('-dlq', s.deadLetterTopic);
  const exactlyOnce = s.processingGuarantee === 'exactly_once_v2';
  for (let i = 1; i <= (s.instances ?? 1); i++) {
    const instanceId = `${s.id}-${i}`;
    const consumer = addConsumer(state, group, instanceId, s.processingTimeMs ?? 0, null);
    consumer.service = {
      serviceId: s.id,
      outputProducerId:
        exactlyOnce && s.outputTopic ? eosProducer(state, instanceId, s.outputTopic) : outputProducerId,
      deadLetterProducerId,
      exactlyOnce,
      valueTemplate: s.valueTemplate ?? '{"from":"{key}","input":{input}}',
      poisonKeys: [...(s.poisonKeys ?? [])],
      maxRetries: s.maxRetries ?? 3,
      retryBackoffMs: s.retryBackoffMs ?? 100,
      reportedFailures: {},
    };
  }
}
