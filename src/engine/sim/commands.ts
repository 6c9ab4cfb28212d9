// Commands are what a user (or a scenario step) does to the cluster. Each is applied at the current
// virtual time; an impossible one becomes a `commandRejected` event carrying Kafka's own error text.
import { bufferFull, sendWouldBlockText } from '../clients/bufferPool';
import type { KeyStrategy, ProducerConfig, SimState, TopicConfig } from '../types';
import type { ProducerSetup, TopicSetup } from '../setup';
import { KafkaError } from '../errors';
import { producerConfigProblem, resolveProducerConfig, topicConfigProblem } from '../config';
import {
  abortTransaction,
  canSend,
  DEFAULT_RECORDS_PER_TRANSACTION,
  newProducerTxn,
  restartInstanceProducer,
  stopInstanceProducer,
} from '../clients/transactionManager';
import { emit } from './events';
import { notifyDisconnect } from './step';
import { dropDelayedProducesOf } from '../cluster/delayedProduce';
import { producerNode } from './network';
import { addPartitions, addProducer, createTopic } from './createState';
import { controlledShutdown, electPreferredLeader, electUncleanLeader } from '../cluster/controller';
import { startBroker } from '../cluster/brokerProcess';
import { schedule } from './timers';
import { enqueueRecord, startProducer } from '../clients/producer';
import { drainProducer } from '../clients/sender';
import type { ConsumerConfig } from '../groups/types';
import type { GroupSetup, ShareGroupSetup } from '../setup';
import type { ShareGroupConfig } from '../share/types';
import { addShareGroup } from '../share/membership';
import { disconnectFrom } from '../share/shareConsumer';
import { onSharePartitionsChanged } from '../share/shareCoordinator';
import {
  addShareMember,
  isShareConsumer,
  setShareGroupConfig,
  shareConsumerCommand,
} from '../share/commands';
import {
  addConsumer,
  addGroup,
  closeConsumer,
  crash,
  resetOffsets,
  restart,
  setGroupConfig,
  setGroupInstanceId,
  slow,
  type OffsetTarget,
} from '../groups/membership';

export type Command =
  | { type: 'killBroker'; brokerId: number }
  | { type: 'restartBroker'; brokerId: number }
  | { type: 'shutdownBroker'; brokerId: number }
  | { type: 'isolateBroker'; brokerId: number }
  | { type: 'reconnectBroker'; brokerId: number }
  | { type: 'slowBroker'; brokerId: number; fetchDelayMs: number }
  | { type: 'createTopic'; topic: TopicSetup }
  | { type: 'addPartitions'; topic: string; partitions: number }
  | { type: 'alterTopicConfig'; topic: string; config: Partial<TopicConfig> }
  | { type: 'electPreferredLeader'; partitionId: string }
  | { type: 'electUncleanLeader'; partitionId: string }
  | { type: 'addProducer'; producer: ProducerSetup }
  | { type: 'removeProducer'; producerId: string }
  | {
      type: 'setProducerConfig';
      producerId: string;
      config: Partial<ProducerConfig>;
      ratePerSec?: number;
      keys?: KeyStrategy;
      /** With a transactional.id: the application's send() calls per transaction. */
      recordsPerTransaction?: number;
    }
  | { type: 'produce'; producerId: string; key: string | null; value?: string | null; partition?: number }
  /** The producer's application calls abortTransaction() on its open transaction. */
  | { type: 'abortTransaction'; producerId: string }
  | { type: 'addGroup'; group: GroupSetup }
  | { type: 'addShareGroup'; group: ShareGroupSetup }
  | { type: 'setShareGroupConfig'; groupId: string; config: Partial<ShareGroupConfig> }
  | {
      type: 'addConsumer';
      groupId: string;
      consumerId: string;
      processingTimeMs?: number;
      groupInstanceId?: string | null;
    }
  | { type: 'removeConsumer'; consumerId: string }
  | { type: 'crashConsumer'; consumerId: string }
  | { type: 'restartConsumer'; consumerId: string }
  /** Restart the consumer with this group.instance.id (null: a dynamic member). */
  | { type: 'setGroupInstanceId'; consumerId: string; groupInstanceId: string | null }
  | { type: 'slowConsumer'; consumerId: string; processingTimeMs: number }
  | { type: 'setGroupConfig'; groupId: string; config: Partial<ConsumerConfig> }
  | { type: 'resetOffsets'; groupId: string; to: OffsetTarget };

