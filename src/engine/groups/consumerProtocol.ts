// The KIP-848 consumer group protocol (group.protocol=consumer), coordinator side: members send
// ConsumerGroupHeartbeat under member ids of their own (KIP-1082); any membership or subscription change
// bumps the group epoch and the server-side assignor computes a new target assignment at once
// (consumerGroup); then each member is reconciled on its own heartbeats (currentAssignment) — it first
// revokes what it must give up, and a partition goes to its new owner only after the previous owner has
// released it. No global barrier (kafka-reference.md §4.3).
import type { Message, SimState } from '../types';
import type { GroupMember, GroupMessageBody, GroupState, ServerAssignor } from './types';
import { schedule } from '../sim/timers';
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
import { bumpGroupEpoch, removeConsumerMember, subscriptionChange, updateGroupState } from './consumerGroup';
import { reconcile } from './currentAssignment';
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
    member = newMember(state, g, consumerId, req);
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
  const changed = subscriptionChange(state, g);
  if (changed)
    bumpGroupEpoch(state, g, (g.protocolName as ServerAssignor | null) ?? req.serverAssignor, changed);
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
 * A member joining with member epoch 0 under the id it generated (KIP-1082: the coordinator no longer makes
 * one), so it is known by that id before the answer reaches it.
 */
function newMember(state: SimState, g: GroupState, consumerId: string, req: Request): GroupMember {
  // Kafka 4.0 refuses such a request with INVALID_REQUEST ("MemberId can't be empty."); no client here sends one.
  if (req.memberId === '') throw new Error(`${consumerId} sent a ConsumerGroupHeartbeat without a member id`);
  const member: GroupMember = {
    memberId: req.memberId,
    consumerId,
    groupInstanceId: req.groupInstanceId,
    protocols: [],
    ownedPartitions: [],
    stickyUserData: null,
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
  g.members[member.memberId] = member;
  g.memberOrder.push(member.memberId);
  return member;
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
    return replaceStaticMember(state, g, holder, consumerId, req.memberId);
  if (!holder || holder === member) return member;
  respond(
    state,
    g,
    { consumerId, connectionId: req.connectionId },
    {
      error: 'UNRELEASED_INSTANCE_ID',
      errorMessage: unreleasedInstanceIdMessage(req.memberId, groupInstanceId, holder.memberId),
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
