import { javaStringCompare } from './javaOrder';

export interface MemberIdentity {
  readonly memberId: string;
  readonly groupInstanceId?: string | null;
}

function instanceIdOf(member: MemberIdentity): string | null {
  return member.groupInstanceId ?? null;
}

/**
 * AbstractPartitionAssignor.MemberInfo.compareTo (and the server RangeAssignor.sortMemberIds): static members
 * first, ordered by group.instance.id, then dynamic members by member.id. Ordering static members by instance id
 * is what keeps their ranges stable across restarts, when they come back with a new member.id.
 */
export function compareMemberInfo(a: MemberIdentity, b: MemberIdentity): number {
  const instanceA = instanceIdOf(a);
  const instanceB = instanceIdOf(b);
  if (instanceA !== null && instanceB !== null) return javaStringCompare(instanceA, instanceB);
  if (instanceA !== null) return -1;
  if (instanceB !== null) return 1;
  return javaStringCompare(a.memberId, b.memberId);
}

export function sortMembers<M extends MemberIdentity>(members: readonly M[]): M[] {
  return [...members].sort(compareMemberInfo);
}
