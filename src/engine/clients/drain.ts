// RecordAccumulator.drain: one pass takes, for each broker that leads a partition with a ready batch, at
// most one batch per partition into one produce request (up to max.request.size), as long as the
// connection has fewer than max.in.flight.requests.per.connection requests in flight.
import type { ProducerState, QueuedRecord, SimState } from '../types';
import { MAX_REQUEST_SIZE_BYTES } from '../config';
import { recordSizeBytes } from '../cluster/produce';
import { partitionIdOf } from './producerMemo';
import { countQueued, expiringText, failRecord } from './sender';
import { beginPass, connectionOf, notesOf, type PartitionNotes, type PlannedRequest } from './drainNotes';

export type { PlannedBatch, PlannedRequest } from './drainNotes';

/**
 * RecordAccumulator.ready for a batch that is not a retry: it may leave once it is full (its partition
 * holds batch.size bytes), once linger.ms has passed since its first record was appended, while send()
 * waits for buffer.memory (the pool is exhausted), or when the producer is closing (close() flushes) or
 * committing a transaction (commitTransaction() flushes).
 * Otherwise, the time at which linger.ms ends.
 */
function lingerEndsAt(producer: ProducerState, head: QueuedRecord, nowMs: number): number {
  const config = producer.config;
  const endsAt = head.createdAtMs + config['linger.ms'];
  if (endsAt <= nowMs || !producer.running || producer.blockedSinceMs >= 0) return nowMs;
  // commitTransaction() flushes: nothing of the transaction lingers.
  if (producer.txn?.state === 'COMMITTING_TRANSACTION') return nowMs;
  return (producer.queuedBytesPerPartition[head.partition] ?? 0) >= config['batch.size'] ? nowMs : endsAt;
}

/** What one pass found: the requests to send, and when a record that must wait should wake the sender. */
export interface DrainResult {
  requests: PlannedRequest[];
  /** Infinity: never (a response will). */
  wakeAtMs: number;
  /** A partition had more ready than one batch: another pass of the same drain may send it. */
  more: boolean;
}

/**
 * Take what may leave now off the queue into requests; fail what has outlived delivery.timeout.ms.
 *
 * Per partition, as RecordAccumulator does with its deques: once a record must wait, the partition's
 * later records wait too and are not checked for expiry (they are younger, and Kafka expires a deque from
 * its head only). So once every partition with queued records is blocked or passed, the rest of the queue
 * can stay as it is: a producer whose queue backs up (a dead leader, a full pipeline) no longer rescans
 * thousands of records on every drain.
 */
export function drainOnce(state: SimState, producer: ProducerState): DrainResult {
  const config = producer.config;
  const maxInFlight = config['max.in.flight.requests.per.connection'];
  beginPass();
  for (const f of producer.inFlight) {
    notesOf(f.partition).inFlight++;
    // A request's batches sit together in inFlight: count each request once.
    const c = connectionOf(f.brokerId);
    if (c.lastRequestId !== f.requestId) c.inFlightRequests++;
    c.lastRequestId = f.requestId;
  }
  const result: DrainResult = { requests: [], wakeAtMs: Number.POSITIVE_INFINITY, more: false };
  markReadyNodes(state, producer);
  const counts = producer.queuedPerPartition;
  // Partitions with queued records that are neither blocked nor passed yet.
  let open = 0;
  for (let i = 0; i < counts.length; i++) if ((counts[i] ?? 0) > 0) open++;
  // Records that stay are compacted to the front of the queue, in order.
  const queue = producer.queue;
  let kept = 0;
  let r = 0;
  for (; r < queue.length && open > 0; r++) {
    const rec = queue[r]!;
    const part = rec.partition;
    const n = notesOf(part);
    if (n.total < 0) n.total = counts[part] ?? 0;
    const lastOfPartition = ++n.seen === n.total;
    if (n.blocked) {
      queue[kept++] = rec;
      continue;
    }
    if (state.nowMs - rec.createdAtMs >= config['delivery.timeout.ms']) {
      countQueued(producer, rec, -1);
      if (lastOfPartition) open--;
      failRecord(
        state,
        producer,
        rec,
        expiringText(producer, rec.partition, 1, state.nowMs - rec.createdAtMs),
      );
      continue;
    }
    const wait = whyWait(state, producer, n, rec, maxInFlight);
    if (wait !== null) {
      n.blocked = true;
      open--;
      queue[kept++] = rec;
      if (wait === 'nextPass') result.more = true;
      else if (wait < Number.POSITIVE_INFINITY) result.wakeAtMs = Math.min(result.wakeAtMs, wait);
      continue;
    }
    countQueued(producer, rec, -1);
    if (lastOfPartition) open--;
    take(n, rec, result.requests);
  }
  // The rest, untouched, belongs to blocked partitions: it moves up behind what was kept.
  const rest = queue.length - r;
  if (kept < r) queue.copyWithin(kept, r);
  queue.length = kept + rest;
  return result;
}

