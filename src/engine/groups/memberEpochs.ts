// The member epochs with a meaning of their own in a ConsumerGroupHeartbeat request (KIP-848), by the names
// of ConsumerGroupHeartbeatRequest's constants.

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
