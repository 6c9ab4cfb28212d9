// When a KIP-848 consumer sends its ConsumerGroupHeartbeat (ConsumerHeartbeatRequestManager and its
// HeartbeatRequestState). The heartbeat timer "tracks the time since the last heartbeat was sent": every
// heartbeat restarts it at the interval of the coordinator's last answer (0 before the first answer, which
// starts it). A heartbeat goes out once the timer has expired and "there is no request in-flight", so a
// member never has two unanswered, and one answered after the interval is followed by the next at once.
// Joining and acknowledging a reconciliation heartbeat without waiting for the interval, but not while one
// is in flight either (shouldHeartbeatNow); only a leave goes regardless, and its answer is not awaited.
import type { SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { schedule } from '../sim/timers';
import { JOIN_GROUP_MEMBER_EPOCH, leaveGroupEpoch } from '../groups/memberEpochs';
import { sendToCoordinator } from './toCoordinator';

/**
 * The consumer's request.timeout.ms and retry.backoff.ms defaults. The coordinator here always answers,
 * so a heartbeat times out only if its answer was lost; it is then sent again after the backoff.
 */
const REQUEST_TIMEOUT_MS = 30_000;
const RETRY_BACKOFF_MS = 100;

function send(state: SimState, consumer: ConsumerState, memberEpoch: number): void {
  sendToCoordinator(state, consumer, {
    kind: 'ConsumerGroupHeartbeatRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    memberEpoch,
    groupInstanceId: consumer.groupInstanceId,
    subscribedTopics: state.groups[consumer.groupId]!.topics,
    ownedPartitions: [...consumer.assigned],
    serverAssignor: consumer.config['group.remote.assignor'],
  });
}

function armHeartbeatTimer(state: SimState, consumer: ConsumerState, atMs: number): void {
  consumer.nextHeartbeatMs = atMs;
  // A timer already expired needs no event: the answer to the heartbeat in flight sends the next one.
  if (atMs > state.nowMs)
    schedule(state, atMs, { kind: 'consumerGroupHeartbeat', consumerId: consumer.id, token: consumer.token });
}

/** Member epoch 0 until the coordinator has answered the join (generation -1), then the member's epoch. */
function sendHeartbeat(state: SimState, consumer: ConsumerState): void {
  send(state, consumer, consumer.generation >= 0 ? consumer.generation : JOIN_GROUP_MEMBER_EPOCH);
  consumer.heartbeatInFlightSinceMs = state.nowMs;
  armHeartbeatTimer(state, consumer, state.nowMs + consumer.heartbeatIntervalMs);
}

/**
 * shouldHeartbeatNow (joining, acknowledging): at once, or as soon as the heartbeat in flight is answered.
 * A member that left on a poll timeout sends nothing until it joins again (STALE skips heartbeats).
 */
export function heartbeatNow(state: SimState, consumer: ConsumerState): void {
  if (consumer.phase === 'left') return;
  if (consumer.heartbeatInFlightSinceMs < 0) sendHeartbeat(state, consumer);
  else consumer.nextHeartbeatMs = Math.min(consumer.nextHeartbeatMs, state.nowMs);
}

/**
 * The last heartbeat, with member epoch -1, or -2 from a static member: it goes even with one in flight,
 * and its answer is ignored, so nothing is in flight afterwards (heartbeatRequestState.reset()).
 */
export function sendLeaveHeartbeat(state: SimState, consumer: ConsumerState): void {
  send(state, consumer, leaveGroupEpoch(consumer.groupInstanceId));
  consumer.heartbeatInFlightSinceMs = -1;
  consumer.nextHeartbeatMs = -1;
}

/** The heartbeat timer expired: heartbeat, unless one is in flight (its answer will) or the member left. */
export function onConsumerGroupHeartbeatTimer(
  state: SimState,
  consumerId: string,
  token: number,
  atMs: number,
): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token) return;
  // A timer left behind when a later heartbeat restarted the interval.
  if (consumer.nextHeartbeatMs !== atMs) return;
  if (consumer.phase === 'left' || consumer.heartbeatInFlightSinceMs >= 0) return;
  sendHeartbeat(state, consumer);
}

/**
 * An answer came, so nothing is in flight. A successful one carries the heartbeat interval: when it differs
 * from the one the member had (0 before the first answer), the timer restarts from now
 * (updateHeartbeatIntervalMs).
 */
export function onHeartbeatAnswered(
  state: SimState,
  consumer: ConsumerState,
  intervalMs: number | null,
): void {
  consumer.heartbeatInFlightSinceMs = -1;
  if (intervalMs === null || intervalMs === consumer.heartbeatIntervalMs) return;
  consumer.heartbeatIntervalMs = intervalMs;
  armHeartbeatTimer(state, consumer, state.nowMs + intervalMs);
}

/** After an answer is handled: a timer that expired while the heartbeat was in flight sends the next now. */
export function heartbeatIfDue(state: SimState, consumer: ConsumerState): void {
  if (consumer.status !== 'running' || consumer.phase === 'left') return;
  if (consumer.heartbeatInFlightSinceMs < 0 && consumer.nextHeartbeatMs <= state.nowMs)
    sendHeartbeat(state, consumer);
}

/**
 * Checked at each tick of the heartbeat thread: a heartbeat unanswered for request.timeout.ms has failed
 * (onFailure), and the next one goes after retry.backoff.ms.
 */
export function expireHeartbeatRequest(state: SimState, consumer: ConsumerState): void {
  const since = consumer.heartbeatInFlightSinceMs;
  if (since < 0 || state.nowMs - since < REQUEST_TIMEOUT_MS) return;
  consumer.heartbeatInFlightSinceMs = -1;
  armHeartbeatTimer(state, consumer, state.nowMs + RETRY_BACKOFF_MS);
}

/** A new process (KafkaConsumer) starts with nothing in flight and no interval yet. */
export function resetHeartbeatRequestState(consumer: ConsumerState): void {
  consumer.heartbeatInFlightSinceMs = -1;
  consumer.nextHeartbeatMs = -1;
  consumer.heartbeatIntervalMs = 0;
}
