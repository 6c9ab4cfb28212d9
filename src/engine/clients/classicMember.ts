// The classic protocol, client side (ConsumerCoordinator + AbstractCoordinator): join the group (KIP-394's
// MEMBER_ID_REQUIRED first), let the leader run the assignor, take the assignment from SyncGroup, and
// rejoin when a heartbeat says the group is rebalancing. Eager members give up everything before
// rejoining; cooperative members give up only what moves, then rejoin once more (KIP-429).
import type { SimState } from '../types';
import type { ClientAssignor, ConsumerState, GroupMessageBody } from '../groups/types';
import { assignPartitions } from '../groups/assignors/index';
import { emit } from '../sim/events';
import { consumerNode } from '../sim/network';
import { startFetcher } from '../cluster/fetchers';
import { resetAutoCommitTimer } from './autoCommit';
import { commitOwned } from './offsetCommit';
import { loseAll, revoke } from './subscriptionState';
import { sendToCoordinator } from './toCoordinator';
import { knownPartitions } from './metadata';

type Body<K extends GroupMessageBody['kind']> = Extract<GroupMessageBody, { kind: K }>;

export function isCooperative(consumer: ConsumerState): boolean {
  // ConsumerCoordinator: cooperative only if every configured assignor supports it.
  return consumer.config['partition.assignment.strategy'].every((a) => a === 'cooperative-sticky');
}

export function joinGroup(state: SimState, consumer: ConsumerState): void {
  consumer.phase = 'joining';
  sendToCoordinator(state, consumer, {
    kind: 'JoinGroupRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    groupInstanceId: consumer.groupInstanceId,
    protocols: consumer.config['partition.assignment.strategy'],
    ownedPartitions: isCooperative(consumer) ? [...consumer.assigned] : [],
    // The eager sticky assignor's user data: the assignment it remembers (it owns nothing now).
    stickyUserData: consumer.config['partition.assignment.strategy'].includes('sticky')
      ? consumer.stickyMemory
      : null,
    sessionTimeoutMs: consumer.config['session.timeout.ms'],
    // The Java client sends max.poll.interval.ms as its rebalance timeout.
    rebalanceTimeoutMs: consumer.config['max.poll.interval.ms'],
  });
}

/**
 * onJoinPrepare: with enable.auto.commit every member commits first; then eager members revoke everything
 * (committing it, as an onPartitionsRevoked listener would without auto-commit), and cooperative members
 * keep what they own. Then it joins again.
 */
export function onJoinPrepare(state: SimState, consumer: ConsumerState, why: string): void {
  const eager = !isCooperative(consumer) && consumer.assigned.length > 0;
  if (consumer.config['enable.auto.commit'] || eager) commitOwned(state, consumer, consumer.assigned);
  if (eager) {
    revoke(state, consumer, consumer.assigned);
    emit(
      state,
      'partitionsRevoked',
      `Consumer ${consumer.id} revoked all its partitions before rejoining (eager rebalance): ${why}.`,
    );
  }
  joinGroup(state, consumer);
}

