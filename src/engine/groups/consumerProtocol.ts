// The KIP-848 consumer group protocol (group.protocol=consumer), coordinator side: members send
// ConsumerGroupHeartbeat; any membership or subscription change bumps the group epoch and the
// server-side assignor (uniform or range) computes a new target assignment at once; then each member is
// reconciled on its own heartbeats — it first revokes what it must give up, and a partition goes to its
// new owner only after the previous owner has released it. No global barrier (kafka-reference.md §4.3).
import type { Message, SimState } from '../types';
import type { GroupMember, GroupMessageBody, GroupState } from './types';
import { assignPartitions } from './assignors/index';
import { emit } from '../sim/events';
import { schedule } from '../sim/timers';
import { javaStringCompare } from './assignors/javaOrder';
import {
  JOIN_GROUP_MEMBER_EPOCH,
  LEAVE_GROUP_MEMBER_EPOCH,
  LEAVE_GROUP_STATIC_MEMBER_EPOCH,
  memberEpochIsValid,
} from './memberEpochs';
import {
  replaceStaticMember,
  staticMember,
  staticMemberLeave,
  unreleasedInstanceIdMessage,
} from './staticMembers';
import { reply, type Connection } from './reply';

type Request = Extract<GroupMessageBody, { kind: 'ConsumerGroupHeartbeatRequest' }>;

export function onConsumerGroupHeartbeat(state: SimState, message: Message): void {
  const req = message.body as Request;
  const g = state.groups[req.groupId];
  if (!g) return;
  const consumerId = message.from.slice(9);
  const from: Connection = { consumerId, connectionId: req.connectionId };
  if (req.memberEpoch === LEAVE_GROUP_MEMBER_EPOCH || req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
    onLeave(state, g, req);
    return;
  }
  let member = g.members[req.memberId];
  if (req.memberEpoch === JOIN_GROUP_MEMBER_EPOCH && req.groupInstanceId) {
    const joined = staticJoin(state, g, consumerId, req, req.groupInstanceId, member);
    if (joined === null) return;
    member = joined;
  }
  if (!member && req.memberEpoch !== 0) {
    respond(state, g, from, {
      error: 'UNKNOWN_MEMBER_ID',
      memberId: req.memberId,
      memberEpoch: -1,
      assignment: [],
    });
    return;
  }
  if (!member) {
    const memberId = `${consumerId}-${++g.nextMemberSeq}`;
    member = {
      memberId,
      consumerId,
      groupInstanceId: req.groupInstanceId,
      protocols: [],
      ownedPartitions: [],
      assignment: [],
      sessionTimeoutMs: state.config.groupConsumerSessionTimeoutMs,
      rebalanceTimeoutMs: 0,
      lastHeartbeatAtMs: state.nowMs,
      awaitingJoin: false,
      awaitingSync: false,
      connectionId: req.connectionId,
      memberEpoch: 0,
      target: [],
      memberState: 'STABLE',
      pendingRevocation: [],
      previousMemberEpoch: -1,
    };
    g.members[memberId] = member;
    g.memberOrder.push(memberId);
    bumpGroupEpoch(state, g, req.serverAssignor, `${consumerId} joined`);
  } else if (
    req.memberEpoch !== JOIN_GROUP_MEMBER_EPOCH &&
    !memberEpochIsValid(member, req.memberEpoch, req.ownedPartitions)
  ) {
    respond(state, g, from, {
      error: 'FENCED_MEMBER_EPOCH',
      memberId: member.memberId,
      memberEpoch: member.memberEpoch,
      assignment: [],
    });
    return;
  }
  member.connectionId = req.connectionId;
  member.lastHeartbeatAtMs = state.nowMs;
  schedule(state, state.nowMs + member.sessionTimeoutMs, {
    kind: 'memberSessionExpiry',
    groupId: g.groupId,
    memberId: member.memberId,
    heartbeatAtMs: state.nowMs,
  });
  // A revocation is complete once the member no longer reports owning any of the revoked partitions.
  // Other gaps in what it reports are only a heartbeat that crossed our last answer; they free nothing.
  if (
    member.pendingRevocation.length > 0 &&
    !member.pendingRevocation.some((p) => req.ownedPartitions.includes(p))
  ) {
    member.pendingRevocation = [];
  }
  reconcile(g, member, req.ownedPartitions);
  updateGroupState(state, g);
  respond(state, g, from, {
    error: null,
    memberId: member.memberId,
    memberEpoch: member.memberEpoch,
    assignment: [...member.assignment],
  });
}

