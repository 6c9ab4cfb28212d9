// Replication as Kafka does it: followers pull from the leader with Fetch requests; the leader learns
// each follower's log end offset from its fetch offset, moves the high watermark by Partition's rule,
// shrinks and expands the ISR, and answers fetches that find no new data only after
// replica.fetch.wait.max.ms (DelayedFetch). Consumers use the same Fetch path, capped at the HW.
import type { Message, MessageBody, ParkedFetch, PartitionState, SimState } from '../types';
import { onCommitted, onCopiesRemoved, onCopyAdded } from '../audit/audit';
import { emit } from '../sim/events';
import { brokerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import {
  appendRecords,
  endOffsetForEpoch,
  forEachInRange,
  latestEpoch,
  readRange,
  truncateTo,
} from '../log/replicaLog';
import { effectiveMinIsr, formatIds, isCaughtUp, isIsrEligible, leaderLog } from './partition';
import { completeProducePurgatory } from './delayedProduce';
import { brokerIdOf, nodeInfo, sessionKey, sessionKeyOf } from './nodeKeys';
import { DEFAULT_CONSUMER_CONFIG } from '../config';
import { onConsumerFetchResponse, consumerFetchOffset } from '../clients/consumer';

/** replica.fetch.backoff.ms: how long a follower waits after a failed fetch. */
export const REPLICA_FETCH_BACKOFF_MS = 1000;

type FetchRequest = Extract<MessageBody, { kind: 'FetchRequest' }>;
type FetchResponse = Extract<MessageBody, { kind: 'FetchResponse' }>;

/** Start (or restart) a fetcher chain: the old chain's in-flight messages are then ignored. */
export function startFetcher(state: SimState, node: string, partitionId: string, delayMs = 0): void {
  const key = sessionKey(node, partitionId);
  const session = (state.fetchSessions[key] ?? 0) + 1;
  state.fetchSessions[key] = session;
  schedule(state, state.nowMs + delayMs, { kind: 'fetch', node, partitionId, session });
}

/**
 * Start a new fetcher chain whose first Fetch leaves at once, without a timer: a consumer's poll() that has
 * drained a partition's fetched records fetches it again as it returns them.
 */
export function startFetcherNow(state: SimState, node: string, partitionId: string): void {
  stopFetcher(state, node, partitionId);
  sendFetch(state, node, partitionId, state.fetchSessions[sessionKey(node, partitionId)]!);
}

export function stopFetcher(state: SimState, node: string, partitionId: string): void {
  const key = sessionKey(node, partitionId);
  state.fetchSessions[key] = (state.fetchSessions[key] ?? 0) + 1;
}

/** Send the chain's next Fetch to the current leader, or back off when there is none. */
export function sendFetch(state: SimState, node: string, partitionId: string, session: number): void {
  const info = nodeInfo(node);
  if (state.fetchSessions[sessionKeyOf(info, node, partitionId)] !== session) return;
  const p = state.partitions[partitionId];
  if (!p) return;
  const followerId = info.brokerId;
  const follower = followerId >= 0 ? state.brokers[followerId] : undefined;
  if (
    follower &&
    (follower.status !== 'running' || !p.replicas.includes(follower.id) || p.leader === follower.id)
  ) {
    return;
  }
  if (p.leader < 0) {
    schedule(state, state.nowMs + REPLICA_FETCH_BACKOFF_MS, { kind: 'fetch', node, partitionId, session });
    return;
  }
  let body: FetchRequest;
  if (follower) {
    const log = p.logs[follower.id]!;
    body = {
      kind: 'FetchRequest',
      partitionId,
      replicaId: follower.id,
      fetchOffset: log.logEndOffset,
      lastFetchedEpoch: latestEpoch(log),
      currentLeaderEpoch: p.leaderEpoch,
      maxBytes: state.config.replicaFetchMaxBytes,
      session,
    };
  } else {
    const offset = consumerFetchOffset(state, node, partitionId);
    if (offset === null) return;
    body = {
      kind: 'FetchRequest',
      partitionId,
      replicaId: -1,
      fetchOffset: offset,
      lastFetchedEpoch: -1,
      currentLeaderEpoch: p.leaderEpoch,
      maxBytes:
        state.consumers[nodeInfo(node).key]?.config['max.partition.fetch.bytes'] ??
        DEFAULT_CONSUMER_CONFIG['max.partition.fetch.bytes'],
      session,
    };
  }
  const sent = send(state, node, brokerNode(p.leader), body);
  // A node that cannot send (isolated) keeps retrying, as a fetcher thread does after a connection error.
  if (!sent)
    schedule(state, state.nowMs + REPLICA_FETCH_BACKOFF_MS, { kind: 'fetch', node, partitionId, session });
}

/** A Fetch was dropped on the way: the fetcher notices by timeout and retries. */
export function onFetchLost(state: SimState, message: Message): void {
  const body = message.body;
  if (body.kind !== 'FetchRequest' && body.kind !== 'FetchResponse') return;
  const node = body.kind === 'FetchRequest' ? message.from : message.to;
  schedule(state, state.nowMs + REPLICA_FETCH_BACKOFF_MS, {
    kind: 'fetch',
    node,
    partitionId: body.partitionId,
    session: body.session,
  });
}

/** Fields passed one by one rather than in an object: this runs for every fetch, and the object was garbage. */
function respond(
  state: SimState,
  request: Message,
  error: FetchResponse['error'],
  highWatermark: number,
  records: FetchResponse['records'],
  divergingEpoch: FetchResponse['divergingEpoch'],
  leaderEpoch: number,
): void {
  const req = request.body as FetchRequest;
  // Spelled out rather than spread: one object shape for every response keeps the hot path monomorphic.
  const sent = send(state, request.to, request.from, {
    kind: 'FetchResponse',
    partitionId: req.partitionId,
    error,
    highWatermark,
    records,
    divergingEpoch,
    leaderEpoch,
    session: req.session,
  });
  // A leader that died or was cut off never answers: the fetcher times out and tries again.
  if (!sent) onFetchLost(state, request);
}

export function handleFetchRequest(state: SimState, message: Message): void {
  const req = message.body as FetchRequest;
  const p = state.partitions[req.partitionId];
  if (!p || p.leader !== brokerIdOf(message.to)) {
    respond(state, message, 'NOT_LEADER_OR_FOLLOWER', -1, [], null, p?.leaderEpoch ?? -1);
    return;
  }
  if (req.currentLeaderEpoch < p.leaderEpoch) {
    respond(state, message, 'FENCED_LEADER_EPOCH', -1, [], null, p.leaderEpoch);
    return;
  }
  const log = leaderLog(p)!;
  if (req.replicaId >= 0) {
    // Truncation on fetch (KIP-320/IBP 2.7+): tell the follower where its log diverges from ours.
    // A follower in the leader's current epoch diverges only if it claims more than the leader has.
    const current = latestEpoch(log) === req.lastFetchedEpoch && req.fetchOffset <= log.logEndOffset;
    if (req.lastFetchedEpoch >= 0 && !current) {
      const end = endOffsetForEpoch(log, req.lastFetchedEpoch);
      if (end.epoch < req.lastFetchedEpoch || end.endOffset < req.fetchOffset) {
        respond(state, message, null, log.highWatermark, [], end, p.leaderEpoch);
        return;
      }
    }
    updateFollowerFetchState(state, p, req.replicaId, req.fetchOffset);
  } else if (req.fetchOffset < log.logStartOffset || req.fetchOffset > log.logEndOffset) {
    respond(state, message, 'OFFSET_OUT_OF_RANGE', log.highWatermark, [], null, p.leaderEpoch);
    return;
  }
  if (!answerFetch(state, p, message)) {
    const expiresAtMs = state.nowMs + state.config.replicaFetchWaitMaxMs;
    (state.parkedFetches[p.id] ??= []).push({ expiresAtMs, message });
    armFetchWaitCheck(state, p.id, expiresAtMs);
  }
}

/**
 * One timer per partition at its earliest parked fetch's expiry, as the purgatory's request timeouts are,
 * rather than one per parked fetch: nearly every parked fetch is answered early by new data, which left
 * a timer behind that could only find nothing to do.
 */
function armFetchWaitCheck(state: SimState, partitionId: string, atMs: number): void {
  const armed = state.fetchWaitCheckAtMs[partitionId] ?? -1;
  if (armed >= state.nowMs && armed <= atMs) return;
  state.fetchWaitCheckAtMs[partitionId] = atMs;
  schedule(state, atMs, { kind: 'fetchWaitExpired', partitionId });
}

/** Answer with data if there is any; false when the fetch should wait (DelayedFetch). */
function answerFetch(state: SimState, p: PartitionState, message: Message, force = false): boolean {
  const req = message.body as FetchRequest;
  const log = leaderLog(p);
  if (!log || p.leader !== brokerIdOf(message.to)) {
    respond(state, message, 'NOT_LEADER_OR_FOLLOWER', -1, [], null, p.leaderEpoch);
    return true;
  }
  const limit = req.replicaId >= 0 ? log.logEndOffset : log.highWatermark;
  // Parked fetches are re-tried after every append: most still find nothing.
  if (req.fetchOffset >= limit && !force) return false;
  const records = readRange(log, req.fetchOffset, limit, req.maxBytes);
  if (records.length === 0 && !force) return false;
  respond(state, message, null, log.highWatermark, records, null, p.leaderEpoch);
  return true;
}

/** New data or a higher HW arrived: complete parked fetches that can now return something. */
export function completeParkedFetches(state: SimState, p: PartitionState): void {
  const parked = state.parkedFetches[p.id];
  if (!parked || parked.length === 0) return;
  // In place: checkpoints copy this array, and nothing answerFetch does parks another fetch here.
  let kept = 0;
  for (const f of parked) if (!answerFetch(state, p, f.message)) parked[kept++] = f;
  parked.length = kept;
}

/** replica.fetch.wait.max.ms ran out for the partition's earliest parked fetches: answer them as they are. */
export function onFetchWaitExpired(state: SimState, partitionId: string): void {
  const parked = state.parkedFetches[partitionId];
  const p = state.partitions[partitionId];
  if (!parked || !p) return;
  const expired: ParkedFetch[] = [];
  let kept = 0;
  let next = Number.POSITIVE_INFINITY;
  for (const f of parked) {
    if (f.expiresAtMs <= state.nowMs) expired.push(f);
    else {
      parked[kept++] = f;
      next = Math.min(next, f.expiresAtMs);
    }
  }
  parked.length = kept;
  // In parking order, which is expiry order: each waited the same replica.fetch.wait.max.ms.
  for (const f of expired) answerFetch(state, p, f.message, true);
  if (Number.isFinite(next)) armFetchWaitCheck(state, partitionId, next);
}

/** Replica.updateFetchState: the rule for lastCaughtUpTimeMs that ISR shrinking depends on. */
function updateFollowerFetchState(
  state: SimState,
  p: PartitionState,
  replicaId: number,
  fetchOffset: number,
): void {
  const log = leaderLog(p)!;
  const f = (p.followers[replicaId] ??= {
    logEndOffset: -1,
    lastCaughtUpTimeMs: 0,
    lastFetchTimeMs: 0,
    lastFetchLeaderLogEndOffset: 0,
  });
  if (fetchOffset >= log.logEndOffset) f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, state.nowMs);
  else if (fetchOffset >= f.lastFetchLeaderLogEndOffset)
    f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, f.lastFetchTimeMs);
  f.logEndOffset = fetchOffset;
  f.lastFetchLeaderLogEndOffset = log.logEndOffset;
  f.lastFetchTimeMs = state.nowMs;
  maybeExpandIsr(state, p, replicaId);
  maybeIncrementHighWatermark(state, p);
}

