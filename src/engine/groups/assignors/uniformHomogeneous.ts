import { partitionKey, type PartitionKey } from './topicPartition';
import type { GroupSpec, SpecMember } from './consumerGroupSpec';

interface MemberWithRemainingQuota {
  readonly memberId: string;
  remainingQuota: number;
}

/**
 * UniformHomogeneousAssignmentBuilder (Kafka 4.x, without rack awareness), for groups whose members all subscribe
 * to the same topics. Each member keeps its current partitions up to its quota (minQuota, or minQuota + 1 while
 * `total % members` extra slots remain and it already holds more than minQuota); the excess and all unassigned
 * partitions are handed out in order to members with room, the spare extra slots going to the LAST unfilled
 * members. Returns member -> kept partitions followed by new ones.
 */
export function uniformHomogeneousAssign(spec: GroupSpec): Map<string, PartitionKey[]> {
  const assignment = new Map<string, PartitionKey[]>(spec.members.map((m) => [m.memberId, []]));
  const subscribed = spec.members[0]?.subscribedTopics ?? new Set<string>();
  if (subscribed.size === 0) return assignment;
  const topics = spec.topicOrder.filter((topic) => subscribed.has(topic));

  const alreadyAssigned = new Set(
    spec.members.flatMap((m) =>
      [...m.assignment].flatMap(([topic, ps]) => ps.map((p) => partitionKey(topic, p))),
    ),
  );
  const unassigned: PartitionKey[] = [];
  let total = 0;
  for (const topic of topics) {
    const count = spec.partitionCounts.get(topic) ?? 0;
    for (let p = 0; p < count; p++)
      if (!alreadyAssigned.has(partitionKey(topic, p))) unassigned.push(partitionKey(topic, p));
    total += count;
  }
  const minQuota = Math.floor(total / spec.members.length);
  const extras = { remaining: total % spec.members.length };
  const unfilled = spec.members.flatMap((member) => {
    const kept = revokeOverQuota(member, subscribed, minQuota, extras, unassigned);
    assignment.set(member.memberId, kept.partitions);
    return kept.unfilled === null ? [] : [kept.unfilled];
  });
  assignRemaining(unfilled, extras, unassigned, assignment);
  return assignment;
}

/** maybeRevokePartitions for one member: what it keeps, and whether it can still take partitions. */
function revokeOverQuota(
  member: SpecMember,
  subscribed: ReadonlySet<string>,
  minQuota: number,
  extras: { remaining: number },
  unassigned: PartitionKey[],
): { partitions: PartitionKey[]; unfilled: MemberWithRemainingQuota | null } {
  let quota = minQuota;
  let quotaHasExtraPartition = false;
  if (extras.remaining > 0) {
    quota++;
    quotaHasExtraPartition = true;
  }
  const partitions: PartitionKey[] = [];
  for (const [topic, owned] of member.assignment) {
    if (!subscribed.has(topic)) continue; // the whole topic is dropped, not handed out (nobody subscribes to it)
    for (const p of owned) {
      if (quota > 0) {
        quota--;
        partitions.push(partitionKey(topic, p));
      } else {
        unassigned.push(partitionKey(topic, p));
      }
    }
  }
  // A member that cannot fill its extra slot from what it owns gives the slot back for another member to claim.
  if (quota > 0 && quotaHasExtraPartition) {
    quota--;
    quotaHasExtraPartition = false;
  }
  if (quota === 0 && quotaHasExtraPartition) extras.remaining--;
  const canTakeMore = quota > 0 || (extras.remaining > 0 && !quotaHasExtraPartition);
  return { partitions, unfilled: canTakeMore ? { memberId: member.memberId, remainingQuota: quota } : null };
}

function assignRemaining(
  unfilled: MemberWithRemainingQuota[],
  extras: { remaining: number },
  unassigned: readonly PartitionKey[],
  assignment: Map<string, PartitionKey[]>,
): void {
  // The members at the end of the list take the extra partitions still unclaimed.
  for (let i = unfilled.length - 1; i >= 0; i--) {
    const member = unfilled[i];
    if (member === undefined) continue;
    if (extras.remaining > 0) {
      extras.remaining--;
      member.remainingQuota++;
    }
    if (member.remainingQuota === 0) unfilled.splice(i, 1);
  }
  let next = 0;
  for (const member of unfilled) {
    for (let i = 0; i < member.remainingQuota && next < unassigned.length; i++) {
      const tp = unassigned[next++];
      if (tp !== undefined) assignment.get(member.memberId)?.push(tp);
    }
  }
  if (next < unassigned.length)
    throw new Error('UniformHomogeneousAssignmentBuilder: partitions were left unassigned');
}
