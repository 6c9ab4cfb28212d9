import { parsePartitionKey, partitionKey, type PartitionKey } from './topicPartition';
import type { AssignorMember } from './types';

/** A member after validation: topics de-duplicated, owned partitions canonical and pointing at real partitions. */
export interface NormalizedMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly topics: readonly string[];
  readonly ownedPartitions: readonly PartitionKey[];
  readonly generation: number | undefined;
}

export function topicPartitionCounts(topics: Readonly<Record<string, number>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [topic, count] of Object.entries(topics)) {
    if (!Number.isInteger(count) || count < 0) {
      throw new Error(
        `Topic "${topic}" has ${String(count)} partitions; a partition count is a whole number >= 0`,
      );
    }
    counts.set(topic, count);
  }
  return counts;
}

/**
 * Partition counts never shrink in Kafka, so an owned partition beyond a topic's count cannot occur there; we drop
 * it rather than let it reach an assignor that would index past the topic. Claims on topics that no longer exist are
 * kept: each assignor decides about those, as Kafka's do.
 */
function ownedPartitionsOf(member: AssignorMember, counts: ReadonlyMap<string, number>): PartitionKey[] {
  const owned: PartitionKey[] = [];
  for (const key of member.ownedPartitions ?? []) {
    const { topic, partition } = parsePartitionKey(key);
    const count = counts.get(topic);
    if (count === undefined || partition < count) owned.push(partitionKey(topic, partition));
  }
  return owned;
}

export function normalizeMembers(
  members: readonly AssignorMember[],
  counts: ReadonlyMap<string, number>,
): NormalizedMember[] {
  const seen = new Set<string>();
  return members.map((member) => {
    if (seen.has(member.memberId))
      throw new Error(`Member "${member.memberId}" appears twice; member ids are unique`);
    seen.add(member.memberId);
    return {
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId ?? null,
      // A subscription is a set of topic names; the Java client sends it without duplicates.
      topics: [...new Set(member.topics)],
      ownedPartitions: ownedPartitionsOf(member, counts),
      generation: member.generation,
    };
  });
}

/**
 * AbstractPartitionAssignor.assign only hands an assignor the topics somebody subscribes to that exist with at
 * least one partition; unsubscribed and empty topics never reach it.
 */
export function subscribedPartitionCounts(
  members: readonly NormalizedMember[],
  counts: ReadonlyMap<string, number>,
): Map<string, number> {
  const subscribed = new Set(members.flatMap((member) => member.topics));
  const result = new Map<string, number>();
  for (const [topic, count] of counts) if (subscribed.has(topic) && count > 0) result.set(topic, count);
  return result;
}

/** Every member in the result, with [] when it gets nothing; built with fromEntries so "__proto__" is a plain key. */
export function toAssignment(
  memberIds: readonly string[],
  partitionsOf: (memberId: string) => readonly PartitionKey[] | undefined,
): Record<string, PartitionKey[]> {
  return Object.fromEntries(memberIds.map((id) => [id, [...(partitionsOf(id) ?? [])]]));
}
