import { consumerGroupSpec } from './consumerGroupSpec';
import { normalizeMembers, subscribedPartitionCounts, toAssignment, topicPartitionCounts } from './input';
import { rangeAssign } from './range';
import { roundRobinAssign } from './roundRobin';
import { serverRangeAssign } from './serverRange';
import { cooperativeStickyAssign, stickyAssign } from './sticky';
import { uniformAssign } from './uniform';
import type { AssignorName, AssignPartitionsInput, Assignment, GroupProtocol } from './types';
import type { PartitionKey } from './topicPartition';

export type { AssignorMember, AssignorName, AssignPartitionsInput, Assignment, GroupProtocol } from './types';
export type { PartitionKey } from './topicPartition';
export type { NormalizedMember } from './input';
export type { GroupSpec } from './consumerGroupSpec';
export type { StickyResult } from './sticky';

// Checks for engine invariants and tests: Kafka's own validity/balance rules and the cooperative follow-up loop.
export { isBalanced } from './balance';
export { rebalanceUntilNoRevocations, validityAndBalanceProblems } from './assignmentChecks';

// The assignors one by one. Classic ones take normalizeMembers(...) output; the sticky ones also want only the
// subscribed topics (subscribedPartitionCounts). Server-side ones take a consumerGroupSpec(...).
export { normalizeMembers, subscribedPartitionCounts, topicPartitionCounts } from './input';
export { rangeAssign } from './range';
export { roundRobinAssign } from './roundRobin';
export { abstractStickyAssign, cooperativeStickyAssign, stickyAssign } from './sticky';
export { consumerGroupSpec } from './consumerGroupSpec';
export { serverRangeAssign } from './serverRange';
export { uniformAssign } from './uniform';
export { uniformHomogeneousAssign } from './uniformHomogeneous';
export { uniformHeterogeneousAssign } from './uniformHeterogeneous';

const CLASSIC_ASSIGNORS: readonly AssignorName[] = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];
const CONSUMER_ASSIGNORS: readonly AssignorName[] = ['uniform', 'range'];

function rejectUnsupported(protocol: GroupProtocol, assignor: AssignorName): void {
  const valid = protocol === 'classic' ? CLASSIC_ASSIGNORS : CONSUMER_ASSIGNORS;
  if (valid.includes(assignor)) return;
  const where =
    protocol === 'classic'
      ? 'the classic protocol runs a client-side partition.assignment.strategy'
      : 'the consumer protocol (KIP-848) runs a server-side group.consumer.assignors entry';
  throw new Error(
    `Assignor "${assignor}" is not available with group.protocol=${protocol}: ${where}, one of ${valid.join(', ')}`,
  );
}

/**
 * What Kafka's assignor returns for one rebalance. Classic (default): the client-side range, roundrobin, sticky or
 * cooperative-sticky assignor run by the group leader; cooperative-sticky withholds partitions that change owner
 * until the follow-up rebalance. Consumer: the broker's uniform or range assignor computing the target assignment,
 * with `ownedPartitions` read as each member's current target assignment.
 */
export function assignPartitions(input: AssignPartitionsInput): Assignment {
  const protocol = input.protocol ?? 'classic';
  rejectUnsupported(protocol, input.assignor);
  const counts = topicPartitionCounts(input.topics);
  const members = normalizeMembers(input.members, counts);
  const memberIds = members.map((m) => m.memberId);
  if (members.length === 0) return {};

  let result: ReadonlyMap<string, PartitionKey[]>;
  if (protocol === 'consumer') {
    const spec = consumerGroupSpec(members, counts);
    result = input.assignor === 'uniform' ? uniformAssign(spec) : serverRangeAssign(spec);
  } else if (input.assignor === 'range') {
    result = rangeAssign(members, counts);
  } else if (input.assignor === 'roundrobin') {
    result = roundRobinAssign(members, counts);
  } else {
    const partitionsPerTopic = subscribedPartitionCounts(members, counts);
    result =
      input.assignor === 'sticky'
        ? stickyAssign(members, partitionsPerTopic)
        : cooperativeStickyAssign(members, partitionsPerTopic);
  }
  return toAssignment(memberIds, (id) => result.get(id));
}