export type CommandResult = { ok: true } | { ok: false; error: string };

/**
 * An exactly_once_v2 service instance and its transactional producer are one process: the producer
 * stops when the instance crashes or closes, and comes back as a new producer (fencing the old one)
 * when the instance restarts.
 */
function withInstanceProducer(state: SimState, consumerId: string, refused: string | null): string | null {
  const c = state.consumers[consumerId];
  const producerId = c?.service?.exactlyOnce ? c.service.outputProducerId : null;
  const producer = producerId ? state.producers[producerId] : undefined;
  if (refused !== null || !c || !producer) return refused;
  if (c.status === 'running') restartInstanceProducer(state, producer);
  else stopInstanceProducer(state, producer);
  return null;
}

export function applyCommand(state: SimState, command: Command): CommandResult {
  try {
    const error = apply(state, command);
    if (error === null) return { ok: true };
    emit(state, 'commandRejected', error);
    return { ok: false, error };
  } catch (e) {
    if (!(e instanceof KafkaError)) throw e;
    emit(state, 'commandRejected', `${e.code}: ${e.message}`);
    return { ok: false, error: `${e.code}: ${e.message}` };
  }
}

function broker(state: SimState, id: number): SimState['brokers'][string] {
  const b = state.brokers[id];
  if (!b) throw new KafkaError('BROKER_NOT_AVAILABLE', `Broker ${id} is not registered with the cluster.`);
  return b;
}

