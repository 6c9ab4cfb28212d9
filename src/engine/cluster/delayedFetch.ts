// The leader's side of Fetch (ReplicaManager.fetchMessages, DelayedFetch): a result per partition, sent at
// once if its partitions hold the request's MinBytes to return (fetch.min.bytes for consumers, 1 by
// default; replica.fetch.min.bytes, 1, for followers) or any of them has an error; otherwise the fetch
// parks until they do or its MaxWaitMs (fetch.max.wait.ms, replica.fetch.wait.max.ms: 500 ms) passes.
// Consumers read up to the high watermark, followers up to the log end offset.
import { completeParkedShareFetches } from '../share/shareFetch';
import type {
  FetchPartition,
  FetchPartitionResponse,
  KafkaErrorCode,
  Message,
  MessageBody,
  ParkedFetch,
  PartitionState,
  SimState,
} from '../types';
import { send } from '../sim/network';
import { schedule } from '../sim/timers';
import { endOffsetForEpoch, latestEpoch, readRange } from '../log/replicaLog';
import { leaderLog } from './partition';
import { abortedIn, lastStableOffset } from '../log/txnIndex';
import { brokerIdOf } from './nodeKeys';
import { onFetchLost } from './fetchers';
import { updateFollowerFetchState } from './replication';

type FetchRequest = Extract<MessageBody, { kind: 'FetchRequest' }>;

const NO_RECORDS: FetchPartitionResponse['records'] = [];

export function handleFetchRequest(state: SimState, message: Message): void {
  const req = message.body as FetchRequest;
  const leaderId = brokerIdOf(message.to);
  const diverging =
    req.replicaId >= 0
      ? req.partitions.map((fp) => followerArrives(state, leaderId, req.replicaId, fp))
      : null;
  // MaxWaitMs 0: answered as it is (ReplicaManager.fetchMessages), never parked.
  if (respondIfReady(state, message, readAll(state, message, diverging), req.maxWaitMs <= 0)) return;
  const expiresAtMs = state.nowMs + req.maxWaitMs;
  (state.parkedFetches[leaderId] ??= []).push({ expiresAtMs, message });
  armFetchWaitCheck(state, leaderId, expiresAtMs);
}

/**
 * A follower's fetch of a partition reaches its leader: where the leader learns the follower's log end
 * offset (updateFollowerFetchState), once per request however long it then waits; or, if the follower's
 * log has diverged, the divergence to answer with.
 */
function followerArrives(
  state: SimState,
  leaderId: number,
  replicaId: number,
  fp: FetchPartition,
): FetchPartitionResponse | null {
  const p = state.partitions[fp.partitionId];
  if (!p || refusal(p, leaderId, fp)) return null;
  const log = leaderLog(p)!;
  // Truncation on fetch (KIP-320/IBP 2.7+): tell the follower where its log diverges from ours.
  // A follower in the leader's current epoch diverges only if it claims more than the leader has.
  const current = latestEpoch(log) === fp.lastFetchedEpoch && fp.fetchOffset <= log.logEndOffset;
  if (fp.lastFetchedEpoch >= 0 && !current) {
    const end = endOffsetForEpoch(log, fp.lastFetchedEpoch);
    if (end.epoch < fp.lastFetchedEpoch || end.endOffset < fp.fetchOffset)
      return result(fp, null, log.highWatermark, NO_RECORDS, end, p.leaderEpoch);
  }
  updateFollowerFetchState(state, p, replicaId, fp.fetchOffset);
  return null;
}

/** Every partition's result, its records within its own limit and what is left of the response's. */
function readAll(
  state: SimState,
  message: Message,
  diverging: (FetchPartitionResponse | null)[] | null,
): FetchPartitionResponse[] {
  const req = message.body as FetchRequest;
  const leaderId = brokerIdOf(message.to);
  let budget = req.maxBytes;
  return req.partitions.map((fp, i) => {
    const found = diverging?.[i];
    if (found) return found;
    const p = state.partitions[fp.partitionId];
    const refused = refusal(p, leaderId, fp);
    if (refused || !p)
      return result(fp, refused ?? 'NOT_LEADER_OR_FOLLOWER', -1, NO_RECORDS, null, p?.leaderEpoch ?? -1);
    const r = read(p, req.replicaId, req.isolationLevel === 'read_committed', fp, budget);
    for (const rec of r.records) budget -= rec.sizeBytes;
    return r;
  });
}

function refusal(p: PartitionState | undefined, leaderId: number, fp: FetchPartition): KafkaErrorCode | null {
  if (!p || p.leader !== leaderId || !leaderLog(p)) return 'NOT_LEADER_OR_FOLLOWER';
  if (fp.currentLeaderEpoch < p.leaderEpoch) return 'FENCED_LEADER_EPOCH';
  return null;
}