/**
 * A join (member epoch 0) under a group.instance.id the group already holds: it replaces a member that
 * left with epoch -2, and is refused with UNRELEASED_INSTANCE_ID while a member that did not leave (a
 * crashed one) holds it. Returns the member the heartbeat is for, or null once refused.
 */
function staticJoin(
  state: SimState,
  g: GroupState,
  consumerId: string,
  req: Request,
  groupInstanceId: string,
  member: GroupMember | undefined,
): GroupMember | undefined | null {
  const holder = staticMember(g, groupInstanceId);
  if (holder?.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH)
    return replaceStaticMember(state, g, holder, consumerId);
  if (!holder || holder === member) return member;
  respond(
    state,
    g,
    { consumerId, connectionId: req.connectionId },
    {
      error: 'UNRELEASED_INSTANCE_ID',
      errorMessage: unreleasedInstanceIdMessage(req.memberId || consumerId, groupInstanceId, holder.memberId),
      memberId: req.memberId,
      memberEpoch: -1,
      assignment: [],
    },
  );
  return null;
}

/**
 * consumerGroupLeave: member epoch -1 fences the member at once and its partitions are reassigned; -2 from
 * a static member keeps it, and its assignment, until its session times out. The leaving client does not
 * read the answer, so none is sent, and a leave from an unknown or fenced member changes nothing.
 */
function onLeave(state: SimState, g: GroupState, req: Request): void {
  const member = req.groupInstanceId ? staticMember(g, req.groupInstanceId) : g.members[req.memberId];
  if (!member || member.memberId !== req.memberId) return;
  if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH && member.groupInstanceId) {
    staticMemberLeave(state, g, member);
    // A member at epoch -2 is not reconciled to the target epoch, so the group shows Reconciling.
    updateGroupState(state, g);
    return;
  }
  removeConsumerMember(state, g, member, 'it left the group (member epoch -1)');
}

function respond(
  state: SimState,
  g: GroupState,
  to: Connection,
  r: {
    error: 'FENCED_MEMBER_EPOCH' | 'UNKNOWN_MEMBER_ID' | 'UNRELEASED_INSTANCE_ID' | null;
    errorMessage?: string;
    memberId: string;
    memberEpoch: number;
    assignment: string[];
  },
): void {
  reply(state, to, {
    kind: 'ConsumerGroupHeartbeatResponse',
    groupId: g.groupId,
    heartbeatIntervalMs: state.config.groupConsumerHeartbeatIntervalMs,
    ...r,
  });
}

/** A membership change: new group epoch, and the server-side assignor computes the target at once. */
function bumpGroupEpoch(state: SimState, g: GroupState, assignor: 'uniform' | 'range', why: string): void {
  g.generation++;
  g.protocolName = assignor;
  const topics: Record<string, number> = {};
  for (const t of g.topics) topics[t] = state.topics[t]?.partitions ?? 0;
  const memberIds = Object.keys(g.members).sort(javaStringCompare);
  const target =
    memberIds.length === 0
      ? {}
      : assignPartitions({
          protocol: 'consumer',
          assignor,
          topics,
          members: memberIds.map((id) => ({
            memberId: id,
            groupInstanceId: g.members[id]!.groupInstanceId,
            topics: g.topics,
            ownedPartitions: g.members[id]!.target,
          })),
        });
  for (const id of memberIds) g.members[id]!.target = target[id] ?? [];
  g.targetAssignmentEpoch = g.generation;
  emit(
    state,
    'groupEpochBumped',
    `Group ${g.groupId}: ${why}; group epoch ${g.generation}, the ${assignor} assignor set a new target assignment. Members reconcile one by one, without stopping the group.`,
  );
}

