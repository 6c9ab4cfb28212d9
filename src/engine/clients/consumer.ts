// The consumer client (KafkaConsumer): starting, closing and stopping it, and routing what the coordinator
// answers. The work is done by the modules it names: classicMember (JoinGroup/SyncGroup, eager and
// cooperative rebalancing) and consumerMember (KIP-848's ConsumerGroupHeartbeat), groupProtocol (which of
// the two), heartbeatThread (heartbeats and max.poll.interval.ms), fetcher and fetchBuffer (fetching),
// poll (the application's poll loop), autoCommit and offsetCommit (what is committed, and when),
// subscriptionState (what it owns) and toCoordinator (its connection to the coordinator).
import type { Message, SimState } from '../types';
import type { ConsumerState, ConsumerStopReason, GroupMessageBody } from '../groups/types';
import { consumerNode } from '../sim/network';
import { stopFetchers } from '../cluster/fetchers';
import { resetAutoCommitTimer } from './autoCommit';
import { onHeartbeatResponse, onJoinResponse, onSyncResponse } from './classicMember';
import { onConsumerGroupHeartbeatResponse } from './consumerMember';
import { sendJoin, sendLeave, usesConsumerProtocol } from './groupProtocol';
import { scheduleHeartbeat } from './heartbeatThread';
import { resetHeartbeatRequestState } from './heartbeatRequestManager';
import { commitOwned } from './offsetCommit';
import { revoke } from './subscriptionState';
import { isForThisRun } from './toCoordinator';
import { randomUuid } from '../uuid';

// The simulation's timers and the cluster call these by the consumer's name.
export { onConsumerAutoCommit } from './autoCommit';
export { onConsumerCommitProcessed } from './offsetCommit';
export { onConsumerHeartbeatTimer, onConsumerRejoin } from './heartbeatThread';
export { onConsumerGroupHeartbeatTimer } from './heartbeatRequestManager';
export { consumerFetchOffset, onConsumerFetchResponse, restartConsumerFetchersFor } from './fetcher';
export { onConsumerPoll } from './poll';
export { rejoin } from './groupProtocol';

/** Start (or restart) a consumer: a fresh member joins; a static member comes back under its instance id. */
export function startConsumer(state: SimState, consumer: ConsumerState): void {
  consumer.status = 'running';
  consumer.stopReason = null;
  consumer.token++;
  consumer.connectionId++;
  // KIP-1082: a KIP-848 consumer draws its member id as it starts (a classic one gets it from JoinGroup).
  consumer.memberId = usesConsumerProtocol(consumer) ? randomUuid(state.rng.members) : '';
  consumer.generation = -1;
  resetHeartbeatRequestState(consumer);
  consumer.assigned = [];
  consumer.positions = {};
  consumer.fetchBuffer = [];
  consumer.consumedPositions = {};
  consumer.processing = [];
  consumer.lastPollMs = state.nowMs;
  consumer.busyUntilMs = state.nowMs;
  sendJoin(state, consumer);
  // The heartbeat thread runs for the consumer's whole life; it only sends while the member is in a group.
  scheduleHeartbeat(state, consumer);
  resetAutoCommitTimer(state, consumer);
}

/**
 * consumer.close() (ConsumerCoordinator.close): commit with enable.auto.commit, static member or not, give
 * up every partition, then leave.
 */
export function closeCoordinator(state: SimState, consumer: ConsumerState): void {
  if (consumer.config['enable.auto.commit']) commitOwned(state, consumer, consumer.assigned);
  revoke(state, consumer, consumer.assigned);
  sendLeave(state, consumer, 'the consumer is being closed');
}

/**
 * The process stops: nothing more is sent, so after a crash (no LeaveGroup, no commit) the coordinator
 * notices only when the session times out. A close has said its goodbyes first (closeCoordinator).
 */
export function stopConsumer(state: SimState, consumer: ConsumerState, reason: ConsumerStopReason): void {
  stopFetchers(state, consumerNode(consumer.id));
  consumer.status = 'stopped';
  consumer.stopReason = reason;
  consumer.token++;
  consumer.assigned = [];
  consumer.positions = {};
  // Fetched records poll() has not returned die with the process (FetchBuffer.close).
  consumer.fetchBuffer = [];
  consumer.consumedPositions = {};
  consumer.processing = [];
}

export function onGroupMessage(state: SimState, message: Message): void {
  const consumer = state.consumers[message.to.slice(9)];
  if (!consumer || consumer.status !== 'running') return;
  const body = message.body as GroupMessageBody;
  if (!isForThisRun(consumer, body)) return;
  switch (body.kind) {
    case 'JoinGroupResponse':
      return onJoinResponse(state, consumer, body);
    case 'SyncGroupResponse':
      return onSyncResponse(state, consumer, body);
    case 'HeartbeatResponse':
      return onHeartbeatResponse(state, consumer, body);
    case 'ConsumerGroupHeartbeatResponse':
      return onConsumerGroupHeartbeatResponse(state, consumer, body);
    default:
      return;
  }
}
