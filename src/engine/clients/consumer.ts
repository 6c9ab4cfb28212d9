// The consumer client (KafkaConsumer + ConsumerCoordinator, classic protocol): join the group, let the
// leader run the assignor, fetch from each owned partition's leader (never past the high watermark),
// spend processing time per record, heartbeat, and commit positions. Eager members give up everything
// before rejoining; cooperative members give up only what moves, then rejoin once more (KIP-429).
import type { Message, MessageBody, SimState } from '../types';
import type { ConsumerState, ConsumerStopReason, GroupMessageBody, GroupState } from '../groups/types';
import { assignPartitions } from '../groups/assignors/index';
import { emit } from '../sim/events';
import { consumerNode, COORDINATOR, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { leaderLog } from '../cluster/partition';
import { fetchAgain, startFetcher, stopFetcher } from '../cluster/replication';
import { onRecordsProcessed } from '../groups/consumption';
import { leaveGroupEpoch } from '../groups/memberEpochs';
import { pollTimeoutHow } from '../groups/departures';
import { runService } from './service';

type FetchResponse = Extract<MessageBody, { kind: 'FetchResponse' }>;
type Body<K extends GroupMessageBody['kind']> = Extract<GroupMessageBody, { kind: K }>;

/** retry.backoff.ms for a consumer fetch that failed. */
const CONSUMER_RETRY_BACKOFF_MS = 100;

export function isCooperative(consumer: ConsumerState): boolean {
  // ConsumerCoordinator: cooperative only if every configured assignor supports it.
  return consumer.config['partition.assignment.strategy'].every((a) => a === 'cooperative-sticky');
}

const group = (state: SimState, c: ConsumerState): GroupState => state.groups[c.groupId]!;

/** Start (or restart) a consumer: a fresh member joins; a static member comes back under its instance id. */
export function startConsumer(state: SimState, consumer: ConsumerState): void {
  consumer.status = 'running';
  consumer.stopReason = null;
  consumer.token++;
  consumer.memberId = '';
  consumer.generation = -1;
  consumer.assigned = [];
  consumer.positions = {};
  consumer.lastPollMs = state.nowMs;
  consumer.busyUntilMs = state.nowMs;
  sendJoin(state, consumer);
  // The heartbeat thread runs for the consumer's whole life; it only sends while the member is in a group.
  scheduleHeartbeat(state, consumer);
  if (consumer.config['enable.auto.commit']) {
    schedule(state, state.nowMs + consumer.config['auto.commit.interval.ms'], {
      kind: 'consumerAutoCommit',
      consumerId: consumer.id,
      token: consumer.token,
    });
  }
}

const usesConsumerProtocol = (c: ConsumerState): boolean => c.config['group.protocol'] === 'consumer';

/** KIP-848: one heartbeat carries membership, what the member owns, and (in reply) what it should own. */
function sendConsumerGroupHeartbeat(state: SimState, consumer: ConsumerState, memberEpoch: number): void {
  send(state, consumerNode(consumer.id), COORDINATOR, {
    kind: 'ConsumerGroupHeartbeatRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    memberEpoch,
    groupInstanceId: consumer.groupInstanceId,
    subscribedTopics: group(state, consumer).topics,
    ownedPartitions: [...consumer.assigned],
    serverAssignor: consumer.config['group.remote.assignor'],
  });
}

function sendJoin(state: SimState, consumer: ConsumerState): void {
  if (usesConsumerProtocol(consumer)) {
    consumer.phase = 'reconciling';
    sendConsumerGroupHeartbeat(state, consumer, 0);
    return;
  }
  consumer.phase = 'joining';
  send(state, consumerNode(consumer.id), COORDINATOR, {
    kind: 'JoinGroupRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    groupInstanceId: consumer.groupInstanceId,
    protocols: consumer.config['partition.assignment.strategy'],
    ownedPartitions: isCooperative(consumer) ? [...consumer.assigned] : [],
    sessionTimeoutMs: consumer.config['session.timeout.ms'],
    // The Java client sends max.poll.interval.ms as its rebalance timeout.
    rebalanceTimeoutMs: consumer.config['max.poll.interval.ms'],
  });
}

/** onJoinPrepare: eager members commit and revoke everything; cooperative members keep what they own. */
export function rejoin(state: SimState, consumer: ConsumerState, why: string): void {
  if (consumer.status !== 'running' || consumer.phase === 'joining') return;
  if (usesConsumerProtocol(consumer)) {
    sendConsumerGroupHeartbeat(state, consumer, consumer.generation);
    return;
  }
  if (!isCooperative(consumer) && consumer.assigned.length > 0) {
    commitOwned(state, consumer, consumer.assigned);
    revoke(state, consumer, consumer.assigned);
    emit(
      state,
      'partitionsRevoked',
      `Consumer ${consumer.id} revoked all its partitions before rejoining (eager rebalance): ${why}.`,
    );
  }
  sendJoin(state, consumer);
}

function revoke(state: SimState, consumer: ConsumerState, partitions: string[]): void {
  for (const pid of partitions) {
    stopFetcher(state, consumerNode(consumer.id), pid);
    delete consumer.positions[pid];
  }
  consumer.assigned = consumer.assigned.filter((p) => !partitions.includes(p));
}

/** Partitions lost without a commit (session expired, generation reset): onPartitionsLost. */
function loseAll(state: SimState, consumer: ConsumerState): void {
  revoke(state, consumer, consumer.assigned);
  consumer.memberId = consumer.groupInstanceId ? consumer.memberId : '';
  consumer.generation = -1;
}

export function onGroupMessage(state: SimState, message: Message): void {
  const consumer = state.consumers[message.to.slice(9)];
  if (!consumer || consumer.status !== 'running') return;
  const body = message.body as GroupMessageBody;
  switch (body.kind) {
    case 'JoinGroupResponse':
      return onJoinResponse(state, consumer, body);
    case 'SyncGroupResponse':
      return onSyncResponse(state, consumer, body);
    case 'HeartbeatResponse':
      return onHeartbeatResponse(state, consumer, body);
    case 'ConsumerGroupHeartbeatResponse':
      return onConsumerGroupHeartbeatResponse(state, consumer, body);
    default:
      return;
  }
}

function onJoinResponse(state: SimState, consumer: ConsumerState, res: Body<'JoinGroupResponse'>): void {
  if (consumer.phase !== 'joining') return;
  if (res.error === 'MEMBER_ID_REQUIRED') {
    // KIP-394: the first JoinGroup only fetches a member id; join again with it.
    consumer.memberId = res.memberId;
    sendJoin(state, consumer);
    return;
  }
  if (res.error) {
    loseAll(state, consumer);
    sendJoin(state, consumer);
    return;
  }
  consumer.memberId = res.memberId;
  consumer.generation = res.generation;
  consumer.phase = 'syncing';
  let assignments: Record<string, string[]> | null = null;
  if (res.leaderId === res.memberId) assignments = leaderAssign(state, consumer, res);
  send(state, consumerNode(consumer.id), COORDINATOR, {
    kind: 'SyncGroupRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    generation: consumer.generation,
    assignments,
  });
}

/** The leader runs the chosen assignor over every member's subscription, as the Java client does. */
function leaderAssign(
  state: SimState,
  consumer: ConsumerState,
  res: Body<'JoinGroupResponse'>,
): Record<string, string[]> {
  const g = group(state, consumer);
  const topics: Record<string, number> = {};
  for (const t of g.topics) topics[t] = state.topics[t]?.partitions ?? 0;
  const assignor = res.protocolName as 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';
  return assignPartitions({
    protocol: 'classic',
    assignor,
    topics,
    members: res.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      topics: g.topics,
      ownedPartitions: m.ownedPartitions,
      generation: res.generation - 1,
    })),
  });
}