/**
 * CurrentAssignmentBuilder: a member first gives up what is no longer its target, staying at its member
 * epoch (UNREVOKED_PARTITIONS). Once it has nothing left to revoke it moves to the target epoch and gets
 * each target partition that no other member still holds; it is STABLE if that is its whole target, and
 * otherwise waits in UNRELEASED_PARTITIONS, taking the rest at later heartbeats as their owners release
 * them. `owned` is what the heartbeat says the member owns (its TopicPartitions): partitions it no longer
 * owns need no revocation (ownsRevokedPartitions), as with a static member that comes back, owning
 * nothing, to a target that changed while it was away.
 */
function reconcile(g: GroupState, member: GroupMember, owned: readonly string[]): void {
  if (member.pendingRevocation.length > 0) return;
  // A STABLE member at the target epoch has nothing to reconcile, and its epochs stay as they are.
  const reconciled = isReconciledTo(member, g.targetAssignmentEpoch);
  const toRevoke = member.assignment.filter((p) => !member.target.includes(p));
  if (toRevoke.length > 0) {
    member.assignment = member.assignment.filter((p) => member.target.includes(p));
    if (toRevoke.some((p) => owned.includes(p))) {
      member.pendingRevocation = toRevoke;
      member.memberState = 'UNREVOKED_PARTITIONS';
      updateMemberEpoch(member, member.memberEpoch);
      return;
    }
  }
  const heldByOthers = new Set<string>();
  for (const other of Object.values(g.members)) {
    if (other === member) continue;
    for (const p of other.assignment) heldByOthers.add(p);
    for (const p of other.pendingRevocation) heldByOthers.add(p);
  }
  const free = member.target.filter((p) => !heldByOthers.has(p));
  member.assignment = [...new Set([...member.assignment, ...free])].sort();
  if (!reconciled) updateMemberEpoch(member, g.targetAssignmentEpoch);
  member.memberState = member.assignment.length === member.target.length ? 'STABLE' : 'UNRELEASED_PARTITIONS';
}

/**
 * ConsumerGroupMember.Builder.updateMemberEpoch, as CurrentAssignmentBuilder uses it at each step: the
 * epoch it had becomes its previous one, even when it stays (UNREVOKED_PARTITIONS).
 */
function updateMemberEpoch(member: GroupMember, memberEpoch: number): void {
  member.previousMemberEpoch = member.memberEpoch;
  member.memberEpoch = memberEpoch;
}

/** ConsumerGroupMember.isReconciledTo: STABLE, and at the target assignment's epoch. */
function isReconciledTo(member: GroupMember, targetAssignmentEpoch: number): boolean {
  return member.memberState === 'STABLE' && member.memberEpoch === targetAssignmentEpoch;
}

/** ConsumerGroup.maybeUpdateGroupState. */
function updateGroupState(state: SimState, g: GroupState): void {
  const members = Object.values(g.members);
  const next =
    members.length === 0
      ? 'Empty'
      : g.generation > g.targetAssignmentEpoch
        ? 'Assigning'
        : members.some((m) => !isReconciledTo(m, g.targetAssignmentEpoch))
          ? 'Reconciling'
          : 'Stable';
  if (next === g.state) return;
  g.state = next;
  if (next === 'Stable')
    emit(
      state,
      'groupStable',
      `Group ${g.groupId} is Stable at epoch ${g.generation}: every member owns its target assignment.`,
    );
}

export function removeConsumerMember(state: SimState, g: GroupState, member: GroupMember, why: string): void {
  delete g.members[member.memberId];
  g.memberOrder = g.memberOrder.filter((id) => id !== member.memberId);
  emit(
    state,
    'memberRemoved',
    `The coordinator removed ${member.consumerId} (${member.memberId}) from group ${g.groupId}: ${why}.`,
  );
  bumpGroupEpoch(
    state,
    g,
    (g.protocolName as 'uniform' | 'range' | null) ?? 'uniform',
    `${member.consumerId} left`,
  );
  updateGroupState(state, g);
}
