// Creating groups and consumers, and the user's actions on them (add, leave, crash, restart, slow,
// reconfigure, reset offsets), in the words of Kafka's tools and errors.
import { newClientMetadata } from '../clients/metadata';
import type { SimState } from '../types';
import type { GroupSetup } from '../setup';
import type { ConsumerConfig, ConsumerState, GroupState } from './types';
import { DEFAULT_CONSUMER_CONFIG } from '../config';
import { KafkaError } from '../errors';
import { emit } from '../sim/events';
import { leaderLog } from '../cluster/partition';
import { offsetForTimestamp } from '../log/listOffsets';
import { closeCoordinator, rejoin, startConsumer, stopConsumer } from '../clients/consumer';
import { armAutoCommit } from '../clients/autoCommit';
import { closedHow, crashedHow, restartClosedHow } from './departures';

export function addGroup(state: SimState, setup: GroupSetup): GroupState {
  if (state.groups[setup.groupId])
    throw new KafkaError('INVALID_REQUEST', `Group ${setup.groupId} already exists.`);
  if (!state.topics[setup.topic])
    throw new KafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic ${setup.topic} not present in metadata.`);
  const config: ConsumerConfig = { ...DEFAULT_CONSUMER_CONFIG, ...setup.config };
  if (setup.autoOffsetReset) config['auto.offset.reset'] = setup.autoOffsetReset;
  const group: GroupState = {
    groupId: setup.groupId,
    topics: [setup.topic],
    protocol: config['group.protocol'],
    state: 'Empty',
    generation: 0,
    leaderId: null,
    protocolName: null,
    members: {},
    memberOrder: [],
    consumerIds: [],
    committed: {},
    rebalanceToken: 0,
    initialDelayUntilMs: 0,
    initialDelayMs: 0,
    initialDelayRemainingMs: 0,
    newMemberAdded: false,
    nextMemberSeq: 0,
    pendingMemberIds: [],
    processedUpTo: {},
    redelivered: 0,
    skipped: 0,
    consumerConfig: config,
    targetAssignmentEpoch: 0,
    subscriptionMetadata: {},
  };
  state.groups[setup.groupId] = group;
  state.groupIds.push(setup.groupId);
  for (const c of setup.consumers)
    addConsumer(state, group, c.id, c.processingTimeMs ?? 0, c.groupInstanceId ?? null, config);
  return group;
}

export function addConsumer(
  state: SimState,
  group: GroupState,
  id: string,
  processingTimeMs: number,
  groupInstanceId: string | null,
  config: ConsumerConfig = membersConfig(state, group),
): ConsumerState {
  if (state.consumers[id]) throw new KafkaError('INVALID_REQUEST', `A consumer named ${id} already exists.`);
  const consumer: ConsumerState = {
    id,
    groupId: group.groupId,
    status: 'running',
    stopReason: null,
    groupInstanceId,
    config: { ...config },
    memberId: '',
    generation: -1,
    protocolName: null,
    metadata: newClientMetadata(state, group.topics),
    assignmentSnapshot: null,
    stickyMemory: null,
    phase: 'joining',
    assigned: [],
    positions: {},
    fetchBuffer: [],
    consumedPositions: {},
    processing: [],
    nextAutoCommitMs: -1,
    processingTimeMs,
    consumed: 0,
    busyUntilMs: state.nowMs,
    lastPollMs: state.nowMs,
    heartbeatInFlightSinceMs: -1,
    nextHeartbeatMs: -1,
    heartbeatIntervalMs: 0,
    token: 0,
    connectionId: 0,
  };
  state.consumers[id] = consumer;
  state.consumerIds.push(id);
  group.consumerIds.push(id);
  startConsumer(state, consumer);
  return consumer;
}

function membersConfig(_state: SimState, group: GroupState): ConsumerConfig {
  return { ...group.consumerConfig };
}

function consumerOf(state: SimState, id: string): ConsumerState {
  const c = state.consumers[id];
  if (!c) throw new KafkaError('INVALID_REQUEST', `No consumer named ${id}.`);
  return c;
}

/**
 * consumer.close(): commit (enable.auto.commit), then leave. Classic protocol: a dynamic member sends
 * LeaveGroup, a static one nothing more (KIP-345). KIP-848: both send a last ConsumerGroupHeartbeat, with
 * member epoch -1 (dynamic) or -2 (static).
 */
export function closeConsumer(state: SimState, id: string): string | null {
  const c = consumerOf(state, id);
  if (c.status !== 'running') return `Consumer ${id} is not running.`;
  closeCoordinator(state, c);
  emit(state, 'consumerClosed', `Consumer ${id} closed${closedHow(state, c)}`);
  stopConsumer(state, c, { kind: 'closed' });
  return null;
}

/**
 * Restart a consumer with another group.instance.id (null: a dynamic member), as an operator would: close
 * it under its old config, then start it again under the new one. Closing a static member keeps its old
 * membership's partitions until the session timeout (classic: no LeaveGroup; KIP-848: member epoch -2);
 * a dynamic one leaves at once and its partitions move. Rejoining under a static id the group still holds
 * for a departed member takes that member's place without a rebalance (KIP-345, KIP-848).
 */
export function setGroupInstanceId(
  state: SimState,
  id: string,
  groupInstanceId: string | null,
): string | null {
  const c = consumerOf(state, id);
  const next = groupInstanceId?.trim() || null;
  if (next === c.groupInstanceId)
    return next
      ? `Consumer ${id} already has group.instance.id=${next}.`
      : `Consumer ${id} is already a dynamic member (no group.instance.id).`;
  const holder = next
    ? state.groups[c.groupId]!.consumerIds.find(
        (other) => other !== id && state.consumers[other]!.groupInstanceId === next,
      )
    : undefined;
  // Two live consumers with one group.instance.id fence each other (FENCED_INSTANCE_ID); refuse instead.
  if (holder)
    return `group.instance.id ${next} is already used by consumer ${holder} in group ${c.groupId}: each static member needs its own.`;
  const previous = c.groupInstanceId;
  const running = c.status === 'running';
  if (running) {
    closeCoordinator(state, c);
    stopConsumer(state, c, { kind: 'closed' });
  }
  c.groupInstanceId = next;
  if (running) startConsumer(state, c);
  const closed = !running ? '' : restartClosedHow(state, c, previous);
  const joins = !running
    ? ' It joins when restarted.'
    : next
      ? ` It joins again as static member ${next}.`
      : ' It joins again as a new dynamic member.';
  emit(
    state,
    'consumerRestarted',
    `Consumer ${id} restarted with ${next ? `group.instance.id=${next}` : 'no group.instance.id (a dynamic member)'}.${closed}${joins}`,
  );
  return null;
}

export function crash(state: SimState, id: string): string | null {
  const c = consumerOf(state, id);
  if (c.status !== 'running') return `Consumer ${id} is not running.`;
  stopConsumer(state, c, { kind: 'crashed' });
  emit(state, 'consumerCrashed', `Consumer ${id} crashed${crashedHow(state, c)}`);
  return null;
}

export function restart(state: SimState, id: string): string | null {
  const c = consumerOf(state, id);
  if (c.status === 'running') return `Consumer ${id} is already running.`;
  startConsumer(state, c);
  emit(state, 'consumerStarted', `Consumer ${id} started and joins group ${c.groupId}.`);
  return null;
}

export function slow(state: SimState, id: string, processingTimeMs: number): string | null {
  const c = consumerOf(state, id);
  c.processingTimeMs = Math.max(0, Math.floor(processingTimeMs));
  emit(state, 'consumerSlowed', `Consumer ${id} now takes ${c.processingTimeMs} ms to process each record.`);
  return null;
}

/** New consumer configs take effect as the members rejoin (in Kafka: as they restart with them). */
export function setGroupConfig(
  state: SimState,
  groupId: string,
  config: Partial<ConsumerConfig>,
): string | null {
  const g = state.groups[groupId];
  if (!g) return `Group ${groupId} does not exist.`;
  const strategy = config['partition.assignment.strategy'];
  if (strategy && strategy.length === 0)
    return 'Invalid value [] for configuration partition.assignment.strategy: at least one assignor is required.';
  const protocolChanged = config['group.protocol'] !== undefined && config['group.protocol'] !== g.protocol;
  for (const id of g.consumerIds) {
    const c = state.consumers[id]!;
    c.config = { ...c.config, ...config };
  }
  g.consumerConfig = { ...g.consumerConfig, ...config };
  for (const id of g.consumerIds) armAutoCommit(state, state.consumers[id]!);
  if (protocolChanged) {
    restartUnderProtocol(state, g);
    return null;
  }
  emit(
    state,
    'groupConfigChanged',
    `Group ${groupId}: ${Object.entries(config)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
      .join(', ')}; members rejoin to apply it.`,
  );
  for (const id of g.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status === 'running') rejoin(state, c, 'its configuration changed');
  }
  return null;
}

/**
 * Switching group.protocol is a rolling restart of every consumer with the new config: each commits what it
 * processed, leaves, and joins again under the other protocol (the group keeps its committed offsets).
 */
function restartUnderProtocol(state: SimState, g: GroupState): void {
  const running = g.consumerIds.map((id) => state.consumers[id]!).filter((c) => c.status === 'running');
  for (const c of running) {
    for (const pid of c.assigned) if (c.positions[pid] !== undefined) g.committed[pid] = c.positions[pid]!;
    stopConsumer(state, c, { kind: 'closed' });
  }
  g.protocol = g.consumerConfig['group.protocol'];
  g.members = {};
  g.memberOrder = [];
  g.pendingMemberIds = [];
  g.leaderId = null;
  g.protocolName = null;
  g.state = 'Empty';
  g.rebalanceToken++;
  emit(
    state,
    'groupProtocolChanged',
    `Group ${g.groupId}: every consumer restarted with group.protocol=${g.protocol}${g.protocol === 'consumer' ? ' (KIP-848: the coordinator assigns partitions, members reconcile without a global barrier)' : ' (classic: JoinGroup/SyncGroup with a client-side assignor)'}.`,
  );
  for (const c of running) startConsumer(state, c);
}

export type OffsetTarget = 'earliest' | 'latest' | { offset: number } | { timestampMs: number };

/** kafka-consumer-groups --reset-offsets: only for an inactive group. */
export function resetOffsets(state: SimState, groupId: string, to: OffsetTarget): string | null {
  const g = state.groups[groupId];
  if (!g) return `Error: Consumer group '${groupId}' does not exist.`;
  if (g.state !== 'Empty' && g.state !== 'Dead') {
    return `Error: Assignments can only be reset if the group '${groupId}' is inactive, but the current state is ${g.state}.`;
  }
  for (const topic of g.topics) {
    const t = state.topics[topic]!;
    for (let i = 0; i < t.partitions; i++) {
      const pid = `${topic}-${i}`;
      const log = leaderLog(state.partitions[pid]!);
      if (!log) continue;
      let offset: number;
      if (to === 'earliest') offset = log.logStartOffset;
      else if (to === 'latest') offset = log.highWatermark;
      else if ('offset' in to) offset = Math.min(Math.max(to.offset, log.logStartOffset), log.highWatermark);
      // No record that new: the tool warns and falls back to the latest offset (getLogTimestampOffsets).
      else offset = offsetForTimestamp(log, to.timestampMs) ?? log.highWatermark;
      g.committed[pid] = offset;
    }
  }
  // A reset is a deliberate replay or skip, not a delivery fault.
  g.processedUpTo = {};
  emit(
    state,
    'offsetsReset',
    `kafka-consumer-groups --reset-offsets: group ${groupId} will start from ${typeof to === 'string' ? to : 'offset' in to ? `offset ${to.offset}` : `time ${to.timestampMs} ms`}.`,
  );
  return null;
}