function onSyncResponse(state: SimState, consumer: ConsumerState, res: Body<'SyncGroupResponse'>): void {
  if (consumer.phase !== 'syncing') return;
  if (res.error) {
    if (res.error !== 'REBALANCE_IN_PROGRESS') loseAll(state, consumer);
    sendJoin(state, consumer);
    return;
  }
  const owned = consumer.assigned;
  const revoked = owned.filter((p) => !res.assignment.includes(p));
  const added = res.assignment.filter((p) => !owned.includes(p));
  if (revoked.length > 0) {
    commitOwned(state, consumer, revoked);
    revoke(state, consumer, revoked);
  }
  consumer.assigned = [...res.assignment];
  for (const pid of added) startFetcher(state, consumerNode(consumer.id), pid);
  consumer.phase = 'stable';
  if (revoked.length > 0 && isCooperative(consumer)) {
    // KIP-429: partitions that move are released in this round and handed over in a follow-up rebalance.
    emit(
      state,
      'partitionsRevoked',
      `Consumer ${consumer.id} released ${revoked.join(', ')} and rejoins so that the next rebalance can hand them over (cooperative).`,
    );
    sendJoin(state, consumer);
  }
}

function onConsumerGroupHeartbeatResponse(
  state: SimState,
  consumer: ConsumerState,
  res: Body<'ConsumerGroupHeartbeatResponse'>,
): void {
  if (consumer.phase === 'left') return;
  if (res.error === 'UNRELEASED_INSTANCE_ID') {
    // Fatal in the Java client (HeartbeatRequestManager): poll() throws and the application stops.
    stopConsumer(state, consumer, { kind: 'failed', exception: 'UnreleasedInstanceIdException' });
    emit(
      state,
      'consumerFailed',
      `Consumer ${consumer.id} stopped with UnreleasedInstanceIdException: ${res.errorMessage ?? ''} A static member that did not leave with member epoch -2 (it crashed) owns its group.instance.id until group.consumer.session.timeout.ms (${state.config.groupConsumerSessionTimeoutMs} ms) has passed.`,
    );
    return;
  }
  if (res.error) {
    emit(
      state,
      'partitionsLost',
      `Consumer ${consumer.id} was fenced (${res.error}) and rejoins with member epoch 0.`,
    );
    loseAll(state, consumer);
    sendJoin(state, consumer);
    return;
  }
  consumer.memberId = res.memberId;
  consumer.generation = res.memberEpoch;
  const revoked = consumer.assigned.filter((p) => !res.assignment.includes(p));
  const added = res.assignment.filter((p) => !consumer.assigned.includes(p));
  if (revoked.length > 0) {
    commitOwned(state, consumer, revoked);
    revoke(state, consumer, revoked);
  }
  consumer.assigned = [...res.assignment];
  for (const pid of added) startFetcher(state, consumerNode(consumer.id), pid);
  const g = group(state, consumer);
  consumer.phase =
    consumer.generation === g.targetAssignmentEpoch && revoked.length === 0 ? 'stable' : 'reconciling';
  // Acknowledge a revocation at once, so the coordinator can hand the partitions on.
  if (revoked.length > 0) sendConsumerGroupHeartbeat(state, consumer, consumer.generation);
}

