// Static membership at the classic coordinator (KIP-345): a member that comes back with its
// group.instance.id under a new member id takes its old member's place and assignment.
import type { SimState } from '../types';
import type { GroupMember, GroupMessageBody, GroupState } from './types';
import { emit } from '../sim/events';
import { updateMember } from './classicMembers';
import { joinResponse, prepareRebalance, selectProtocol, tryCompleteJoin } from './classicRebalance';
import { touch } from './classicSessions';
import { reply } from './reply';

type JoinGroupRequest = Extract<GroupMessageBody, { kind: 'JoinGroupRequest' }>;

/**
 * A static member joins with an unknown member id while the group still holds its group.instance.id
 * (updateStaticMemberThenRebalanceOrCompleteJoin): a new member id replaces the old one and keeps its
 * assignment. A Stable group does not rebalance unless the selected protocol changes; the member gets the
 * current generation and then its assignment by SyncGroup. During CompletingRebalance the group
 * rebalances, since the leader may be assigning to the old member id; during PreparingRebalance the
 * member simply joins the barrier.
 */
export function replaceStaticMember(
  state: SimState,
  g: GroupState,
  old: GroupMember,
  consumerId: string,
  req: JoinGroupRequest,
): void {
  const memberId = `${old.groupInstanceId}-${++g.nextMemberSeq}`;
  const member: GroupMember = { ...old, memberId, consumerId, awaitingJoin: false, awaitingSync: false };
  updateMember(member, req);
  delete g.members[old.memberId];
  g.members[memberId] = member;
  g.memberOrder = g.memberOrder.map((m) => (m === old.memberId ? memberId : m));
  if (g.leaderId === old.memberId) g.leaderId = memberId;
  touch(state, g, member);
  const replaced = `Static member ${old.groupInstanceId} (group.instance.id) came back to group ${g.groupId} within session.timeout.ms: member ${memberId} replaces ${old.memberId}`;
  const selected = selectProtocol(Object.values(g.members));
  if (g.state === 'Stable' && selected === g.protocolName) {
    emit(state, 'staticMemberRejoined', `${replaced} and keeps its partitions, no rebalance.`);
    reply(state, member, joinResponse(g, member, []));
    return;
  }
  emit(state, 'staticMemberRejoined', `${replaced} and joins the rebalance.`);
  member.awaitingJoin = true;
  if (g.state === 'Stable')
    prepareRebalance(
      state,
      g,
      `static member ${old.groupInstanceId} changes the selected protocol (${g.protocolName} → ${selected})`,
    );
  else if (g.state === 'CompletingRebalance')
    prepareRebalance(
      state,
      g,
      `static member ${old.groupInstanceId} rejoined while the leader was assigning to its old member id`,
    );
  tryCompleteJoin(state, g);
}
