// The share consumer (KafkaShareConsumer): it heartbeats to the coordinator for its assignment, sends one
// ShareFetch at a time to each broker leading a partition it was assigned, and poll() hands the acquired
// records to the application. With share.acknowledgement.mode=implicit, the next poll() accepts the whole
// previous batch; with explicit, the application acknowledges each record itself: ACCEPT, or for a record
// it failed to process, RELEASE (deliver it again) or REJECT. Acknowledgements ride on the next ShareFetch
// to the partition's leader, or go in a ShareAcknowledge when no fetch is going there.
import type { Message, SimState } from '../types';
import type { AcknowledgeType, ShareConsumerState, ShareMessageBody } from './types';
import { COORDINATOR, brokerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { onConsumed } from '../audit/audit';
import { randomUuid } from '../uuid';

type FetchResponse = Extract<ShareMessageBody, { kind: 'ShareFetchResponse' }>;
type HeartbeatResponse = Extract<ShareMessageBody, { kind: 'ShareGroupHeartbeatResponse' }>;

export const shareNode = (consumerId: string): string => `share-${consumerId}`;

/** request.timeout.ms of the share consumer (Kafka's default). */
const REQUEST_TIMEOUT_MS = 30_000;

/** retry.backoff.ms after a ShareFetch that found no leader. */
const RETRY_BACKOFF_MS = 100;

/** A new run of the consumer's process: a new member id (KIP-1082), a join, and the poll loop. */
export function startShareConsumer(state: SimState, c: ShareConsumerState): void {
  c.status = 'running';
  c.stopReason = null;
  c.token++;
  c.memberId = randomUuid(state.rng.members);
  c.memberEpoch = 0;
  c.assigned = [];
  c.buffer = [];
  c.processing = [];
  c.pendingAcks = [];
  c.fetchingFrom = [];
  c.timeoutCheckAtMs = -1;
  c.heartbeatInFlight = false;
  c.busyUntilMs = state.nowMs;
  sendHeartbeat(state, c);
}

function sendHeartbeat(state: SimState, c: ShareConsumerState, memberEpoch = c.memberEpoch): void {
  const g = state.shareGroups[c.groupId]!;
  c.heartbeatInFlight = memberEpoch !== -1;
  send(state, shareNode(c.id), COORDINATOR, {
    kind: 'ShareGroupHeartbeatRequest',
    groupId: c.groupId,
    memberId: c.memberId,
    memberEpoch,
    subscribedTopics: g.topics,
    token: c.token,
  });
}

export function onShareHeartbeatTimer(state: SimState, consumerId: string, token: number): void {
  const c = state.shareConsumers[consumerId];
  if (!c || c.status !== 'running' || c.token !== token || c.heartbeatInFlight) return;
  sendHeartbeat(state, c);
}

export function onShareHeartbeatResponse(state: SimState, message: Message): void {
  const res = message.body as HeartbeatResponse;
  const c = state.shareConsumers[message.to.slice('share-'.length)];
  if (!c || c.status !== 'running' || c.token !== res.token) return;
  c.heartbeatInFlight = false;
  if (res.error) {
    // Fenced or forgotten: rejoin at once with epoch 0, keeping the member id.
    c.memberEpoch = 0;
    c.assigned = [];
    sendHeartbeat(state, c);
    return;
  }
  const gained = res.assignment.some((p) => !c.assigned.includes(p));
  c.memberEpoch = res.memberEpoch;
  c.assigned = res.assignment;
  schedule(state, state.nowMs + res.heartbeatIntervalMs, {
    kind: 'shareHeartbeat',
    consumerId: c.id,
    token: c.token,
  });
  if (gained) runPoll(state, c);
}

export function onSharePollTimer(state: SimState, consumerId: string, token: number): void {
  const c = state.shareConsumers[consumerId];
  if (!c || c.status !== 'running' || c.token !== token) return;
  runPoll(state, c);
}

/**
 * The application calls poll() once it is done with its batch: that batch is acknowledged, the next one
 * comes from the buffer, or, with nothing buffered, ShareFetches go out and poll() waits for records.
 */
function runPoll(state: SimState, c: ShareConsumerState): void {
  if (state.nowMs < c.busyUntilMs) return;
  finishBatch(state, c);
  const g = state.shareGroups[c.groupId]!;
  if (c.buffer.length > 0) {
    c.processing = c.buffer.splice(0, g.config['max.poll.records']);
    c.batchStartedAtMs = state.nowMs;
    c.busyUntilMs = state.nowMs + c.processing.length * c.processingTimeMs;
    schedule(state, c.busyUntilMs, { kind: 'sharePoll', consumerId: c.id, token: c.token });
    scheduleRenewal(state, c);
    return;
  }
  sendFetches(state, c);
}

/**
 * An application that renews its locks (explicit acknowledgement only, as KafkaShareConsumer requires)
 * does so every half share.record.lock.duration.ms while the batch lasts longer than that.
 */
function scheduleRenewal(state: SimState, c: ShareConsumerState): void {
  const g = state.shareGroups[c.groupId]!;
  if (!c.application.renewLocks || g.config['share.acknowledgement.mode'] !== 'explicit') return;
  const at = state.nowMs + Math.floor(g.config['share.record.lock.duration.ms'] / 2);
  if (at < c.busyUntilMs)
    schedule(state, at, {
      kind: 'shareRenew',
      consumerId: c.id,
      token: c.token,
      batchStartMs: c.batchStartedAtMs,
    });
}

export function onShareRenew(state: SimState, consumerId: string, token: number, batchStartMs: number): void {
  const c = state.shareConsumers[consumerId];
  if (!c || c.status !== 'running' || c.token !== token || c.batchStartedAtMs !== batchStartMs) return;
  if (state.nowMs >= c.busyUntilMs || c.processing.length === 0) return;
  for (const a of c.processing)
    c.pendingAcks.push({ partitionId: a.partitionId, offset: a.record.offset, type: 'RENEW' });
  flushAcks(state, c, false);
  scheduleRenewal(state, c);
}

/** The batch the application finished: count it, and queue its acknowledgements. */
function finishBatch(state: SimState, c: ShareConsumerState): void {
  if (c.processing.length === 0) return;
  const g = state.shareGroups[c.groupId]!;
  const explicit = g.config['share.acknowledgement.mode'] === 'explicit';
  for (const a of c.processing) {
    const failed = c.application.poisonKeys.includes(a.record.key ?? '\u0000null');
    const type: AcknowledgeType = explicit && failed ? c.application.onFailure : 'ACCEPT';
    c.pendingAcks.push({ partitionId: a.partitionId, offset: a.record.offset, type });
    if (type === 'ACCEPT') c.accepted++;
    else if (type === 'RELEASE') c.released++;
    else c.rejected++;
  }
  c.consumed += c.processing.length;
  onConsumed(
    state,
    c.groupId,
    c.processing.map((a) => a.record),
  );
  c.processing = [];
}

/** One ShareFetch per leader of the assigned partitions, carrying the acknowledgements for its partitions. */
function sendFetches(state: SimState, c: ShareConsumerState): void {
  const g = state.shareGroups[c.groupId]!;
  const byLeader = new Map<number, string[]>();
  for (const pid of c.assigned) {
    const leader = state.partitions[pid]?.leader ?? -1;
    if (leader < 0) continue;
    if (!byLeader.has(leader)) byLeader.set(leader, []);
    byLeader.get(leader)!.push(pid);
  }
  const leaderOf = (pid: string): number => state.partitions[pid]?.leader ?? -1;
  for (const [brokerId, partitions] of [...byLeader].sort((a, b) => a[0] - b[0])) {
    if (c.fetchingFrom.some((f) => f.brokerId === brokerId)) continue;
    const acknowledgements = c.pendingAcks.filter((a) => leaderOf(a.partitionId) === brokerId);
    c.pendingAcks = c.pendingAcks.filter((a) => leaderOf(a.partitionId) !== brokerId);
    c.fetchingFrom.push({ brokerId, sentAtMs: state.nowMs });
    armRequestTimeout(state, c);
    send(state, shareNode(c.id), brokerNode(brokerId), {
      kind: 'ShareFetchRequest',
      groupId: c.groupId,
      memberId: c.memberId,
      partitions,
      acknowledgements,
      maxRecords: g.config['max.poll.records'],
      maxWaitMs: g.config['fetch.max.wait.ms'],
      token: c.token,
    });
  }
  flushAcks(state, c, false);
  if (byLeader.size === 0 && c.assigned.length > 0)
    schedule(state, state.nowMs + RETRY_BACKOFF_MS, { kind: 'sharePoll', consumerId: c.id, token: c.token });
}

/** Acknowledgements no fetch carries (their partition is no longer fetched from that leader): ShareAcknowledge. */
function flushAcks(state: SimState, c: ShareConsumerState, closing: boolean): void {
  const byLeader = new Map<number, ShareConsumerState['pendingAcks']>();
  for (const a of c.pendingAcks) {
    const leader = state.partitions[a.partitionId]?.leader ?? -1;
    if (leader < 0) continue;
    if (!byLeader.has(leader)) byLeader.set(leader, []);
    byLeader.get(leader)!.push(a);
  }
  if (closing)
    for (const pid of c.assigned) {
      const leader = state.partitions[pid]?.leader ?? -1;
      if (leader >= 0 && !byLeader.has(leader)) byLeader.set(leader, []);
    }
  c.pendingAcks = [];
  for (const [brokerId, acknowledgements] of [...byLeader].sort((a, b) => a[0] - b[0]))
    send(state, shareNode(c.id), brokerNode(brokerId), {
      kind: 'ShareAcknowledgeRequest',
      groupId: c.groupId,
      memberId: c.memberId,
      acknowledgements,
      closing,
    });
}

export function onShareFetchResponse(state: SimState, message: Message): void {
  const res = message.body as FetchResponse;
  const c = state.shareConsumers[message.to.slice('share-'.length)];
  if (!c || c.status !== 'running' || c.token !== res.token) return;
  const brokerId = Number(message.from.slice('broker-'.length));
  c.fetchingFrom = c.fetchingFrom.filter((f) => f.brokerId !== brokerId);
  let failed = false;
  for (const r of res.responses) {
    if (r.error) failed = true;
    for (const a of r.acquired)
      c.buffer.push({ partitionId: r.partitionId, record: a.record, deliveryCount: a.deliveryCount });
  }
  if (failed) {
    schedule(state, state.nowMs + RETRY_BACKOFF_MS, { kind: 'sharePoll', consumerId: c.id, token: c.token });
    return;
  }
  runPoll(state, c);
}

/**
 * A ShareFetch or its response was dropped at a dead broker, or the broker died with the request parked:
 * the connection is refused or reset, so the consumer hears of it one hop later. (Behind a cut cable it
 * hears nothing: request.timeout.ms gives the request up.)
 */
export function onShareFetchDropped(state: SimState, message: Message): void {
  const request = message.body.kind === 'ShareFetchRequest';
  const consumerId = (request ? message.from : message.to).slice('share-'.length);
  const brokerId = Number((request ? message.to : message.from).slice('broker-'.length));
  disconnectFrom(state, consumerId, brokerId);
}

/** The broker's process died: share consumers with a ShareFetch there hear of it one hop later. */
export function disconnectFrom(state: SimState, consumerId: string, brokerId: number): void {
  const c = state.shareConsumers[consumerId];
  const f = c?.fetchingFrom.find((x) => x.brokerId === brokerId);
  if (!c || c.status !== 'running' || !f) return;
  schedule(state, state.nowMs + state.config.networkLatencyMs, {
    kind: 'shareFetchLost',
    consumerId,
    brokerId,
    sentAtMs: f.sentAtMs,
    token: c.token,
  });
}

/** request.timeout.ms: an answer that never comes (a broker cut off by the network) is given up. */
function armRequestTimeout(state: SimState, c: ShareConsumerState): void {
  if (c.timeoutCheckAtMs >= 0 || c.fetchingFrom.length === 0) return;
  const earliest = Math.min(...c.fetchingFrom.map((f) => f.sentAtMs));
  c.timeoutCheckAtMs = Math.max(state.nowMs, earliest + REQUEST_TIMEOUT_MS);
  schedule(state, c.timeoutCheckAtMs, { kind: 'shareRequestTimeout', consumerId: c.id, token: c.token });
}

export function onShareRequestTimeout(
  state: SimState,
  consumerId: string,
  token: number,
  atMs: number,
): void {
  const c = state.shareConsumers[consumerId];
  if (!c || c.token !== token || c.timeoutCheckAtMs !== atMs) return;
  c.timeoutCheckAtMs = -1;
  if (c.status !== 'running') return;
  const expired = c.fetchingFrom.filter((f) => f.sentAtMs + REQUEST_TIMEOUT_MS <= state.nowMs);
  for (const f of expired)
    onShareFetchLost(state, { consumerId, brokerId: f.brokerId, sentAtMs: f.sentAtMs, token });
  armRequestTimeout(state, c);
}

export function onShareFetchLost(
  state: SimState,
  t: { consumerId: string; brokerId: number; sentAtMs: number; token: number },
): void {
  const c = state.shareConsumers[t.consumerId];
  if (!c || c.status !== 'running' || c.token !== t.token) return;
  const i = c.fetchingFrom.findIndex((f) => f.brokerId === t.brokerId && f.sentAtMs === t.sentAtMs);
  if (i < 0) return;
  c.fetchingFrom.splice(i, 1);
  schedule(state, state.nowMs + RETRY_BACKOFF_MS, { kind: 'sharePoll', consumerId: c.id, token: c.token });
}

/**
 * KafkaShareConsumer.close(): send the acknowledgements still pending, close the share sessions (the
 * leaders release whatever the member still holds, its last batch included: close() does not accept it,
 * even in implicit mode) and leave the group.
 */
export function closeShareConsumer(state: SimState, c: ShareConsumerState): void {
  if (c.status !== 'running') return;
  c.busyUntilMs = state.nowMs;
  c.processing = [];
  flushAcks(state, c, true);
  sendHeartbeat(state, c, -1);
  c.status = 'stopped';
  c.stopReason = 'closed';
  c.buffer = [];
  c.fetchingFrom = [];
}

/** The process dies: nothing is acknowledged or released; the locks run out, the session times out. */
export function crashShareConsumer(c: ShareConsumerState): void {
  c.status = 'stopped';
  c.stopReason = 'crashed';
  c.buffer = [];
  c.processing = [];
  c.pendingAcks = [];
  c.fetchingFrom = [];
}
