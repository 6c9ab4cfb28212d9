// KIP-848's per-member reconciliation, coordinator side (CurrentAssignmentBuilder): how far a member may
// move towards its target assignment at each heartbeat. It first revokes, and a partition goes to its new
// owner only once the previous owner has released it.
import type { GroupMember, GroupState } from './types';

/**
 * CurrentAssignmentBuilder: a member first gives up what is no longer its target, staying at its member
 * epoch (UNREVOKED_PARTITIONS). Once it has nothing left to revoke it moves to the target epoch and gets
 * each target partition that no other member still holds; it is STABLE if that is its whole target, and
 * otherwise waits in UNRELEASED_PARTITIONS, taking the rest at later heartbeats as their owners release
 * them. `owned` is what the heartbeat says the member owns (its TopicPartitions): partitions it no longer
 * owns need no revocation (ownsRevokedPartitions), as with a static member that comes back, owning
 * nothing, to a target that changed while it was away.
 */
export function reconcile(g: GroupState, member: GroupMember, owned: readonly string[]): void {
  if (member.pendingRevocation.length > 0) return;
  // A STABLE member at the target epoch has nothing to reconcile, and its epochs stay as they are.
  const reconciled = isReconciledTo(member, g.targetAssignmentEpoch);
  const toRevoke = member.assignment.filter((p) => !member.target.includes(p));
  if (toRevoke.length > 0) {
    member.assignment = member.assignment.filter((p) => member.target.includes(p));
    if (toRevoke.some((p) => owned.includes(p))) {
      member.pendingRevocation = toRevoke;
      member.memberState = 'UNREVOKED_PARTITIONS';
      updateMemberEpoch(member, member.memberEpoch);
      return;
    }
  }
  const heldByOthers = new Set<string>();
  for (const other of Object.values(g.members)) {
    if (other === member) continue;
    for (const p of other.assignment) heldByOthers.add(p);
    for (const p of other.pendingRevocation) heldByOthers.add(p);
  }
  const free = member.target.filter((p) => !heldByOthers.has(p));
  member.assignment = [...new Set([...member.assignment, ...free])].sort();
  if (!reconciled) updateMemberEpoch(member, g.targetAssignmentEpoch);
  member.memberState = member.assignment.length === member.target.length ? 'STABLE' : 'UNRELEASED_PARTITIONS';
}

/**
 * ConsumerGroupMember.Builder.updateMemberEpoch, as CurrentAssignmentBuilder uses it at each step: the
 * epoch it had becomes its previous one, even when it stays (UNREVOKED_PARTITIONS).
 */
function updateMemberEpoch(member: GroupMember, memberEpoch: number): void {
  member.previousMemberEpoch = member.memberEpoch;
  member.memberEpoch = memberEpoch;
}

/** ConsumerGroupMember.isReconciledTo: STABLE, and at the target assignment's epoch. */
export function isReconciledTo(member: GroupMember, targetAssignmentEpoch: number): boolean {
  return member.memberState === 'STABLE' && member.memberEpoch === targetAssignmentEpoch;
}
