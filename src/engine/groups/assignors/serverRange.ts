import { sortMembers } from './memberOrder';
import { rangesOf } from './range';
import { partitionKey, sortByTopicThenPartition, type PartitionKey } from './topicPartition';
import type { GroupSpec } from './consumerGroupSpec';

/**
 * The KIP-848 server-side RangeAssignor (group-coordinator .../assignor/RangeAssignor.java, name "range"). It is
 * stateless: the current target assignment is ignored. Members are sorted static-first (sortMemberIds) and each
 * topic is cut into contiguous ranges among its subscribers, so co-partitioned topics line up. In a homogeneous
 * group every topic counts all members; in a heterogeneous one, only its subscribers. Output: topic, then partition.
 */
export function serverRangeAssign(spec: GroupSpec): Map<string, PartitionKey[]> {
  const members = sortMembers(spec.members.map((m) => ({ ...m, groupInstanceId: m.instanceId })));
  const assignment = new Map<string, PartitionKey[]>(members.map((m) => [m.memberId, []]));
  // In a homogeneous group Kafka takes the topics of the first sorted member for everybody.
  const topicsOf = (member: (typeof members)[number]): ReadonlySet<string> =>
    spec.homogeneous ? (members[0]?.subscribedTopics ?? new Set()) : member.subscribedTopics;
  for (const topic of spec.topicOrder) {
    const subscribers = members.filter((member) => topicsOf(member).has(topic));
    if (subscribers.length === 0) continue;
    const ranges = rangesOf(spec.partitionCounts.get(topic) ?? 0, subscribers.length);
    subscribers.forEach((member, i) => {
      const range = ranges[i];
      for (let p = range?.start ?? 0; p < (range?.end ?? 0); p++)
        assignment.get(member.memberId)?.push(partitionKey(topic, p));
    });
  }
  for (const [memberId, partitions] of assignment)
    assignment.set(memberId, sortByTopicThenPartition(partitions));
  return assignment;
}
