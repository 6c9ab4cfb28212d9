// Replication as Kafka does it: followers pull from the leader with Fetch requests (fetchers.ts, answered
// in delayedFetch.ts); the leader learns each follower's log end offset from its fetch offset, moves the
// high watermark by Partition's rule and shrinks and expands the ISR; the follower appends what comes
// back, or truncates where its log diverges from the leader's.
import type { FetchPartitionResponse, Message, MessageBody, PartitionState, SimState } from '../types';
import { onCommitted, onCopiesRemoved, onCopyAdded } from '../audit/audit';
import { emit } from '../sim/events';
import { appendRecords, endOffsetForEpoch, forEachInRange, truncateTo } from '../log/replicaLog';
import { effectiveMinIsr, formatIds, isCaughtUp, isIsrEligible, leaderLog } from './partition';
import { completeProducePurgatory } from './delayedProduce';
import { completeTxnMarkers } from './txnMarkers';
import { completeParkedFetches } from './delayedFetch';
import { fetchAgain, isCurrent, markIdle, REPLICA_FETCH_BACKOFF_MS } from './fetchers';
import { brokerIdOf, nodeInfo } from './nodeKeys';
import { onConsumerFetchResponse } from '../clients/consumer';

type FetchResponse = Extract<MessageBody, { kind: 'FetchResponse' }>;

/** Replica.updateFetchState: the rule for lastCaughtUpTimeMs that ISR shrinking depends on. */
export function updateFollowerFetchState(
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
  completeTxnMarkers(state, p);
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

/**
 * A follower handles each partition's result in turn (AbstractFetcherThread.processFetchRequest): a
 * result is stale, and ignored, when the partition has left this fetcher or its fetch state has moved
 * since the request (another leader or epoch, another log end offset).
 */
export function handleFetchResponse(state: SimState, message: Message): void {
  const res = message.body as FetchResponse;
  const sourceId = brokerIdOf(message.from);
  if (!isCurrent(state, message.to, sourceId, res.session)) return;
  const followerId = nodeInfo(message.to).brokerId;
  const follower = followerId >= 0 ? state.brokers[followerId] : undefined;
  if (!follower) {
    onConsumerFetchResponse(state, message);
    return;
  }
  if (follower.status !== 'running') {
    markIdle(state, message.to, sourceId);
    return;
  }
  let failed = 0;
  for (const r of res.responses) {
    const p = state.partitions[r.partitionId];
    if (!p || p.leader !== sourceId || p.leaderEpoch !== r.currentLeaderEpoch) continue;
    const log = p.logs[follower.id]!;
    if (r.fetchOffset !== log.logEndOffset) continue;
    if (r.error) failed++;
    else handlePartitionData(state, p, follower.id, r);
  }
  // A partition that failed waits replica.fetch.backoff.ms in Kafka while the others go on; here the
  // fetcher backs off only when every partition failed (a partition fails when its leader has moved,
  // and then it has left this fetcher anyway).
  const allFailed = failed > 0 && failed === res.responses.length;
  fetchAgain(
    state,
    message.to,
    sourceId,
    res.session,
    allFailed ? REPLICA_FETCH_BACKOFF_MS : follower.slowFetchDelayMs,
  );
}

function handlePartitionData(
  state: SimState,
  p: PartitionState,
  followerId: number,
  r: FetchPartitionResponse,
): void {
  const log = p.logs[followerId]!;
  if (r.divergingEpoch) {
    truncateOnDivergence(state, p, followerId, r.divergingEpoch, r.highWatermark);
  } else if (r.records.length > 0) {
    // Usually every record is new; copy only when some are not.
    const fresh =
      r.records[0]!.offset >= log.logEndOffset
        ? r.records
        : r.records.filter((x) => x.offset >= log.logEndOffset);
    appendRecords(log, fresh);
    for (const x of fresh) onCopyAdded(state, x, followerId, false);
  }
  // UnifiedLog.updateHighWatermark: the leader's, within our log; it may go down after a failover.
  log.highWatermark = Math.max(log.logStartOffset, Math.min(r.highWatermark, log.logEndOffset));
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
