// The member epochs with a meaning of their own in a ConsumerGroupHeartbeat request (KIP-848), by the names
// of ConsumerGroupHeartbeatRequest's constants, and which epochs the coordinator accepts from a member.
import type { GroupMember } from './types';

/** A member joins, or rejoins after losing its membership. */
export const JOIN_GROUP_MEMBER_EPOCH = 0;
/** A member leaves for good: the coordinator fences it and reassigns its partitions at once. */
export const LEAVE_GROUP_MEMBER_EPOCH = -1;
/**
 * A static member (group.instance.id) leaves for a while: the coordinator keeps it, with its assignment,
 * until its session times out, so that the same instance can come back without moving a partition.
 */
export const LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;

/** ConsumerMembershipManager.leaveGroupEpoch: the epoch of the last heartbeat, on close or poll timeout. */
export function leaveGroupEpoch(groupInstanceId: string | null): number {
  return groupInstanceId ? LEAVE_GROUP_STATIC_MEMBER_EPOCH : LEAVE_GROUP_MEMBER_EPOCH;
}

/**
 * GroupMetadataManager.throwIfConsumerGroupMemberEpochIsInvalid: an epoch above the member's is fenced. One
 * below it is accepted only if it is the member's previous epoch and every partition the heartbeat reports
 * is still assigned to the member, since the answer that bumped the epoch may not have reached it yet (a
 * heartbeat sent as the member acknowledged a revocation crosses that answer); otherwise it is fenced.
 */
export function memberEpochIsValid(
  member: GroupMember,
  receivedMemberEpoch: number,
  ownedPartitions: readonly string[],
): boolean {
  if (receivedMemberEpoch > member.memberEpoch) return false;
  if (receivedMemberEpoch === member.memberEpoch) return true;
  return (
    receivedMemberEpoch === member.previousMemberEpoch &&
    ownedPartitions.every((p) => member.assignment.includes(p))
  );
}
