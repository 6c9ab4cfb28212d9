import { sortByTopicThenPartition, type PartitionKey } from './topicPartition';
import { uniformHeterogeneousAssign } from './uniformHeterogeneous';
import { uniformHomogeneousAssign } from './uniformHomogeneous';
import type { GroupSpec } from './consumerGroupSpec';

/**
 * UniformAssignor (name "uniform", the default of group.consumer.assignors): the homogeneous builder when every
 * member subscribes to the same topics, the heterogeneous one otherwise. Output: topic, then partition (Kafka's
 * result is a Map<Uuid, Set<Integer>> per member, which has no order).
 */
export function uniformAssign(spec: GroupSpec): Map<string, PartitionKey[]> {
  if (!spec.homogeneous) return uniformHeterogeneousAssign(spec);
  const assignment = uniformHomogeneousAssign(spec);
  for (const [memberId, partitions] of assignment)
    assignment.set(memberId, sortByTopicThenPartition(partitions));
  return assignment;
}
