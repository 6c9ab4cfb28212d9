/*
 * Shared by the sticky *.test.ts files only: runs one rebalance the way Kafka's AbstractStickyAssignorTest does.
 * For cooperative-sticky, Kafka's verifyValidityAndBalance also runs the follow-up rebalances (members reporting
 * what they now own, generation 1) and leaves the FINAL assignment in the variable its assertions then read.
 */
import { rebalanceUntilNoRevocations, validityAndBalanceProblems } from './assignmentChecks';
import { abstractStickyAssign, assignPartitions } from './index';
import { normalizeMembers, subscribedPartitionCounts, topicPartitionCounts } from './input';
import type { Assignment, AssignorMember } from './types';

/** AbstractStickyAssignorTest.generationId. */
export const GENERATION_ID = 1;

export type StickyAssignorName = 'sticky' | 'cooperative-sticky';

export interface KafkaStep {
  /** What the assignor returned for this rebalance. */
  readonly first: Assignment;
  /** After the cooperative follow-up rebalances (the same as `first` for eager sticky). */
  readonly final: Assignment;
  /** AbstractStickyAssignor.partitionsTransferringOwnership after this rebalance (null on the general path). */
  readonly transferring: Record<string, string> | null;
  readonly problems: readonly string[];
}

export function kafkaStep(
  assignor: StickyAssignorName,
  topics: Record<string, number>,
  members: readonly AssignorMember[],
): KafkaStep {
  const assign = (ms: readonly AssignorMember[]): Assignment =>
    assignPartitions({ assignor, topics, members: ms });
  const counts = topicPartitionCounts(topics);
  const normalized = normalizeMembers(members, counts);
  const transferring = abstractStickyAssign(
    normalized,
    subscribedPartitionCounts(normalized, counts),
  ).partitionsTransferringOwnership;
  const first = assign(members);
  const history =
    assignor === 'cooperative-sticky'
      ? rebalanceUntilNoRevocations(members, first, assign, GENERATION_ID)
      : [first];
  const final = history[history.length - 1] ?? first;
  return {
    first,
    final,
    transferring: transferring === null ? null : Object.fromEntries(transferring),
    problems: validityAndBalanceProblems(members, final),
  };
}

/** The first cooperative round: Kafka's eager result minus the partitions it reports as changing owner. */
export function withheld(
  expected: Readonly<Assignment>,
  transferring: Readonly<Record<string, string>>,
): Assignment {
  return Object.fromEntries(
    Object.entries(expected).map(([member, partitions]) => [
      member,
      partitions.filter((tp) => transferring[tp] !== member),
    ]),
  );
}

export const sortedLists = (assignment: Readonly<Assignment>): Assignment =>
  Object.fromEntries(
    Object.entries(assignment).map(([member, partitions]) => [member, [...partitions].sort()]),
  );

/** Subscription(topics) without owned partitions: DEFAULT_GENERATION. */
export const sub = (memberId: string, topics: string[]): AssignorMember => ({ memberId, topics });

/** buildSubscriptionV2Above(topics, partitions, generation). */
export const owning = (
  memberId: string,
  topics: string[],
  ownedPartitions: string[],
  generation: number,
): AssignorMember => ({ memberId, topics, ownedPartitions, generation });
