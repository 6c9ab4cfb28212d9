import { sortMembers } from './memberOrder';
import { partitionKey, sortByTopicThenPartition, type PartitionKey } from './topicPartition';
import type { NormalizedMember } from './input';

/**
 * The contiguous ranges of one topic: the first `partitions % members` members take one extra partition. Shared
 * by the client RangeAssignor and the server-side (KIP-848) RangeAssignor, which compute the same split.
 */
export function rangesOf(partitionCount: number, memberCount: number): Array<{ start: number; end: number }> {
  const quota = Math.floor(partitionCount / memberCount);
  const withExtra = partitionCount % memberCount;
  const ranges: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < memberCount; i++) {
    const start = quota * i + Math.min(i, withExtra);
    ranges.push({ start, end: start + quota + (i < withExtra ? 1 : 0) });
  }
  return ranges;
}

/**
 * Client RangeAssignor (name "range"), without rack awareness: each topic is split on its own among the members
 * subscribed to it, sorted static-first (MemberInfo order). Topics missing from `counts` are skipped.
 * Output order: topic, then partition (Kafka's own lists follow HashMap topic order; its tests compare sets).
 */
export function rangeAssign(
  members: readonly NormalizedMember[],
  counts: ReadonlyMap<string, number>,
): Map<string, PartitionKey[]> {
  const assignment = new Map<string, PartitionKey[]>(members.map((m) => [m.memberId, []]));
  const subscribedTopics = new Set(members.flatMap((m) => m.topics));
  for (const topic of subscribedTopics) {
    const count = counts.get(topic);
    if (count === undefined) continue;
    const subscribers = sortMembers(members.filter((m) => m.topics.includes(topic)));
    rangesOf(count, subscribers.length).forEach(({ start, end }, i) => {
      const owner = assignment.get(subscribers[i]?.memberId ?? '');
      for (let p = start; p < end; p++) owner?.push(partitionKey(topic, p));
    });
  }
  for (const [memberId, partitions] of assignment)
    assignment.set(memberId, sortByTopicThenPartition(partitions));
  return assignment;
}
