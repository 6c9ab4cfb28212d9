// A KIP-848 consumer group as a whole, coordinator side (ConsumerGroup and the group epoch): a membership or
// subscription change bumps the group epoch and the server-side assignor (uniform or range) computes the
// new target assignment at once; the group's state follows from its epochs and its members'.
import type { SimState } from '../types';
import type { GroupMember, GroupState } from './types';
import { assignPartitions } from './assignors/index';
import { javaStringCompare } from './assignors/javaOrder';
import { emit } from '../sim/events';
import { isReconciledTo } from './currentAssignment';

/** A membership change: new group epoch, and the server-side assignor computes the target at once. */
export function bumpGroupEpoch(
  state: SimState,
  g: GroupState,
  assignor: 'uniform' | 'range',
  why: string,
): void {
  g.generation++;
  g.protocolName = assignor;
  const topics = subscribedPartitions(state, g);
  g.subscriptionMetadata = topics;
  const memberIds = Object.keys(g.members).sort(javaStringCompare);
  const target =
    memberIds.length === 0
      ? {}
      : assignPartitions({
          protocol: 'consumer',
          assignor,
          topics,
          members: memberIds.map((id) => ({
            memberId: id,
            groupInstanceId: g.members[id]!.groupInstanceId,
            topics: g.topics,
            ownedPartitions: g.members[id]!.target,
          })),
        });
  for (const id of memberIds) g.members[id]!.target = target[id] ?? [];
  g.targetAssignmentEpoch = g.generation;
  emit(
    state,
    'groupEpochBumped',
    `Group ${g.groupId}: ${why}; group epoch ${g.generation}, the ${assignor} assignor set a new target assignment. Members reconcile one by one, without stopping the group.`,
  );
}

function subscribedPartitions(state: SimState, g: GroupState): Record<string, number> {
  const topics: Record<string, number> = {};
  for (const t of g.topics) topics[t] = state.topics[t]?.partitions ?? 0;
  return topics;
}

/**
 * GroupMetadataManager.consumerGroupHeartbeat after a metadata change (onNewMetadataImage requests a refresh
 * of every group subscribed to a changed topic): the first heartbeat after it finds the subscribed topics'
 * partitions changed, bumps the group epoch and computes a new target that includes them. Returns what
 * changed, or null.
 */
export function subscriptionChange(state: SimState, g: GroupState): string | null {
  const now = subscribedPartitions(state, g);
  const changed = g.topics.filter((t) => now[t] !== g.subscriptionMetadata[t]);
  if (changed.length === 0) return null;
  return changed.map((t) => `topic ${t} now has ${now[t]} partitions`).join(', ');
}

/** ConsumerGroup.maybeUpdateGroupState. */
export function updateGroupState(state: SimState, g: GroupState): void {
  const members = Object.values(g.members);
  const next =
    members.length === 0
      ? 'Empty'
      : g.generation > g.targetAssignmentEpoch
        ? 'Assigning'
        : members.some((m) => !isReconciledTo(m, g.targetAssignmentEpoch))
          ? 'Reconciling'
          : 'Stable';
  if (next === g.state) return;
  g.state = next;
  if (next === 'Stable')
    emit(
      state,
      'groupStable',
      `Group ${g.groupId} is Stable at epoch ${g.generation}: every member owns its target assignment.`,
    );
}

export function removeConsumerMember(state: SimState, g: GroupState, member: GroupMember, why: string): void {
  delete g.members[member.memberId];
  g.memberOrder = g.memberOrder.filter((id) => id !== member.memberId);
  emit(
    state,
    'memberRemoved',
    `The coordinator removed ${member.consumerId} (${member.memberId}) from group ${g.groupId}: ${why}.`,
  );
  bumpGroupEpoch(
    state,
    g,
    (g.protocolName as 'uniform' | 'range' | null) ?? 'uniform',
    `${member.consumerId} left`,
  );
  updateGroupState(state, g);
}
