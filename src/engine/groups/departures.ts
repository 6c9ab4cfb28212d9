// How a consumer leaves its group, and how that reads in Kafka's words. Under the classic protocol only a
// dynamic member sends LeaveGroup; a static one sends nothing and its partitions wait for it until
// session.timeout.ms (KIP-345), on close (which still commits) and on a poll timeout alike. Under KIP-848
// every leave is a ConsumerGroupHeartbeat: member epoch -1 for a dynamic member, whose partitions are
// reassigned at once, and -2 for a static one, whose assignment the coordinator keeps until
// group.consumer.session.timeout.ms. A crash sends nothing.
import type { SimState } from '../types';
import type { ConsumerState } from './types';

const kip848 = (c: ConsumerState): boolean => c.config['group.protocol'] === 'consumer';

export function closedHow(state: SimState, c: ConsumerState): string {
  const ms = state.config.groupConsumerSessionTimeoutMs;
  if (kip848(c))
    return c.groupInstanceId
      ? `. As static member ${c.groupInstanceId} (group.instance.id) its last ConsumerGroupHeartbeat carries member epoch -2: the coordinator keeps its partitions for it until group.consumer.session.timeout.ms (${ms} ms), and rejoining with the same group.instance.id before then takes them back.`
      : ': its last ConsumerGroupHeartbeat carries member epoch -1, so the coordinator bumps the group epoch and reassigns its partitions at once.';
  if (!c.groupInstanceId) return ' and sent LeaveGroup: the group rebalances at once.';
  // ConsumerCoordinator.close commits only as a member of a generation (not mid-join).
  const committed =
    c.config['enable.auto.commit'] && c.generation >= 0 ? ' It committed its position, but as' : ' As';
  return `.${committed} a static member (group.instance.id=${c.groupInstanceId}) it sends no LeaveGroup: its partitions wait for it until session.timeout.ms (${c.config['session.timeout.ms']} ms), and restarting before then takes them back without a rebalance.`;
}

/** After "… so it left group g": what the coordinator hears, and what becomes of its partitions. */
export function pollTimeoutHow(state: SimState, c: ConsumerState): string {
  const lost = 'its partitions are lost (not committed)';
  if (kip848(c))
    return c.groupInstanceId
      ? `: ${lost}, and its leave heartbeat carries member epoch -2, so the coordinator keeps them for static member ${c.groupInstanceId} until group.consumer.session.timeout.ms (${state.config.groupConsumerSessionTimeoutMs} ms): if its next poll() comes before then, it takes them back.`
      : `: ${lost}, and its leave heartbeat carries member epoch -1, so they are reassigned at once. It rejoins at its next poll().`;
  return c.groupInstanceId
    ? `: ${lost}. As static member ${c.groupInstanceId} (group.instance.id) it sends no LeaveGroup and stops heartbeating, so the coordinator keeps them for it until session.timeout.ms (${c.config['session.timeout.ms']} ms): if its next poll() comes before then, it gets them back without a rebalance.`
    : `: ${lost}, and it sent LeaveGroup, so the group rebalances at once. It rejoins as a new member at its next poll().`;
}

export function restartClosedHow(state: SimState, c: ConsumerState, previous: string | null): string {
  if (kip848(c))
    return previous
      ? ` It closed with member epoch -2 (it was static member ${previous}): the coordinator keeps that membership's partitions until group.consumer.session.timeout.ms (${state.config.groupConsumerSessionTimeoutMs} ms), then reassigns them.`
      : ' It closed with member epoch -1: the coordinator reassigns its partitions at once.';
  return previous
    ? ` It closed without LeaveGroup (it was static member ${previous}): that membership keeps its partitions until session.timeout.ms (${c.config['session.timeout.ms']} ms), then the group rebalances.`
    : ' It closed with LeaveGroup: the group rebalances at once.';
}

export function crashedHow(state: SimState, c: ConsumerState): string {
  if (!kip848(c))
    return `: no LeaveGroup, no commit. The coordinator notices after session.timeout.ms (${c.config['session.timeout.ms']} ms).`;
  const ms = state.config.groupConsumerSessionTimeoutMs;
  const notices = `: no leave heartbeat, no commit. The coordinator notices after group.consumer.session.timeout.ms (${ms} ms)`;
  // Only a member that left with epoch -2 can be replaced: GroupMetadataManager.throwIfInstanceIdIsUnreleased.
  return c.groupInstanceId
    ? `${notices}; until then its group.instance.id ${c.groupInstanceId} is still owned, and restarting with it fails with UNRELEASED_INSTANCE_ID.`
    : `${notices}.`;
}
