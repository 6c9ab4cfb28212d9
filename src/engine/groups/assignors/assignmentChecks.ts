import { topicOf, type PartitionKey } from './topicPartition';
import type { Assignment, AssignorMember } from './types';

interface Subscriber {
  readonly memberId: string;
  readonly topics: readonly string[];
}

/**
 * AbstractStickyAssignorTest.verifyValidityAndBalance as data: [] when the assignment is valid and balanced.
 * Valid: every partition goes to a member subscribed to its topic, and to one member only. Balanced: any two
 * members whose partition counts differ by more than one hold no partitions of a common topic (otherwise one could
 * have been moved).
 */
export function validityAndBalanceProblems(
  members: readonly Subscriber[],
  assignment: Readonly<Assignment>,
): string[] {
  const problems: string[] = [];
  const owner = new Map<PartitionKey, string>();
  for (const { memberId, topics } of members) {
    for (const tp of assignment[memberId] ?? []) {
      if (!topics.includes(topicOf(tp)))
        problems.push(`${tp} is assigned to ${memberId}, which does not subscribe to it`);
      const other = owner.get(tp);
      if (other !== undefined) problems.push(`${tp} is assigned to both ${other} and ${memberId}`);
      owner.set(tp, memberId);
    }
  }
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = assignment[members[i]?.memberId ?? ''] ?? [];
      const b = assignment[members[j]?.memberId ?? ''] ?? [];
      if (Math.abs(a.length - b.length) <= 1) continue;
      const topicsOfB = new Set(b.map(topicOf));
      const shared = [...new Set(a.map(topicOf))].filter((topic) => topicsOfB.has(topic));
      if (shared.length > 0) {
        problems.push(
          `${members[i]?.memberId} (${a.length}) and ${members[j]?.memberId} (${b.length}) share topics ${shared.join(', ')}: ` +
            'a partition could move to balance them',
        );
      }
    }
  }
  return problems;
}

/**
 * What a cooperative group does after a rebalance in which members must revoke partitions (KIP-429): each member
 * rejoins reporting what it now owns, and the group rebalances again, until nobody revokes anything. Also checks
 * the cooperative rule that no partition is revoked and handed to someone else in the same rebalance.
 * Returns every assignment, the first one included.
 */
export function rebalanceUntilNoRevocations(
  members: readonly AssignorMember[],
  first: Readonly<Assignment>,
  assign: (members: readonly AssignorMember[]) => Assignment,
  generation: number,
  maxRebalances = 4,
): Assignment[] {
  const history: Assignment[] = [{ ...first }];
  let current: readonly AssignorMember[] = members;
  let assignment: Readonly<Assignment> = first;
  for (let round = 0; ; round++) {
    const revoked = new Set<PartitionKey>();
    const added = new Set<PartitionKey>();
    for (const member of current) {
      const assigned = new Set(assignment[member.memberId] ?? []);
      const owned = new Set(member.ownedPartitions ?? []);
      for (const tp of owned) if (!assigned.has(tp)) revoked.add(tp);
      for (const tp of assigned) if (!owned.has(tp)) added.add(tp);
    }
    const both = [...added].filter((tp) => revoked.has(tp));
    if (both.length > 0) throw new Error(`Revoked and reassigned in the same rebalance: ${both.join(', ')}`);
    if (revoked.size === 0) return history;
    if (round >= maxRebalances) throw new Error(`Still revoking after ${maxRebalances} follow-up rebalances`);
    current = current.map((member) => ({
      ...member,
      ownedPartitions: assignment[member.memberId] ?? [],
      generation,
    }));
    assignment = assign(current);
    history.push({ ...assignment });
  }
}