function heartbeatIntervalMs(state: SimState, consumer: ConsumerState): number {
  return usesConsumerProtocol(consumer)
    ? state.config.groupConsumerHeartbeatIntervalMs
    : consumer.config['heartbeat.interval.ms'];
}

function scheduleHeartbeat(state: SimState, consumer: ConsumerState): void {
  schedule(state, state.nowMs + heartbeatIntervalMs(state, consumer), {
    kind: 'consumerHeartbeat',
    consumerId: consumer.id,
    token: consumer.token,
  });
}

export function onConsumerHeartbeatTimer(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token) return;
  // The heartbeat thread also enforces max.poll.interval.ms: a consumer stuck processing leaves the group.
  const stuckMs = state.nowMs - consumer.lastPollMs;
  if (
    consumer.phase !== 'left' &&
    consumer.busyUntilMs > state.nowMs &&
    stuckMs > consumer.config['max.poll.interval.ms']
  ) {
    leaveOnPollTimeout(state, consumer);
    emit(
      state,
      'pollTimeout',
      `Consumer ${consumerId} spent more than max.poll.interval.ms (${consumer.config['max.poll.interval.ms']} ms) processing one batch, so it left group ${consumer.groupId}${pollTimeoutHow(state, consumer)}`,
    );
    schedule(state, consumer.busyUntilMs, { kind: 'consumerRejoin', consumerId, token });
  }
  if (usesConsumerProtocol(consumer)) {
    if (consumer.phase !== 'left')
      sendConsumerGroupHeartbeat(state, consumer, consumer.memberId ? consumer.generation : 0);
  } else if (consumer.phase === 'stable' || consumer.phase === 'syncing') {
    send(state, consumerNode(consumerId), COORDINATOR, {
      kind: 'HeartbeatRequest',
      groupId: consumer.groupId,
      memberId: consumer.memberId,
      generation: consumer.generation,
    });
  }
  scheduleHeartbeat(state, consumer);
}

