import { javaStringCompare } from './javaOrder';
import { partitionOf, topicOf, type PartitionKey } from './topicPartition';
import type { NormalizedMember } from './input';

/** One member as a KIP-848 server-side assignor sees it (MemberSubscription + its current target assignment). */
export interface SpecMember {
  readonly memberId: string;
  readonly instanceId: string | null;
  /** subscribedTopicIds(): the coordinator resolves names against metadata, so only existing topics remain. */
  readonly subscribedTopics: ReadonlySet<string>;
  /** Topic -> partitions: topics in the order ownedPartitions first mention them, partitions ascending. */
  readonly assignment: ReadonlyMap<string, readonly number[]>;
}

/**
 * The parts of Kafka's GroupSpec and SubscribedTopicDescriber the assignors read. `topicOrder` (the input order of
 * `topics`) stands in for the iteration order of Java's HashSet<Uuid> of topic ids, and for Uuid order in ties.
 */
export interface GroupSpec {
  readonly members: readonly SpecMember[];
  readonly homogeneous: boolean;
  readonly partitionCounts: ReadonlyMap<string, number>;
  readonly topicOrder: readonly string[];
}

/**
 * The member's current target assignment as Kafka's Map<Uuid, Set<Integer>>: topics in the order the member's
 * ownedPartitions first mention them (Kafka's own tests pin this order with a LinkedHashMap; it decides which
 * partitions a member over its quota keeps), partitions ascending as a small HashSet<Integer> iterates. Topics that
 * no longer exist are dropped, as the coordinator drops unknown topic ids.
 */
function assignmentOf(
  member: NormalizedMember,
  partitionCounts: ReadonlyMap<string, number>,
): Map<string, number[]> {
  const byTopic = new Map<string, number[]>();
  for (const tp of new Set(member.ownedPartitions)) {
    if (!partitionCounts.has(topicOf(tp))) continue;
    const partitions = byTopic.get(topicOf(tp)) ?? [];
    partitions.push(partitionOf(tp));
    byTopic.set(topicOf(tp), partitions);
  }
  for (const partitions of byTopic.values()) partitions.sort((a, b) => a - b);
  return byTopic;
}

/** A target assignment never gives one partition to two members; such input cannot come from a coordinator. */
function rejectDoubleOwnership(members: readonly NormalizedMember[]): void {
  const owner = new Map<PartitionKey, string>();
  for (const member of members) {
    for (const tp of new Set(member.ownedPartitions)) {
      const other = owner.get(tp);
      if (other !== undefined) {
        throw new Error(
          `Partition ${tp} is in the target assignment of both ${other} and ${member.memberId}; with the consumer ` +
            'protocol ownedPartitions is the current target assignment, where each partition has at most one member',
        );
      }
      owner.set(tp, member.memberId);
    }
  }
}

/**
 * HOMOGENEOUS when every member subscribes to the same topic NAMES (ModernGroup.subscriptionType counts names,
 * existing or not). Members are listed by member id, as Kafka's assignor tests list them (a TreeMap); production
 * iterates a HashMap, whose order no simulator can reproduce without Kafka's generated member ids.
 */
export function consumerGroupSpec(
  members: readonly NormalizedMember[],
  partitionCounts: ReadonlyMap<string, number>,
): GroupSpec {
  rejectDoubleOwnership(members);
  const topicOrder = [...partitionCounts.keys()];
  const first = new Set(members[0]?.topics ?? []);
  const homogeneous = members.every(
    (m) => m.topics.length === first.size && m.topics.every((t) => first.has(t)),
  );
  const specMembers = [...members]
    .sort((a, b) => javaStringCompare(a.memberId, b.memberId))
    .map((member) => ({
      memberId: member.memberId,
      instanceId: member.groupInstanceId,
      subscribedTopics: new Set(member.topics.filter((topic) => partitionCounts.has(topic))),
      assignment: assignmentOf(member, partitionCounts),
    }));
  return { members: specMembers, homogeneous, partitionCounts, topicOrder };
}