/** Partition.maybeExpandIsr: a follower at or past the HW and the leader epoch's start offset rejoins. */
function maybeExpandIsr(state: SimState, p: PartitionState, replicaId: number): void {
  if (p.isr.includes(replicaId) || !isIsrEligible(state, replicaId)) return;
  const log = leaderLog(p)!;
  const f = p.followers[replicaId]!;
  const epochStart = log.epochs.find((e) => e.epoch === p.leaderEpoch)?.startOffset ?? 0;
  if (f.logEndOffset < log.highWatermark || f.logEndOffset < epochStart) return;
  if (!canReachController(state, p.leader)) return;
  p.isr = [...p.isr, replicaId];
  p.partitionEpoch++;
  emit(state, 'isrExpanded', `Broker ${replicaId} caught up on ${p.id}; ISR is now ${formatIds(p.isr)}.`, {
    partitionId: p.id,
    brokerId: replicaId,
  });
}

/** AlterPartition needs the controller: an isolated leader cannot change the ISR. */
export function canReachController(state: SimState, brokerId: number): boolean {
  const b = state.brokers[brokerId];
  return b !== undefined && b.status === 'running' && !b.isolated;
}

/** Partition.maybeIncrementLeaderHW, including the 3.7+ rule that the HW holds while under min ISR. */
export function maybeIncrementHighWatermark(state: SimState, p: PartitionState): void {
  const log = leaderLog(p);
  if (!log) return;
  if (p.isr.length < effectiveMinIsr(state, p)) return;
  let newHw = log.logEndOffset;
  for (const r of p.replicas) {
    if (r === p.leader) continue;
    const f = p.followers[r];
    if (!f) {
      if (p.isr.includes(r)) newHw = Math.min(newHw, log.highWatermark);
      continue;
    }
    const waitFor = p.isr.includes(r) || (isCaughtUp(state, f, log.logEndOffset) && isIsrEligible(state, r));
    if (waitFor && f.logEndOffset < newHw) newHw = f.logEndOffset;
  }
  if (newHw <= log.highWatermark) return;
  forEachInRange(log, log.highWatermark, newHw, (record) => onCommitted(state, p.id, record));
  log.highWatermark = newHw;
  completeProducePurgatory(state, p);
  completeParkedFetches(state, p);
}

