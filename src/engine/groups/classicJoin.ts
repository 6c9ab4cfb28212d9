// JoinGroup at the classic coordinator (GroupMetadataManager.classicGroupJoin): a new dynamic member first
// gets a member id (KIP-394), a known member joins the barrier or gets the current generation back, and a
// static member returning under a new member id takes its old member's place (KIP-345).
import type { SimState } from '../types';
import type { GroupMember, GroupMessageBody, GroupState } from './types';
import { metadataMatches, newMember, updateMember } from './classicMembers';
import {
  noteNewMember,
  joinResponse,
  memberMetadata,
  prepareRebalance,
  tryCompleteJoin,
} from './classicRebalance';
import { replaceStaticMember } from './classicStaticMembers';
import { touch } from './classicSessions';
import { reply } from './reply';

type Body<K extends GroupMessageBody['kind']> = Extract<GroupMessageBody, { kind: K }>;

function joinError(
  state: SimState,
  g: GroupState,
  consumerId: string,
  req: Body<'JoinGroupRequest'>,
  memberId: string,
  error: Body<'JoinGroupResponse'>['error'],
): void {
  reply(
    state,
    { consumerId, connectionId: req.connectionId },
    {
      kind: 'JoinGroupResponse',
      groupId: g.groupId,
      error,
      memberId,
      generation: -1,
      leaderId: '',
      protocolName: '',
      members: [],
    },
  );
}

export function onJoin(
  state: SimState,
  g: GroupState,
  consumerId: string,
  req: Body<'JoinGroupRequest'>,
): void {
  const known = req.memberId ? g.members[req.memberId] : undefined;
  if (known) {
    joinKnownMember(state, g, known, req);
    return;
  }
  if (req.groupInstanceId) {
    const existing = Object.values(g.members).find((m) => m.groupInstanceId === req.groupInstanceId);
    if (existing) {
      replaceStaticMember(state, g, existing, consumerId, req);
      return;
    }
  }
  if (req.memberId && !req.groupInstanceId && !g.pendingMemberIds.includes(req.memberId)) {
    joinError(state, g, consumerId, req, req.memberId, 'UNKNOWN_MEMBER_ID');
    return;
  }
  if (!req.memberId && !req.groupInstanceId) {
    // KIP-394: a dynamic member first gets an id (member.id is client.id-UUID) and must join again with it.
    const memberId = `${consumerId}-${++g.nextMemberSeq}`;
    g.pendingMemberIds.push(memberId);
    joinError(state, g, consumerId, req, memberId, 'MEMBER_ID_REQUIRED');
    return;
  }
  // addMemberAndRebalance: a pending dynamic member, or a static member the group does not hold yet.
  g.pendingMemberIds = g.pendingMemberIds.filter((id) => id !== req.memberId);
  const memberId = req.memberId || `${req.groupInstanceId}-${++g.nextMemberSeq}`;
  const member = newMember(state, memberId, consumerId, req);
  g.members[memberId] = member;
  g.memberOrder.push(memberId);
  touch(state, g, member);
  noteNewMember(g);
  if (g.state !== 'PreparingRebalance') prepareRebalance(state, g, `member ${memberId} joined`);
  tryCompleteJoin(state, g);
}

/**
 * A JoinGroup from a member the group knows (GroupMetadataManager.classicGroupJoinExistingMember). During
 * PreparingRebalance it joins the barrier. Otherwise a member whose protocol metadata is unchanged gets the
 * current generation back, with which it can send SyncGroup (during CompletingRebalance it may have missed
 * its JoinGroup answer, so the leader gets the member list again); a rebalance starts only for changed
 * metadata, or in Stable when the leader rejoins, since it may need to assign for reasons no metadata shows.
 */
function joinKnownMember(
  state: SimState,
  g: GroupState,
  member: GroupMember,
  req: Body<'JoinGroupRequest'>,
): void {
  touch(state, g, member);
  const unchanged = metadataMatches(member, req);
  if (g.state === 'Stable' && unchanged && member.memberId !== g.leaderId) {
    member.connectionId = req.connectionId;
    reply(state, member, joinResponse(g, member, []));
    return;
  }
  if (g.state === 'CompletingRebalance' && unchanged) {
    member.connectionId = req.connectionId;
    reply(state, member, joinResponse(g, member, member.memberId === g.leaderId ? memberMetadata(g) : []));
    return;
  }
  updateMember(member, req);
  member.awaitingJoin = true;
  member.awaitingSync = false;
  if (g.state === 'Stable' && unchanged)
    prepareRebalance(state, g, `leader ${member.memberId} re-joining group during Stable`);
  else if (g.state !== 'PreparingRebalance')
    prepareRebalance(state, g, `updating metadata for member ${member.memberId} during ${g.state}`);
  tryCompleteJoin(state, g);
}
