// Which group protocol a consumer speaks (group.protocol), and joining, rejoining and leaving in it.
import type { SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { joinGroup, maybeLeaveGroup, onJoinPrepare } from './classicMember';
import { joinConsumerGroup } from './consumerMember';
import { heartbeatNow, sendLeaveHeartbeat } from './heartbeatRequestManager';

export const usesConsumerProtocol = (c: ConsumerState): boolean => c.config['group.protocol'] === 'consumer';

export function sendJoin(state: SimState, consumer: ConsumerState): void {
  if (usesConsumerProtocol(consumer)) joinConsumerGroup(state, consumer);
  else joinGroup(state, consumer);
}

/** Take part in a rebalance: classic members go through onJoinPrepare; KIP-848 members just heartbeat. */
export function rejoin(state: SimState, consumer: ConsumerState, why: string): void {
  if (consumer.status !== 'running' || consumer.phase === 'joining') return;
  if (usesConsumerProtocol(consumer)) heartbeatNow(state, consumer);
  else onJoinPrepare(state, consumer, why);
}

/**
 * How the coordinator hears of a leave: under KIP-848 a last heartbeat with member epoch -1, or -2 from a
 * static member, whose assignment it keeps until the session times out (leaveGroupEpoch). Under the classic
 * protocol LeaveGroup, from a dynamic member only (AbstractCoordinator.maybeLeaveGroup): a static member's
 * membership ends with session.timeout.ms.
 */
export function sendLeave(state: SimState, consumer: ConsumerState, reason: string): void {
  if (usesConsumerProtocol(consumer)) sendLeaveHeartbeat(state, consumer);
  else maybeLeaveGroup(state, consumer, reason);
}