/** The isr-expiration task: run every replica.lag.time.max.ms / 2 on each broker for the partitions it leads. */
export function maybeShrinkIsr(state: SimState, brokerId: number): void {
  if (!canReachController(state, brokerId)) return;
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    if (p.leader !== brokerId) continue;
    const log = leaderLog(p)!;
    const outOfSync = p.isr.filter((r) => {
      if (r === brokerId) return false;
      const f = p.followers[r];
      return !f || !isCaughtUp(state, f, log.logEndOffset);
    });
    if (outOfSync.length === 0) continue;
    p.isr = p.isr.filter((r) => !outOfSync.includes(r));
    p.partitionEpoch++;
    emit(
      state,
      'isrShrunk',
      `Broker${outOfSync.length > 1 ? 's' : ''} ${outOfSync.join(', ')} fell more than replica.lag.time.max.ms (${state.config.replicaLagTimeMaxMs} ms) behind on ${p.id}; the leader shrank the ISR to ${formatIds(p.isr)}.`,
      { partitionId: p.id, brokerId },
    );
    maybeIncrementHighWatermark(state, p);
    completeProducePurgatory(state, p);
  }
}

export function handleFetchResponse(state: SimState, message: Message): void {
  const res = message.body as FetchResponse;
  const info = nodeInfo(message.to);
  if (state.fetchSessions[sessionKeyOf(info, message.to, res.partitionId)] !== res.session) return;
  const followerId = info.brokerId;
  const follower = followerId >= 0 ? state.brokers[followerId] : undefined;
  if (!follower) {
    onConsumerFetchResponse(state, message);
    return;
  }
  const p = state.partitions[res.partitionId];
  if (!p || follower.status !== 'running') return;
  const log = p.logs[follower.id]!;
  if (res.error) {
    schedule(state, state.nowMs + REPLICA_FETCH_BACKOFF_MS, {
      kind: 'fetch',
      node: message.to,
      partitionId: p.id,
      session: res.session,
    });
    return;
  }
  if (res.divergingEpoch) {
    truncateOnDivergence(state, p, follower.id, res.divergingEpoch, res.highWatermark);
  } else if (res.records.length > 0) {
    // Usually every record is new; copy only when some are not.
    const fresh =
      res.records[0]!.offset >= log.logEndOffset
        ? res.records
        : res.records.filter((r) => r.offset >= log.logEndOffset);
    appendRecords(log, fresh);
    for (const r of fresh) onCopyAdded(state, r, follower.id, false);
  }
  log.highWatermark = Math.max(log.highWatermark, Math.min(res.highWatermark, log.logEndOffset));
  fetchAgain(state, message.to, p.id, res.session, follower.slowFetchDelayMs);
}