function apply(state: SimState, c: Command): string | null {
  switch (c.type) {
    case 'killBroker': {
      const b = broker(state, c.brokerId);
      if (b.status === 'stopped') return `Broker ${b.id} is already stopped.`;
      b.status = 'stopped';
      dropConnectionsOf(state, b.id);
      emit(
        state,
        'brokerKilled',
        `Broker ${b.id} crashed. The controller notices only when its heartbeats stop, after broker.session.timeout.ms (${state.config.brokerSessionTimeoutMs} ms).`,
        { brokerId: b.id },
      );
      return null;
    }
    case 'restartBroker': {
      const b = broker(state, c.brokerId);
      if (b.status === 'running') return `Broker ${b.id} is already running.`;
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      if (b.registerAtMs >= 0)
        return `Broker ${b.id} is already restarting: it registers once its previous session expires, at ${seconds(b.registerAtMs)}.`;
      if (!b.fenced) {
        // ClusterControlManager.registerBroker: the old process's session is still valid, so the new
        // process is refused until it expires; the controller then fences the old one first.
        b.registerAtMs = b.lastHeartbeatAtMs + state.config.brokerSessionTimeoutMs;
        schedule(state, b.registerAtMs, { kind: 'brokerRegister', brokerId: b.id });
        emit(
          state,
          'brokerRegistrationRefused',
          `Broker ${b.id} restarted, but the controller still holds its previous registration (DuplicateBrokerRegistrationException: Another broker is registered with that broker id.). It registers once that session expires, broker.session.timeout.ms after the last heartbeat, at ${seconds(b.registerAtMs)}; the controller fences the old process first.`,
          { brokerId: b.id },
        );
        return null;
      }
      startBroker(state, b);
      return null;
    }
    case 'shutdownBroker': {
      const b = broker(state, c.brokerId);
      if (b.status === 'stopped') return `Broker ${b.id} is already stopped.`;
      controlledShutdown(state, b);
      return null;
    }
    case 'isolateBroker': {
      const b = broker(state, c.brokerId);
      if (b.isolated) return `Broker ${b.id} is already isolated.`;
      b.isolated = true;
      emit(
        state,
        'brokerIsolated',
        `Broker ${b.id} is cut off from the network: its heartbeats, fetches and responses are lost.`,
        { brokerId: b.id },
      );
      return null;
    }
    case 'reconnectBroker': {
      const b = broker(state, c.brokerId);
      if (!b.isolated) return `Broker ${b.id} is not isolated.`;
      b.isolated = false;
      emit(state, 'brokerReconnected', `Broker ${b.id} is reachable again.`, { brokerId: b.id });
      return null;
    }
    case 'slowBroker': {
      const b = broker(state, c.brokerId);
      b.slowFetchDelayMs = Math.max(0, Math.floor(c.fetchDelayMs));
      emit(
        state,
        'brokerSlowed',
        b.slowFetchDelayMs > 0
          ? `Broker ${b.id} now waits ${b.slowFetchDelayMs} ms before each follower fetch.`
          : `Broker ${b.id} fetches at full speed again.`,
        { brokerId: b.id },
      );
      return null;
    }
    case 'createTopic':
      createTopic(state, c.topic);
      emit(state, 'topicCreated', `Created topic ${c.topic.name}.`);
      return null;
    case 'addPartitions':
      addPartitions(state, c.topic, c.partitions);
      emit(
        state,
        'partitionsAdded',
        `Topic ${c.topic} now has ${c.partitions} partitions. Producers hash keys over them, and classic groups' leaders rebalance for them, from their next metadata refresh (metadata.max.age.ms); KIP-848 groups get them at their next heartbeat.`,
      );
      onSharePartitionsChanged(state, c.topic);
      return null;
    case 'alterTopicConfig':
      return alterTopicConfig(state, c.topic, c.config);
    case 'electPreferredLeader': {
      const p = state.partitions[c.partitionId];
      if (!p)
        throw new KafkaError(
          'UNKNOWN_TOPIC_OR_PARTITION',
          `This server does not host this topic-partition: ${c.partitionId}.`,
        );
      return electPreferredLeader(state, p);
    }
    case 'electUncleanLeader': {
      const p = state.partitions[c.partitionId];
      if (!p)
        throw new KafkaError(
          'UNKNOWN_TOPIC_OR_PARTITION',
          `This server does not host this topic-partition: ${c.partitionId}.`,
        );
      return electUncleanLeader(state, p);
    }
    case 'addProducer': {
      const problem = producerConfigProblem(c.producer.config ?? {});
      if (problem) return problem;
      addProducer(state, c.producer);
      return null;
    }
    case 'removeProducer': {
      const p = state.producers[c.producerId];
      if (!p) return `No producer named ${c.producerId}.`;
      p.running = false;
      p.ratePerSec = 0;
      p.blockedSinceMs = -1; // nothing calls send() any more
      drainProducer(state, p); // close() flushes: lingering batches leave now
      return null;
    }
    case 'setProducerConfig': {
      const p = state.producers[c.producerId];
      if (!p) return `No producer named ${c.producerId}.`;
      const originals = { ...p.originals, ...c.config };
      const problem = producerConfigProblem(originals);
      if (problem) return problem;
      const wasIdle = p.ratePerSec <= 0;
      // Kafka fixes a producer's config when it is built, so a change means a new producer: the old one's
      // close() flushes what lingers (linger.ms) under the config it was sent with.
      const running = p.running;
      p.running = false;
      drainProducer(state, p);
      p.running = running;
      const oldTxnId = p.config['transactional.id'];
      const resolved = resolveProducerConfig(originals);
      p.originals = originals;
      p.config = resolved.config;
      if (resolved.note) emit(state, 'idempotenceDisabled', `Producer ${p.id}: ${resolved.note}`);
      // The new producer with a transactional.id calls initTransactions() (which fences the old one).
      const txnId = p.config['transactional.id'];
      const perTxn =
        c.recordsPerTransaction ?? p.txn?.recordsPerTransaction ?? DEFAULT_RECORDS_PER_TRANSACTION;
      if (txnId === null) p.txn = null;
      else if (txnId !== oldTxnId || !p.txn || p.txn.state === 'FENCED') {
        p.txn = newProducerTxn(perTxn);
        if (p.running) canSend(state, p);
      } else p.txn.recordsPerTransaction = perTxn;
      if (c.ratePerSec !== undefined) p.ratePerSec = Math.max(0, c.ratePerSec);
      if (c.keys) p.keys = c.keys;
      // A producer told to stop no longer calls send(), so nothing of it is blocked.
      if (p.ratePerSec <= 0) p.blockedSinceMs = -1;
      // A blocked send() re-checks a buffer.memory that may have grown; a new rate starts a new schedule.
      const wake = wasIdle || c.ratePerSec !== undefined || p.blockedSinceMs >= 0;
      if (wake && p.ratePerSec > 0 && p.running) startProducer(state, p);
      return null;
    }
    case 'abortTransaction': {
      const p = state.producers[c.producerId];
      if (!p) return `No producer named ${c.producerId}.`;
      const refused = abortTransaction(state, p);
      if (refused) return refused;
      emit(state, 'transactionAborting', `Producer ${p.id} calls abortTransaction().`);
      drainProducer(state, p);
      return null;
    }
    case 'produce': {
      const p = state.producers[c.producerId];
      if (!p) return `No producer named ${c.producerId}.`;
      // A hand-sent record would block the caller like any send(): refuse it rather than freeze the form.
      if (bufferFull(p)) return sendWouldBlockText(p);
      return enqueueRecord(state, p, c.key, c.value, c.partition ?? null);
    }
    case 'addGroup':
      if (state.shareGroups[c.group.groupId])
        throw new KafkaError('INVALID_REQUEST', `Group ${c.group.groupId} already exists.`);
      addGroup(state, c.group);
      return null;
    case 'addShareGroup':
      addShareGroup(state, c.group);
      return null;
    case 'setShareGroupConfig':
      return setShareGroupConfig(state, c.groupId, c.config);
    case 'addConsumer': {
      if (state.shareGroups[c.groupId]) {
        if (state.consumers[c.consumerId])
          throw new KafkaError('INVALID_REQUEST', `A consumer named ${c.consumerId} already exists.`);
        return addShareMember(state, c.groupId, c.consumerId, c.processingTimeMs ?? 0);
      }
      if (state.shareConsumers[c.consumerId])
        throw new KafkaError('INVALID_REQUEST', `A consumer named ${c.consumerId} already exists.`);
      const g = state.groups[c.groupId];
      if (!g) return `Group ${c.groupId} does not exist.`;
      addConsumer(state, g, c.consumerId, c.processingTimeMs ?? 0, c.groupInstanceId ?? null);
      return null;
    }
    case 'removeConsumer':
      if (isShareConsumer(state, c.consumerId)) return shareConsumerCommand(state, c.consumerId, 'remove');
      return withInstanceProducer(state, c.consumerId, closeConsumer(state, c.consumerId));
    case 'crashConsumer':
      if (isShareConsumer(state, c.consumerId)) return shareConsumerCommand(state, c.consumerId, 'crash');
      return withInstanceProducer(state, c.consumerId, crash(state, c.consumerId));
    case 'restartConsumer':
      if (isShareConsumer(state, c.consumerId)) return shareConsumerCommand(state, c.consumerId, 'restart');
      return withInstanceProducer(state, c.consumerId, restart(state, c.consumerId));
    case 'setGroupInstanceId':
      return setGroupInstanceId(state, c.consumerId, c.groupInstanceId);
    case 'slowConsumer':
      if (isShareConsumer(state, c.consumerId))
        return shareConsumerCommand(state, c.consumerId, 'slow', c.processingTimeMs);
      return slow(state, c.consumerId, c.processingTimeMs);
    case 'setGroupConfig':
      return setGroupConfig(state, c.groupId, c.config);
    case 'resetOffsets':
      return resetOffsets(state, c.groupId, c.to);
  }
}

/**
 * The dead process's sockets close: every producer hears it one hop later and stops sending there, and
 * the produce requests waiting in its purgatory fail fast.
 */
export function dropConnectionsOf(state: SimState, brokerId: number): void {
  const dropped = dropDelayedProducesOf(state, brokerId);
  for (const id of state.producerIds) notifyDisconnect(state, producerNode(id), -1, brokerId);
  for (const d of dropped) notifyDisconnect(state, d.producerId, d.requestId, brokerId);
  // ShareFetches parked there go with the process.
  if (state.parkedShareFetches[brokerId]) state.parkedShareFetches[brokerId] = [];
  for (const id of state.shareConsumerIds) disconnectFrom(state, id, brokerId);
}

function alterTopicConfig(state: SimState, topic: string, config: Partial<TopicConfig>): string | null {
  const t = state.topics[topic];
  if (!t) throw new KafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${topic}' does not exist.`);
  const problem = topicConfigProblem(config);
  if (problem) throw new KafkaError('INVALID_CONFIG', problem);
  t.config = { ...t.config, ...config };
  emit(
    state,
    'topicConfigChanged',
    `Topic ${topic}: ${Object.entries(config)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ')}.`,
  );
  return null;
}