/** A partition's records from the fetch offset, within its own limit and what is left of the response's. */
function read(
  p: PartitionState,
  replicaId: number,
  readCommitted: boolean,
  fp: FetchPartition,
  budget: number,
): FetchPartitionResponse {
  const log = leaderLog(p)!;
  if (replicaId < 0 && (fp.fetchOffset < log.logStartOffset || fp.fetchOffset > log.logEndOffset))
    return result(fp, 'OFFSET_OUT_OF_RANGE', log.highWatermark, NO_RECORDS, null, p.leaderEpoch);
  // Followers read to the log end, consumers to the high watermark, read_committed ones to the LSO.
  const lso = readCommitted ? lastStableOffset(log) : -1;
  const limit = replicaId >= 0 ? log.logEndOffset : readCommitted ? lso : log.highWatermark;
  // Only the first partition with data is sure of a record beyond the response's limit, as in Kafka.
  const records =
    fp.fetchOffset >= limit || budget <= 0
      ? NO_RECORDS
      : readRange(log, fp.fetchOffset, limit, Math.min(fp.maxBytes, budget));
  const r = result(fp, null, log.highWatermark, records, null, p.leaderEpoch);
  if (readCommitted && records.length > 0) {
    r.lastStableOffset = lso;
    r.abortedTransactions = abortedIn(log, fp.fetchOffset, records[records.length - 1]!.offset + 1);
  } else if (readCommitted) r.lastStableOffset = lso;
  return r;
}

function result(
  fp: FetchPartition,
  error: KafkaErrorCode | null,
  highWatermark: number,
  records: FetchPartitionResponse['records'],
  divergingEpoch: FetchPartitionResponse['divergingEpoch'],
  leaderEpoch: number,
): FetchPartitionResponse {
  const { partitionId, fetchOffset, currentLeaderEpoch } = fp;
  return {
    partitionId,
    fetchOffset,
    currentLeaderEpoch,
    error,
    highWatermark,
    records,
    divergingEpoch,
    leaderEpoch,
    lastStableOffset: -1,
    abortedTransactions: null,
  };
}

/**
 * Sends the response if `force`d, if any partition has an error or a divergence, or if the records to
 * return reach the request's MinBytes (DelayedFetch.tryComplete: accumulatedSize >= fetchMinBytes).
 */
function respondIfReady(
  state: SimState,
  request: Message,
  responses: FetchPartitionResponse[],
  force: boolean,
): boolean {
  const req = request.body as FetchRequest;
  if (!force && !ready(responses, req.minBytes)) return false;
  const sent = send(state, request.to, request.from, {
    kind: 'FetchResponse',
    responses,
    session: req.session,
  });
  // A leader that died or was cut off never answers: the fetcher times out and tries again.
  if (!sent) onFetchLost(state, request);
  return true;
}

function ready(responses: FetchPartitionResponse[], minBytes: number): boolean {
  let bytes = 0;
  for (const r of responses) {
    if (r.error !== null || r.divergingEpoch !== null) return true;
    for (const rec of r.records) bytes += rec.sizeBytes;
  }
  // MinBytes 0 answers at once even with nothing to return, as in Kafka: the consumer then polls in a
  // loop of empty fetches, one round trip each.
  return bytes >= minBytes;
}

/** A parked fetch tried again: every partition read anew. */
function retry(state: SimState, message: Message, force: boolean): boolean {
  return respondIfReady(state, message, readAll(state, message, null), force);
}

/**
 * One timer per broker at its earliest parked fetch's expiry, as the purgatory's request timeouts are,
 * rather than one per parked fetch: nearly every parked fetch is answered early by new data, which left
 * a timer behind that could only find nothing to do.
 */
function armFetchWaitCheck(state: SimState, brokerId: number, atMs: number): void {
  const armed = state.fetchWaitCheckAtMs[brokerId] ?? -1;
  if (armed >= state.nowMs && armed <= atMs) return;
  state.fetchWaitCheckAtMs[brokerId] = atMs;
  schedule(state, atMs, { kind: 'fetchWaitExpired', brokerId });
}

/**
 * New data or a higher HW on `p`, or a leader change (DelayedFetch.tryComplete case A, `leaderChanged`):
 * complete the parked fetches at `brokerId` that ask for `p` and can now return something.
 */
export function completeParkedFetches(state: SimState, p: PartitionState, brokerId = p.leader): void {
  // Share groups' DelayedShareFetch waits on the same events.
  if (state.parkedShareFetches[brokerId] !== undefined) completeParkedShareFetches(state, brokerId);
  const parked = state.parkedFetches[brokerId];
  if (!parked || parked.length === 0) return;
  // In place: checkpoints copy this array, and answering a fetch parks nothing here.
  let kept = 0;
  for (const f of parked) {
    const asks = (f.message.body as FetchRequest).partitions.some((fp) => fp.partitionId === p.id);
    if (!asks || !retry(state, f.message, brokerId !== p.leader)) parked[kept++] = f;
  }
  parked.length = kept;
}

/** replica.fetch.wait.max.ms ran out for the broker's earliest parked fetches: answer them as they are. */
export function onFetchWaitExpired(state: SimState, brokerId: number): void {
  const parked = state.parkedFetches[brokerId];
  if (!parked) return;
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
  // In parking order: a broker's followers and consumers may wait for different MaxWaitMs.
  for (const f of expired) retry(state, f.message, true);
  if (Number.isFinite(next)) armFetchWaitCheck(state, brokerId, next);
}
