// The consumer's heartbeat thread (AbstractCoordinator.HeartbeatThread). It runs for the consumer's whole
// life and sends a classic member's heartbeats while it is in a group (a KIP-848 member's go on a timer of
// their own, heartbeatRequestManager); it also enforces max.poll.interval.ms, making a consumer stuck
// processing one batch leave its group. The poll
// timer restarts at every poll(): when the application finishes a batch and comes back for the next one,
// or is waiting in poll() when a fetch response comes (settleProcessed, poll).
import type { SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { emit } from '../sim/events';
import { schedule } from '../sim/timers';
import { pollTimeoutHow } from '../groups/departures';
import { rejoinIfMetadataChanged, sendHeartbeat } from './classicMember';
import { expireHeartbeatRequest } from './heartbeatRequestManager';
import { sendJoin, sendLeave, usesConsumerProtocol } from './groupProtocol';
import { settleProcessed } from './offsetCommit';
import { revoke } from './subscriptionState';

function heartbeatIntervalMs(state: SimState, consumer: ConsumerState): number {
  return usesConsumerProtocol(consumer)
    ? state.config.groupConsumerHeartbeatIntervalMs
    : consumer.config['heartbeat.interval.ms'];
}

export function scheduleHeartbeat(state: SimState, consumer: ConsumerState): void {
  schedule(state, state.nowMs + heartbeatIntervalMs(state, consumer), {
    kind: 'consumerHeartbeat',
    consumerId: consumer.id,
    token: consumer.token,
  });
}

export function onConsumerHeartbeatTimer(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token) return;
  // The batches finished by now each ended in a poll(), which reset the poll timer.
  settleProcessed(state, consumer);
  const stuckMs = state.nowMs - consumer.lastPollMs;
  if (
    consumer.phase !== 'left' &&
    consumer.busyUntilMs > state.nowMs &&
    stuckMs > consumer.config['max.poll.interval.ms']
  ) {
    leaveOnPollTimeout(state, consumer);
    emit(
      state,
      'pollTimeout',
      `Consumer ${consumerId} spent more than max.poll.interval.ms (${consumer.config['max.poll.interval.ms']} ms) processing one batch, so it left group ${consumer.groupId}${pollTimeoutHow(state, consumer)}`,
    );
    schedule(state, consumer.busyUntilMs, { kind: 'consumerRejoin', consumerId, token });
  }
  // A KIP-848 member heartbeats on its own timer (heartbeatRequestManager); here only a heartbeat left
  // unanswered too long is given up.
  if (usesConsumerProtocol(consumer)) {
    if (consumer.phase !== 'left') expireHeartbeatRequest(state, consumer);
  } else if (consumer.phase === 'stable' || consumer.phase === 'syncing') {
    sendHeartbeat(state, consumer);
    rejoinIfMetadataChanged(state, consumer);
  }
  scheduleHeartbeat(state, consumer);
}

/**
 * max.poll.interval.ms expired (AbstractCoordinator.handlePollTimeoutExpiry; KIP-848:
 * transitionToSendingLeaveGroup(true)): leave without committing. When poll() comes back the member is no
 * longer in an active group, so its commit fails and its partitions are lost (onPartitionsLost). A classic
 * member forgets its generation and member id as well (resetGenerationOnLeaveGroup), so a static one comes
 * back through the coordinator's static member replacement.
 */
function leaveOnPollTimeout(state: SimState, consumer: ConsumerState): void {
  revoke(state, consumer, consumer.assigned);
  sendLeave(state, consumer, 'consumer poll timeout has expired');
  consumer.phase = 'left';
  if (usesConsumerProtocol(consumer)) return;
  consumer.memberId = '';
  consumer.generation = -1;
}

/** After a poll timeout, the next poll() rejoins the group. */
export function onConsumerRejoin(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token || consumer.phase !== 'left')
    return;
  consumer.lastPollMs = state.nowMs;
  // A classic dynamic member joins as a new member; a KIP-848 consumer keeps its own id (KIP-1082).
  if (!usesConsumerProtocol(consumer) && !consumer.groupInstanceId) consumer.memberId = '';
  sendJoin(state, consumer);
}
