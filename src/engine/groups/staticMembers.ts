// Static membership under KIP-848, coordinator side (GroupMetadataManager). A static member that closes
// sends member epoch -2: the coordinator keeps it, with its assignment, until its session times out. The
// same group.instance.id joining again (member epoch 0) within that time replaces it under a new member
// id and takes over its assignment at the same group epoch, so no other member moves. A member that did
// not leave that way (it crashed) still owns its instance id: a join with it fails with
// UNRELEASED_INSTANCE_ID until the session timeout removes the old member.
import type { SimState } from '../types';
import type { GroupMember, GroupState } from './types';
import { emit } from '../sim/events';
import { JOIN_GROUP_MEMBER_EPOCH, LEAVE_GROUP_STATIC_MEMBER_EPOCH } from './memberEpochs';

/** ConsumerGroup.staticMember: the member that holds a group.instance.id. */
export function staticMember(g: GroupState, groupInstanceId: string): GroupMember | undefined {
  return Object.values(g.members).find((m) => m.groupInstanceId === groupInstanceId);
}

const partitionList = (partitions: string[]): string =>
  partitions.length > 0 ? partitions.join(', ') : 'no partitions';

/**
 * consumerGroupStaticMemberGroupLeave: the member stays, at epoch -2, and keeps what it owns. Partitions it
 * was still to revoke are released, as its new incarnation will not own them. Its session timer is not
 * reset, so it expires group.consumer.session.timeout.ms after the last real heartbeat.
 */
export function staticMemberLeave(state: SimState, g: GroupState, member: GroupMember): void {
  member.memberEpoch = LEAVE_GROUP_STATIC_MEMBER_EPOCH;
  member.pendingRevocation = [];
  emit(
    state,
    'staticMemberLeft',
    `Static member ${member.groupInstanceId} (${member.memberId}) temporarily left group ${g.groupId} (ConsumerGroupHeartbeat with member epoch -2). The coordinator keeps its assignment (${partitionList(member.assignment)}) for it until group.consumer.session.timeout.ms (${member.sessionTimeoutMs} ms) after its last heartbeat: nothing is reassigned meanwhile.`,
  );
}

/**
 * The departed static member's instance id joins again: a new member, under the member id the joining
 * consumer sent (a restarted process draws a new one; KIP-1082), takes over its current and target
 * assignment (GroupMetadataManager's static member replacement). The group epoch does not change, so the
 * other members are not touched.
 */
export function replaceStaticMember(
  state: SimState,
  g: GroupState,
  old: GroupMember,
  consumerId: string,
  memberId: string,
): GroupMember {
  const member: GroupMember = {
    ...old,
    memberId,
    consumerId,
    memberEpoch: JOIN_GROUP_MEMBER_EPOCH,
    assignment: [...old.assignment],
    target: [...old.target],
    pendingRevocation: [],
    previousMemberEpoch: -1,
    lastHeartbeatAtMs: state.nowMs,
  };
  delete g.members[old.memberId];
  g.members[memberId] = member;
  g.memberOrder = g.memberOrder.map((id) => (id === old.memberId ? memberId : id));
  emit(
    state,
    'staticMemberRejoined',
    `Static member ${old.groupInstanceId} (group.instance.id) re-joined group ${g.groupId} within group.consumer.session.timeout.ms: new member ${memberId} replaces ${old.memberId} and takes over its assignment (${partitionList(old.assignment)}) at group epoch ${g.generation}. No other member is affected.`,
  );
  return member;
}

/** The UNRELEASED_INSTANCE_ID error message of GroupMetadataManager.throwIfInstanceIdIsUnreleased. */
export function unreleasedInstanceIdMessage(
  memberId: string,
  groupInstanceId: string,
  owner: string,
): string {
  return `Static member ${memberId} with instance id ${groupInstanceId} cannot join the group because the instance id is owned by ${owner} member.`;
}
