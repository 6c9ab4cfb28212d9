// Keeping members alive, and removing them (classic protocol): heartbeats answer with the group's state,
// each heartbeat or request restarts the member's session, a member that is silent for its
// session.timeout.ms (or sends LeaveGroup) is removed, and its departure starts a rebalance. The KIP-848
// session timeout (group.consumer.session.timeout.ms) fires here as well and is handed to consumerProtocol.
import type { SimState } from '../types';
import type { GroupMember, GroupMessageBody, GroupState } from './types';
import { emit } from '../sim/events';
import { schedule } from '../sim/timers';
import { prepareRebalance, tryCompleteJoin } from './classicRebalance';
import { removeConsumerMember } from './consumerGroup';
import { LEAVE_GROUP_STATIC_MEMBER_EPOCH } from './memberEpochs';
import { reply } from './reply';

type Body<K extends GroupMessageBody['kind']> = Extract<GroupMessageBody, { kind: K }>;

export function onHeartbeat(
  state: SimState,
  g: GroupState,
  consumerId: string,
  req: Body<'HeartbeatRequest'>,
): void {
  const member = g.members[req.memberId];
  let error: Body<'HeartbeatResponse'>['error'] = null;
  if (!member) error = 'UNKNOWN_MEMBER_ID';
  else if (req.generation !== g.generation) error = 'ILLEGAL_GENERATION';
  // classicGroupHeartbeat: only PreparingRebalance asks members to rejoin; in CompletingRebalance a
  // member may heartbeat after its JoinGroup answer, and it is a normal heartbeat.
  else if (g.state === 'PreparingRebalance') error = 'REBALANCE_IN_PROGRESS';
  if (member && error !== 'UNKNOWN_MEMBER_ID') touch(state, g, member);
  reply(
    state,
    { consumerId, connectionId: req.connectionId },
    { kind: 'HeartbeatResponse', groupId: g.groupId, error },
  );
}

export function onLeave(state: SimState, g: GroupState, req: Body<'LeaveGroupRequest'>): void {
  const member = g.members[req.memberId];
  if (member) removeMember(state, g, member, `it left the group (${req.reason})`, true);
}

export function touch(state: SimState, g: GroupState, member: GroupMember): void {
  member.lastHeartbeatAtMs = state.nowMs;
  scheduleSessionExpiry(state, g, member);
}

function scheduleSessionExpiry(state: SimState, g: GroupState, member: GroupMember): void {
  schedule(state, state.nowMs + member.sessionTimeoutMs, {
    kind: 'memberSessionExpiry',
    groupId: g.groupId,
    memberId: member.memberId,
    heartbeatAtMs: member.lastHeartbeatAtMs,
  });
}

export function onMemberSessionExpiry(
  state: SimState,
  groupId: string,
  memberId: string,
  heartbeatAtMs: number,
): void {
  const g = state.groups[groupId];
  const member = g?.members[memberId];
  if (!g || !member || member.lastHeartbeatAtMs !== heartbeatAtMs) return;
  if (g.protocol === 'consumer') {
    const away =
      member.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH
        ? `; static member ${member.groupInstanceId} left with member epoch -2 and did not come back in time, so its partitions are reassigned`
        : '';
    removeConsumerMember(
      state,
      g,
      member,
      `no heartbeat for group.consumer.session.timeout.ms (${member.sessionTimeoutMs} ms)${away}`,
    );
    return;
  }
  // MemberMetadata.shouldKeepAlive: a member waiting for its JoinGroup or SyncGroup answer is not expired.
  if (member.awaitingJoin || member.awaitingSync) {
    touch(state, g, member);
    return;
  }
  removeMember(state, g, member, `no heartbeat for session.timeout.ms (${member.sessionTimeoutMs} ms)`, true);
}

export function removeMember(
  state: SimState,
  g: GroupState,
  member: GroupMember,
  why: string,
  rebalance: boolean,
): void {
  delete g.members[member.memberId];
  g.memberOrder = g.memberOrder.filter((id) => id !== member.memberId);
  if (g.leaderId === member.memberId) g.leaderId = null;
  emit(
    state,
    'memberRemoved',
    `The coordinator removed ${member.consumerId} (${member.memberId}) from group ${g.groupId}: ${why}.`,
  );
  if (!rebalance) return;
  if (g.state === 'Stable' || g.state === 'CompletingRebalance')
    prepareRebalance(state, g, `${member.consumerId} left`);
  if (g.state === 'PreparingRebalance') tryCompleteJoin(state, g);
}
