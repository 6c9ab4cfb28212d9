import { buildConstrainedAssignment, type StickyResult } from './constrainedAssignmentBuilder';
import { buildGeneralAssignment } from './generalAssignmentBuilder';
import { javaHashMapKeyOrder } from './javaHashOrder';
import {
  DEFAULT_GENERATION,
  removeFirst,
  validateOwnership,
  type StickySubscription,
} from './stickyOwnership';
import type { NormalizedMember } from './input';
import type { PartitionKey } from './topicPartition';

export type { StickyResult } from './constrainedAssignmentBuilder';

/**
 * The subscriptions in the order Kafka's leader iterates its `new HashMap<String, Subscription>()`, filled in the
 * order the members are given (the JoinGroup response order).
 */
function stickySubscriptions(members: readonly NormalizedMember[]): StickySubscription[] {
  const byId = new Map(members.map((member) => [member.memberId, member]));
  return javaHashMapKeyOrder(byId.keys()).flatMap((memberId) => {
    const member = byId.get(memberId);
    if (member === undefined) return [];
    const { topics, ownedPartitions, generation = DEFAULT_GENERATION } = member;
    return [{ memberId, topics, ownedPartitions, generation }];
  });
}

/**
 * AbstractStickyAssignor.assignPartitions without rack awareness: the eager `sticky` result, plus the partitions
 * moving between members (null on the general path, as in Kafka). `partitionsPerTopic` holds only subscribed,
 * existing topics with partitions. Output order is Kafka's list order (kept partitions first), which its tests assert.
 */
export function abstractStickyAssign(
  members: readonly NormalizedMember[],
  partitionsPerTopic: ReadonlyMap<string, number>,
): StickyResult {
  if (members.length === 0) return { assignment: new Map(), partitionsTransferringOwnership: new Map() };
  const subscriptions = stickySubscriptions(members);
  const validation = validateOwnership(subscriptions, new Set(partitionsPerTopic.keys()));
  if (validation.allSubscriptionsEqual) {
    return buildConstrainedAssignment(
      partitionsPerTopic,
      validation.consumerToOwnedPartitions,
      validation.partitionsWithMultiplePreviousOwners,
    );
  }
  const assignment = buildGeneralAssignment(
    partitionsPerTopic,
    subscriptions,
    validation.consumerToOwnedPartitions,
    validation.maxGeneration,
  );
  return { assignment, partitionsTransferringOwnership: null };
}

/** StickyAssignor (name "sticky", eager): owned partitions and generation travel in its userData. */
export function stickyAssign(
  members: readonly NormalizedMember[],
  partitionsPerTopic: ReadonlyMap<string, number>,
): Map<string, PartitionKey[]> {
  return abstractStickyAssign(members, partitionsPerTopic).assignment;
}

/**
 * CooperativeStickyAssignor.computePartitionsTransferringOwnership, for the general path: partitions newly
 * assigned to one member that another member reported owning (raw claims, valid or not).
 */
function computePartitionsTransferringOwnership(
  members: readonly NormalizedMember[],
  assignment: ReadonlyMap<string, readonly PartitionKey[]>,
): Map<PartitionKey, string> {
  const added = new Map<PartitionKey, string>();
  const revoked = new Set<PartitionKey>();
  for (const member of members) {
    const owned = new Set(member.ownedPartitions);
    const assigned = assignment.get(member.memberId) ?? [];
    for (const tp of assigned) if (!owned.has(tp)) added.set(tp, member.memberId);
    const assignedSet = new Set(assigned);
    for (const tp of member.ownedPartitions) if (!assignedSet.has(tp)) revoked.add(tp);
  }
  return new Map([...added].filter(([tp]) => revoked.has(tp)));
}

/**
 * CooperativeStickyAssignor (name "cooperative-sticky"): the sticky result minus every partition that changes
 * owner. Its old owner revokes it after this rebalance and rejoins; the follow-up rebalance hands it over.
 */
export function cooperativeStickyAssign(
  members: readonly NormalizedMember[],
  partitionsPerTopic: ReadonlyMap<string, number>,
): Map<string, PartitionKey[]> {
  const { assignment, partitionsTransferringOwnership } = abstractStickyAssign(members, partitionsPerTopic);
  const transferring =
    partitionsTransferringOwnership ?? computePartitionsTransferringOwnership(members, assignment);
  for (const [tp, newOwner] of transferring) removeFirst(assignment.get(newOwner) ?? [], tp);
  return assignment;
}