function onHeartbeatResponse(state: SimState, consumer: ConsumerState, res: Body<'HeartbeatResponse'>): void {
  if (!res.error || consumer.phase !== 'stable') return;
  if (res.error === 'REBALANCE_IN_PROGRESS') {
    rejoin(state, consumer, 'the coordinator answered a heartbeat with REBALANCE_IN_PROGRESS');
  } else {
    emit(
      state,
      'partitionsLost',
      `Consumer ${consumer.id} lost its partitions (${res.error}): its membership expired, so it rejoins as a new member.`,
    );
    loseAll(state, consumer);
    sendJoin(state, consumer);
  }
}

/** After a poll timeout, the next poll() rejoins the group. */
export function onConsumerRejoin(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token || consumer.phase !== 'left')
    return;
  consumer.lastPollMs = state.nowMs;
  consumer.memberId = consumer.groupInstanceId ? consumer.memberId : '';
  sendJoin(state, consumer);
}

/**
 * consumer.close() (ConsumerCoordinator.close): commit with enable.auto.commit, static member or not, give
 * up every partition, then leave.
 */
export function closeCoordinator(state: SimState, consumer: ConsumerState): void {
  if (consumer.config['enable.auto.commit']) commitOwned(state, consumer, consumer.assigned);
  revoke(state, consumer, consumer.assigned);
  sendLeave(state, consumer, 'the consumer is being closed');
}

/**
 * max.poll.interval.ms expired (AbstractCoordinator.handlePollTimeoutExpiry; KIP-848:
 * transitionToSendingLeaveGroup(true)): leave without committing. When poll() comes back the member is no
 * longer in an active group, so its commit fails and its partitions are lost (onPartitionsLost). A classic
 * member forgets its generation and member id as well (resetGenerationOnLeaveGroup), so a static one comes
 * back through the coordinator's static member replacement.
 */
function leaveOnPollTimeout(state: SimState, consumer: ConsumerState): void {
  revoke(state, consumer, consumer.assigned);
  sendLeave(state, consumer, 'consumer poll timeout has expired');
  consumer.phase = 'left';
  if (usesConsumerProtocol(consumer)) return;
  consumer.memberId = '';
  consumer.generation = -1;
}

/**
 * How the coordinator hears of a leave: under KIP-848 a last heartbeat with member epoch -1, or -2 from a
 * static member, whose assignment it keeps until the session times out (leaveGroupEpoch). Under the classic
 * protocol LeaveGroup, from a dynamic member only (AbstractCoordinator.maybeLeaveGroup): a static member's
 * membership ends with session.timeout.ms.
 */
function sendLeave(state: SimState, consumer: ConsumerState, reason: string): void {
  if (usesConsumerProtocol(consumer)) {
    sendConsumerGroupHeartbeat(state, consumer, leaveGroupEpoch(consumer.groupInstanceId));
    return;
  }
  if (consumer.groupInstanceId) return;
  send(state, consumerNode(consumer.id), COORDINATOR, {
    kind: 'LeaveGroupRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    reason,
  });
}

function commitOwned(state: SimState, consumer: ConsumerState, partitions: string[]): void {
  const offsets: Record<string, number> = {};
  for (const pid of partitions) {
    const position = consumer.positions[pid];
    if (position !== undefined) offsets[pid] = position;
  }
  if (Object.keys(offsets).length === 0 || consumer.generation < 0) return;
  send(state, consumerNode(consumer.id), COORDINATOR, {
    kind: 'OffsetCommitRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    generation: consumer.generation,
    offsets,
  });
}

export function onConsumerAutoCommit(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token) return;
  if (consumer.phase === 'stable') commitOwned(state, consumer, consumer.assigned);
  schedule(state, state.nowMs + consumer.config['auto.commit.interval.ms'], {
    kind: 'consumerAutoCommit',
    consumerId,
    token,
  });
}

/** enable.auto.commit=false: the application commits (commitSync) after processing each batch. */
export function onConsumerCommitProcessed(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token || consumer.phase !== 'stable')
    return;
  commitOwned(state, consumer, consumer.assigned);
}

