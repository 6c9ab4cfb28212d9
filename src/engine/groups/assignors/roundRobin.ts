import { javaStringCompare } from './javaOrder';
import { sortMembers } from './memberOrder';
import { partitionKey, type PartitionKey } from './topicPartition';
import type { NormalizedMember } from './input';

/**
 * Client RoundRobinAssignor (name "roundrobin"): every partition of every subscribed topic, topics in name order,
 * dealt to the members (static first, MemberInfo order) through a circular iterator that skips members not
 * subscribed to the partition's topic. Output order is Kafka's: the order partitions were dealt.
 */
export function roundRobinAssign(
  members: readonly NormalizedMember[],
  counts: ReadonlyMap<string, number>,
): Map<string, PartitionKey[]> {
  const assignment = new Map<string, PartitionKey[]>(members.map((m) => [m.memberId, []]));
  const circle = sortMembers(members);
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort(javaStringCompare);
  let next = 0;
  for (const topic of topics) {
    const count = counts.get(topic) ?? 0;
    for (let p = 0; p < count; p++) {
      // Some member subscribes to `topic` (it came from a subscription), so this loop ends.
      while (!circle[next]?.topics.includes(topic)) next = (next + 1) % circle.length;
      const owner = circle[next];
      if (owner !== undefined) assignment.get(owner.memberId)?.push(partitionKey(topic, p));
      next = (next + 1) % circle.length;
    }
  }
  return assignment;
}
