// The producer's Sender: it drains the accumulator (drain.ts) into one produce request per broker, with a
// batch of up to batch.size for each of its partitions and max.in.flight.requests.per.connection
// requests in flight per broker, and arms the request.timeout.ms check. Idempotence stamps a producer id
// and per-partition sequence on each batch.
import type { ProducerState, QueuedRecord, SimState } from '../types';
import { onAcked, onFailed } from '../audit/audit';
import { emit } from '../sim/events';
import { brokerNode, producerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { partitionIdOf } from './producerMemo';
import { drainOnce, type PlannedRequest } from './drain';
import { recordSizeBytes } from '../cluster/produce';
import { releaseBytes } from './bufferPool';
import { wakeBlockedSend } from './producer';
import { bumpEpoch } from './producerResponses';
import { markTxnFailed, maybeEndTxn } from './transactionManager';

/**
 * The Sender: send what may be sent now, respecting per-partition order and the in-flight limits; then a
 * transaction whose records are all answered ends (EndTxn).
 */
export function drainProducer(state: SimState, producer: ProducerState): void {
  drainAccumulator(state, producer);
  if (producer.txn) maybeEndTxn(state, producer);
}

function drainAccumulator(state: SimState, producer: ProducerState): void {
  if (producer.epochBumpPending) {
    // The bump waits for every in-flight request to finish, so old and new epochs never interleave.
    if (producer.inFlight.length > 0) return;
    bumpEpoch(state, producer);
  }
  // Called after every record and every response: most calls find nothing queued.
  if (producer.queue.length === 0) return;
  let wakeAt = Number.POSITIVE_INFINITY;
  // Sender.runOnce goes round again at once while there is more ready data: each pass sends at most one
  // request per broker with at most one batch per partition, until the connections are full.
  for (;;) {
    const drained = drainOnce(state, producer);
    wakeAt = Math.min(wakeAt, drained.wakeAtMs);
    for (const request of drained.requests) sendRequest(state, producer, request);
    if (drained.requests.length === 0 || !drained.more) break;
  }
  // One pending wake-up at a time: an earlier need replaces a later one, never adds to it.
  if (Number.isFinite(wakeAt) && (producer.sendWakeAtMs < state.nowMs || wakeAt < producer.sendWakeAtMs)) {
    producer.sendWakeAtMs = wakeAt;
    schedule(state, wakeAt, { kind: 'producerSend', producerId: producer.id });
  }
}

/** Keep producer.queuedPerPartition and queuedBytesPerPartition in step with the queue: +1 or -1 record. */
export function countQueued(producer: ProducerState, rec: QueuedRecord, delta: 1 | -1): void {
  const part = rec.partition;
  producer.queuedPerPartition[part] = (producer.queuedPerPartition[part] ?? 0) + delta;
  producer.queuedBytesPerPartition[part] =
    (producer.queuedBytesPerPartition[part] ?? 0) + delta * recordSizeBytes(rec.key, rec.value);
}

/** Sender.sendProduceRequest: one request to a broker, with a batch for each of its partitions. */
function sendRequest(state: SimState, producer: ProducerState, request: PlannedRequest): void {
  const idempotent = producer.config['enable.idempotence'];
  const requestId = state.nextId++;
  for (const batch of request.batches) {
    const records = batch.records;
    const batchId = records[0]!.batchId >= 0 ? records[0]!.batchId : state.nextId++;
    for (const rec of records) rec.batchId = batchId;
    if (!idempotent) continue;
    for (const rec of records) {
      if (rec.sequence >= 0) continue;
      rec.sequence = producer.nextSequence[batch.partition] ?? 0;
      producer.nextSequence[batch.partition] = rec.sequence + 1;
    }
  }
  const acks = producer.config.acks;
  send(state, producerNode(producer.id), brokerNode(request.brokerId), {
    kind: 'ProduceRequest',
    requestId,
    acks,
    transactionalId: producer.config['transactional.id'],
    partitionData: request.batches.map((batch) => ({
      partitionId: partitionIdOf(producer.topic, batch.partition),
      records: batch.records.map((rec) => ({
        recordId: rec.recordId,
        key: rec.key,
        value: rec.value,
        timestampMs: rec.timestampMs,
        producerId: producer.producerId,
        sequence: idempotent ? rec.sequence : -1,
      })),
    })),
    timeoutMs: producer.config['request.timeout.ms'],
  });
  if (acks === 0) {
    // acks=0: the callback fires at once with offset -1; retries can never happen.
    for (const batch of request.batches)
      for (const rec of batch.records) {
        onAcked(state, rec.recordId);
        releaseBytes(producer, rec);
      }
    wakeBlockedSend(state, producer);
    return;
  }
  const timeoutAtMs = state.nowMs + producer.config['request.timeout.ms'];
  let checkAtMs = timeoutAtMs;
  for (const batch of request.batches) {
    const created = Math.min(...batch.records.map((r) => r.createdAtMs));
    const expiresAtMs = created + producer.config['delivery.timeout.ms'];
    checkAtMs = Math.min(checkAtMs, expiresAtMs);
    producer.inFlight.push({
      requestId,
      brokerId: request.brokerId,
      partition: batch.partition,
      records: batch.records,
      sentAtMs: state.nowMs,
      timeoutAtMs,
      expiresAtMs,
    });
  }
  armRequestTimeoutCheck(state, producer, Math.max(state.nowMs, checkAtMs));
}

/**
 * One timer per producer at its earliest request.timeout.ms deadline, as the Sender checks expired
 * in-flight requests on each pass, rather than one timer per request (two events per record that nearly
 * always found the request answered). Deadlines and the order of expiries are the same.
 */
export function armRequestTimeoutCheck(state: SimState, producer: ProducerState, atMs: number): void {
  const armed = producer.requestTimeoutCheckAtMs;
  if (armed >= state.nowMs && armed <= atMs) return;
  producer.requestTimeoutCheckAtMs = atMs;
  schedule(state, atMs, { kind: 'clientRequestTimeout', producerId: producer.id });
}

/** Sender's TimeoutException text for an expired batch. */
export function expiringText(
  producer: ProducerState,
  partition: number,
  records: number,
  ageMs: number,
): string {
  return `TimeoutException: Expiring ${records} record(s) for ${producer.topic}-${partition}:${ageMs} ms has passed since batch creation`;
}

export function failRecord(state: SimState, producer: ProducerState, rec: QueuedRecord, why: string): void {
  producer.lastError = why;
  markTxnFailed(producer);
  onFailed(state, rec.recordId);
  releaseBytes(producer, rec);
  wakeBlockedSend(state, producer);
  emit(state, 'produceFailed', `Producer ${producer.id} gave up on record ${rec.recordId}: ${why}.`);
}