/**
 * RecordAccumulator.ready finds the nodes with a batch that may leave (full, lingered out, a retry past
 * its backoff, …); drain then takes the first batch of every partition such a node leads, lingering or
 * not, so a batch that is ready brings its neighbours along in the same request.
 */
function markReadyNodes(state: SimState, producer: ProducerState): void {
  const counts = producer.queuedPerPartition;
  let heads = 0;
  for (let i = 0; i < counts.length; i++) if ((counts[i] ?? 0) > 0) heads++;
  for (let r = 0; r < producer.queue.length && heads > 0; r++) {
    const rec = producer.queue[r]!;
    const n = notesOf(rec.partition);
    if (n.total >= 0) continue; // not its partition's head
    n.total = counts[rec.partition] ?? 0;
    heads--;
    if (n.p === undefined) n.p = state.partitions[partitionIdOf(producer.topic, rec.partition)] ?? null;
    if (n.p === null || n.p.leader < 0 || backingOff(state, rec, n.p.leader)) continue;
    if (!connectable(state, producer, n.p.leader)) continue;
    if (rec.batchId >= 0 || lingerEndsAt(producer, rec, state.nowMs) <= state.nowMs)
      connectionOf(n.p.leader).ready = true;
  }
}

/** RecordAccumulator.shouldBackoff: a retry waits out its backoff, unless its partition has a new leader. */
function backingOff(state: SimState, rec: QueuedRecord, leader: number): boolean {
  return rec.notBeforeMs > state.nowMs && (rec.retryLeader === undefined || rec.retryLeader === leader);
}

/**
 * NetworkClient.ready: a broker whose connection the producer saw close is not ready; once its process
 * runs again the next connection attempt succeeds (reconnect.backoff.ms is not modelled).
 */
function connectable(state: SimState, producer: ProducerState, brokerId: number): boolean {
  const down = producer.disconnectedFrom;
  const i = down.length === 0 ? -1 : down.indexOf(brokerId);
  if (i < 0) return true;
  if (state.brokers[brokerId]?.status !== 'running') return false;
  down.splice(i, 1);
  return true;
}

/** Whatever is queued when a batch may leave goes with it, up to batch.size bytes. */
function take(n: PartitionNotes, rec: QueuedRecord, requests: PlannedRequest[]): void {
  const size = recordSizeBytes(rec.key, rec.value);
  n.bytes += size;
  if (n.batch !== null) n.batch.records.push(rec);
  else {
    n.batch = { partition: rec.partition, records: [rec] };
    const c = connectionOf(n.p!.leader);
    if (c.request === null) {
      c.request = { brokerId: n.p!.leader, batches: [], bytes: 0 };
      requests.push(c.request);
    }
    c.request.batches.push(n.batch);
  }
  connectionOf(n.p!.leader).request!.bytes += size;
}

/**
 * Null when the record may go now; otherwise when to look again: a time, Infinity when a response will
 * wake the sender, or 'nextPass' when only this pass's one-batch-per-partition rule holds it back.
 */
function whyWait(
  state: SimState,
  producer: ProducerState,
  n: PartitionNotes,
  rec: QueuedRecord,
  maxInFlight: number,
): number | 'nextPass' | null {
  const config = producer.config;
  if (n.p === undefined) n.p = state.partitions[partitionIdOf(producer.topic, rec.partition)] ?? null;
  const p = n.p;
  const size = recordSizeBytes(rec.key, rec.value);
  const batch = n.batch;
  if (
    p === null ||
    p.leader < 0 ||
    backingOff(state, rec, p.leader) ||
    !connectable(state, producer, p.leader)
  ) {
    // A full pipeline is woken by a response; only backoffs and missing leaders need a timer.
    if (n.inFlight + (batch === null ? 0 : 1) >= maxInFlight) return Number.POSITIVE_INFINITY;
    return Math.max(rec.notBeforeMs, state.nowMs + config['retry.backoff.ms']);
  }
  // A retried batch keeps its records (and so its contiguous sequences); fresh records batch together.
  if (batch !== null) {
    const fits =
      batch.records[0]!.batchId === rec.batchId &&
      (rec.batchId >= 0 || n.bytes + size <= config['batch.size']);
    return fits ? null : 'nextPass';
  }
  if (n.inFlight >= maxInFlight) return Number.POSITIVE_INFINITY;
  const c = connectionOf(p.leader);
  if (c.request === null && c.inFlightRequests >= maxInFlight) return Number.POSITIVE_INFINITY;
  // A request already this big takes no further partition (its first batch always goes).
  const estimate = Math.min(config['batch.size'], producer.queuedBytesPerPartition[rec.partition] ?? 0);
  if (c.request !== null && c.request.bytes + Math.max(size, estimate) > MAX_REQUEST_SIZE_BYTES)
    return 'nextPass';
  // The first record of a new batch: a fresh batch lingers unless its broker is ready anyway; a retried
  // one only waited for its backoff.
  const lingerEnd = rec.batchId >= 0 || c.ready ? state.nowMs : lingerEndsAt(producer, rec, state.nowMs);
  return lingerEnd > state.nowMs ? lingerEnd : null;
}