/**
 * The fetcher's next round: at once, as a fetcher thread builds its next request as soon as it has
 * handled a response, or after `delayMs` (a slow follower, a busy consumer). At once is a direct send
 * rather than a timer due now: a timer per fetch was a sixth of all the events a record costs.
 */
export function fetchAgain(
  state: SimState,
  node: string,
  partitionId: string,
  session: number,
  delayMs: number,
): void {
  if (delayMs <= 0) sendFetch(state, node, partitionId, session);
  else schedule(state, state.nowMs + delayMs, { kind: 'fetch', node, partitionId, session });
}

/** AbstractFetcherThread.getOffsetTruncationState: truncate to where our log and the leader's agree. */
function truncateOnDivergence(
  state: SimState,
  p: PartitionState,
  brokerId: number,
  leaderEnd: { epoch: number; endOffset: number },
  leaderHw: number,
): void {
  const log = p.logs[brokerId]!;
  let target: number;
  if (leaderEnd.endOffset < 0) {
    target = Math.min(log.highWatermark, leaderHw);
  } else {
    const mine = endOffsetForEpoch(log, leaderEnd.epoch);
    if (mine.epoch < 0) target = Math.min(leaderEnd.endOffset, log.logEndOffset);
    else if (mine.epoch !== leaderEnd.epoch) target = Math.min(mine.endOffset, log.logEndOffset);
    else target = Math.min(leaderEnd.endOffset, mine.endOffset, log.logEndOffset);
  }
  const removed = truncateTo(log, target);
  if (removed.length === 0) return;
  emit(
    state,
    'truncated',
    `Broker ${brokerId} truncated ${p.id} to offset ${target} (${removed.length} record${removed.length > 1 ? 's' : ''} the leader ${p.leader} does not have, found by leader epoch).`,
    { partitionId: p.id, brokerId },
  );
  onCopiesRemoved(state, removed, {
    brokerId,
    leader: p.leader,
    leaderEpoch: p.leaderEpoch,
    unclean: p.uncleanEpoch === p.leaderEpoch,
  });
}