export function onJoinResponse(
  state: SimState,
  consumer: ConsumerState,
  res: Body<'JoinGroupResponse'>,
): void {
  if (consumer.phase !== 'joining') return;
  if (res.error === 'MEMBER_ID_REQUIRED') {
    // KIP-394: the first JoinGroup only fetches a member id; join again with it.
    consumer.memberId = res.memberId;
    joinGroup(state, consumer);
    return;
  }
  if (res.error) {
    loseAll(state, consumer);
    joinGroup(state, consumer);
    return;
  }
  consumer.memberId = res.memberId;
  consumer.generation = res.generation;
  consumer.protocolName = res.protocolName;
  consumer.phase = 'syncing';
  let assignments: Record<string, string[]> | null = null;
  consumer.assignmentSnapshot = null;
  if (res.leaderId === res.memberId) assignments = leaderAssign(state, consumer, res);
  sendToCoordinator(state, consumer, {
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
  const g = state.groups[consumer.groupId]!;
  // The partitions in the leader's own metadata, remembered to notice when they change.
  const topics: Record<string, number> = {};
  for (const t of g.topics) topics[t] = consumerPartitions(state, consumer, t);
  consumer.assignmentSnapshot = { ...topics };
  return assignPartitions({
    protocol: 'classic',
    assignor: res.protocolName as ClientAssignor,
    topics,
    members: res.members.map((m) => {
      // StickyAssignor.memberData reads owned partitions and generation from its user data, always.
      const sticky = res.protocolName === 'sticky';
      return {
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        topics: g.topics,
        ownedPartitions: sticky ? (m.stickyUserData?.partitions ?? []) : m.ownedPartitions,
        generation: sticky ? (m.stickyUserData?.generation ?? -1) : res.generation - 1,
      };
    }),
  });
}

export function onSyncResponse(
  state: SimState,
  consumer: ConsumerState,
  res: Body<'SyncGroupResponse'>,
): void {
  if (consumer.phase !== 'syncing') return;
  if (res.error) {
    if (res.error !== 'REBALANCE_IN_PROGRESS') loseAll(state, consumer);
    joinGroup(state, consumer);
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
  // ConsumerCoordinator.onJoinComplete calls the chosen assignor's onAssignment.
  if (consumer.protocolName === 'sticky')
    consumer.stickyMemory = { partitions: [...res.assignment], generation: consumer.generation };
  for (const pid of added) startFetcher(state, consumerNode(consumer.id), pid);
  consumer.phase = 'stable';
  // ConsumerCoordinator.onJoinComplete: the auto-commit interval starts again from the new assignment.
  resetAutoCommitTimer(state, consumer);
  if (revoked.length > 0 && isCooperative(consumer)) {
    // KIP-429: partitions that move are released in this round and handed over in a follow-up rebalance.
    emit(
      state,
      'partitionsRevoked',
      `Consumer ${consumer.id} released ${revoked.join(', ')} and rejoins so that the next rebalance can hand them over (cooperative).`,
    );
    onJoinPrepare(state, consumer, 'it released partitions that move to another member');
  }
}

function consumerPartitions(state: SimState, consumer: ConsumerState, topic: string): number {
  const maxAge = consumer.config['metadata.max.age.ms'];
  return knownPartitions(state, `Consumer ${consumer.id}`, consumer.metadata, maxAge, topic);
}

/**
 * ConsumerCoordinator.rejoinNeededOrPending: the leader rejoins once its metadata shows partition counts
 * other than those its last assignment was made with (a topic grew). Checked from the client's loop.
 */
export function rejoinIfMetadataChanged(state: SimState, consumer: ConsumerState): void {
  const snapshot = consumer.assignmentSnapshot;
  if (snapshot === null || consumer.phase !== 'stable' || consumer.status !== 'running') return;
  for (const [topic, had] of Object.entries(snapshot)) {
    const now = consumerPartitions(state, consumer, topic);
    if (now === had) continue;
    onJoinPrepare(state, consumer, `its metadata shows topic ${topic} with ${now} partitions, not ${had}`);
    return;
  }
}

export function sendHeartbeat(state: SimState, consumer: ConsumerState): void {
  sendToCoordinator(state, consumer, {
    kind: 'HeartbeatRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    generation: consumer.generation,
  });
}

export function onHeartbeatResponse(
  state: SimState,
  consumer: ConsumerState,
  res: Body<'HeartbeatResponse'>,
): void {
  if (!res.error || consumer.phase !== 'stable') return;
  if (res.error === 'REBALANCE_IN_PROGRESS') {
    onJoinPrepare(state, consumer, 'the coordinator answered a heartbeat with REBALANCE_IN_PROGRESS');
  } else {
    emit(
      state,
      'partitionsLost',
      `Consumer ${consumer.id} lost its partitions (${res.error}): its membership expired, so it rejoins as a new member.`,
    );
    loseAll(state, consumer);
    joinGroup(state, consumer);
  }
}

/** AbstractCoordinator.maybeLeaveGroup: only a dynamic member sends LeaveGroup (KIP-345). */
export function maybeLeaveGroup(state: SimState, consumer: ConsumerState, reason: string): void {
  if (consumer.groupInstanceId) return;
  sendToCoordinator(state, consumer, {
    kind: 'LeaveGroupRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    reason,
  });
}
