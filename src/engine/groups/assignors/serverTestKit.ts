/*
 * Shared by the KIP-848 (server-side) assignor *.test.ts files only: builds the GroupSpec Kafka's tests build, with
 * the subscription type they pass explicitly, and reads results the way AssignmentTestUtil.assertAssignment does
 * (each member's partitions as a set).
 */
import { consumerGroupSpec, type GroupSpec } from './consumerGroupSpec';
import { normalizeMembers, toAssignment, topicPartitionCounts } from './input';
import type { Assignment, AssignorMember } from './types';

export const member = (
  memberId: string,
  topics: string[],
  ownedPartitions: string[] = [],
  groupInstanceId?: string,
): AssignorMember =>
  groupInstanceId === undefined
    ? { memberId, topics, ownedPartitions }
    : { memberId, topics, ownedPartitions, groupInstanceId };

export function groupSpec(
  topics: Record<string, number>,
  members: readonly AssignorMember[],
  subscriptionType: 'HOMOGENEOUS' | 'HETEROGENEOUS',
): GroupSpec {
  const counts = topicPartitionCounts(topics);
  return {
    ...consumerGroupSpec(normalizeMembers(members, counts), counts),
    homogeneous: subscriptionType === 'HOMOGENEOUS',
  };
}

export function asAssignment(spec: GroupSpec, result: ReadonlyMap<string, readonly string[]>): Assignment {
  return toAssignment(
    spec.members.map((m) => m.memberId),
    (id) => result.get(id),
  );
}

export const asSets = (assignment: Readonly<Assignment>): Assignment =>
  Object.fromEntries(Object.entries(assignment).map(([id, partitions]) => [id, [...partitions].sort()]));

/** mkTopicAssignment(topic, partitions...) spread into partition keys. */
export const tps = (topic: string, ...partitions: number[]): string[] =>
  partitions.map((p) => `${topic}-${p}`);