/** Where the next fetch starts: the position, else the committed offset, else auto.offset.reset. */
export function consumerFetchOffset(state: SimState, node: string, partitionId: string): number | null {
  const consumer = state.consumers[node.slice(9)];
  if (!consumer || consumer.status !== 'running' || !consumer.assigned.includes(partitionId)) return null;
  const known = consumer.positions[partitionId];
  if (known !== undefined) return known;
  const g = group(state, consumer);
  const start = g.committed[partitionId] ?? resetOffset(state, consumer, partitionId);
  if (start === null) return null;
  consumer.positions[partitionId] = start;
  return start;
}

function resetOffset(state: SimState, consumer: ConsumerState, partitionId: string): number | null {
  const p = state.partitions[partitionId];
  const log = p ? leaderLog(p) : undefined;
  if (!log) return null;
  const policy = consumer.config['auto.offset.reset'];
  if (policy === 'none') {
    emit(
      state,
      'noOffset',
      `NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [${partitionId}] (consumer ${consumer.id}).`,
    );
    return null;
  }
  return policy === 'earliest' ? log.logStartOffset : log.highWatermark;
}

export function onConsumerFetchResponse(state: SimState, message: Message): void {
  const res = message.body as FetchResponse;
  const node = message.to;
  const consumer = state.consumers[node.slice(9)];
  if (!consumer || consumer.status !== 'running' || !consumer.assigned.includes(res.partitionId)) return;
  if (res.error === 'OFFSET_OUT_OF_RANGE') {
    const reset = resetOffset(state, consumer, res.partitionId);
    emit(
      state,
      'offsetReset',
      `Consumer ${consumer.id}: offset ${consumer.positions[res.partitionId]} is out of range for ${res.partitionId}; auto.offset.reset=${consumer.config['auto.offset.reset']} moves it to ${reset ?? 'nowhere'}.`,
      { partitionId: res.partitionId },
    );
    if (reset === null) return;
    consumer.positions[res.partitionId] = reset;
  }
  if (res.error !== null) {
    schedule(state, state.nowMs + CONSUMER_RETRY_BACKOFF_MS, {
      kind: 'fetch',
      node,
      partitionId: res.partitionId,
      session: res.session,
    });
    return;
  }
  const position = consumer.positions[res.partitionId] ?? 0;
  let fresh = res.records.filter((r) => r.offset >= position).slice(0, consumer.config['max.poll.records']);
  if (consumer.busyUntilMs <= state.nowMs) consumer.lastPollMs = state.nowMs;
  let extraBusyMs = 0;
  if (consumer.service && fresh.length > 0) {
    // A service's handler may stop at a record it cannot process (head-of-line blocking).
    const handled = runService(state, consumer, res.partitionId, fresh);
    fresh = handled.processed;
    extraBusyMs = handled.extraBusyMs;
  }
  const last = fresh[fresh.length - 1];
  if (last) {
    consumer.positions[res.partitionId] = last.offset + 1;
    consumer.consumed += fresh.length;
    consumer.busyUntilMs =
      Math.max(consumer.busyUntilMs, state.nowMs) + fresh.length * consumer.processingTimeMs + extraBusyMs;
    onRecordsProcessed(state, group(state, consumer), res.partitionId, position, fresh);
    if (!consumer.config['enable.auto.commit']) {
      schedule(state, consumer.busyUntilMs, {
        kind: 'consumerCommitProcessed',
        consumerId: consumer.id,
        token: consumer.token,
      });
    }
  }
  if (!last && extraBusyMs > 0)
    consumer.busyUntilMs = Math.max(consumer.busyUntilMs, state.nowMs) + extraBusyMs;
  fetchAgain(state, node, res.partitionId, res.session, consumer.busyUntilMs - state.nowMs);
}

export function restartConsumerFetchersFor(state: SimState, partitionId: string): void {
  for (const id of state.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status === 'running' && c.assigned.includes(partitionId))
      startFetcher(state, consumerNode(id), partitionId);
  }
}

/** Java's String.compareTo: UTF-16 code unit order, independent of locale. */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The process stops: nothing more is sent, so after a crash (no LeaveGroup, no commit) the coordinator
 * notices only when the session times out. A close has said its goodbyes first (closeCoordinator).
 */
export function stopConsumer(state: SimState, consumer: ConsumerState, reason: ConsumerStopReason): void {
  for (const pid of consumer.assigned) stopFetcher(state, consumerNode(consumer.id), pid);
  consumer.status = 'stopped';
  consumer.stopReason = reason;
  consumer.token++;
  consumer.assigned = [];
  consumer.positions = {};
}
