// What comes back to a producer: acknowledgements free buffer memory; errors are retried until
// delivery.timeout.ms, re-enqueuing the way the RecordAccumulator does (in sequence order with
// idempotence, otherwise in front of the partition's queue, which is how retries reorder records), and an
// unfillable sequence gap bumps the producer epoch (KIP-360).
import type {
  InFlightSend,
  KafkaErrorCode,
  Message,
  MessageBody,
  ProducerState,
  QueuedRecord,
  SimState,
} from '../types';
import { onAcked } from '../audit/audit';
import { emit } from '../sim/events';
import { nodeInfo } from '../cluster/nodeKeys';
import { releaseBytes } from './bufferPool';
import { wakeBlockedSend } from './producer';
import { armRequestTimeoutCheck, countQueued, drainProducer, expiringText, failRecord } from './sender';
import { fenceProducer } from './transactionManager';
import { retryBackoffMs } from './retryBackoff';
import { requestMetadataUpdate } from './metadata';
import { wakeExactlyOnceConsumers } from './poll';

type ProduceResponse = Extract<MessageBody, { kind: 'ProduceResponse' }>;

/** One ProduceResponse, a result per partition: each batch succeeds, retries or fails on its own. */
export function onProduceResponse(state: SimState, message: Message): void {
  const res = message.body as ProduceResponse;
  const producer = state.producers[nodeInfo(message.to).key];
  if (!producer) return;
  let handled = false;
  for (const r of res.partitionResponses) {
    const partition = state.partitions[r.partitionId]?.partition ?? -1;
    const index = producer.inFlight.findIndex(
      (f) => f.requestId === res.requestId && f.partition === partition,
    );
    // Not there: it already timed out and was retried, and a late answer is ignored.
    if (index < 0) continue;
    completeBatch(state, producer, index, r.error);
    handled = true;
  }
  if (handled) drainProducer(state, producer);
}

/**
 * A request past request.timeout.ms (NetworkClient.handleTimedOutRequests): the client closes that
 * broker's connection, so every request in flight on it fails with NETWORK_EXCEPTION ("Disconnected from
 * node … due to timeout"), oldest first, and is retried on a new connection.
 */
export function onClientRequestTimeout(state: SimState, producer: ProducerState): void {
  expireInFlight(state, producer);
  const brokers: number[] = [];
  for (const f of producer.inFlight)
    if (f.timeoutAtMs <= state.nowMs && !brokers.includes(f.brokerId)) brokers.push(f.brokerId);
  for (const brokerId of brokers) {
    const requests: number[] = [];
    for (const f of producer.inFlight)
      if (f.brokerId === brokerId && !requests.includes(f.requestId)) requests.push(f.requestId);
    emit(
      state,
      'producerRequestTimedOut',
      `Producer ${producer.id} had no answer from broker ${brokerId} within request.timeout.ms (${producer.config['request.timeout.ms']} ms): it closes the connection (Disconnected from node ${brokerId} due to timeout), so ${requests.length === 1 ? 'its request in flight fails' : `all ${requests.length} requests in flight on it fail`} with NETWORK_EXCEPTION and will be retried.`,
      { brokerId },
    );
    for (const requestId of requests) failRequest(state, producer, requestId, 'NETWORK_EXCEPTION');
  }
  if (producer.inFlight.length > 0)
    armRequestTimeoutCheck(
      state,
      producer,
      Math.min(...producer.inFlight.map((f) => Math.min(f.timeoutAtMs, f.expiresAtMs))),
    );
}

/**
 * Sender.getExpiredInflightBatches: a batch in flight past delivery.timeout.ms fails with a
 * TimeoutException, whatever becomes of its request; a late answer is then ignored.
 */
function expireInFlight(state: SimState, producer: ProducerState): void {
  const expired = producer.inFlight.filter((f) => f.expiresAtMs <= state.nowMs);
  if (expired.length === 0) return;
  producer.inFlight = producer.inFlight.filter((f) => f.expiresAtMs > state.nowMs);
  for (const f of expired) {
    const created = Math.min(...f.records.map((r) => r.createdAtMs));
    const why = expiringText(producer, f.partition, f.records.length, state.nowMs - created);
    for (const rec of f.records) failRecord(state, producer, rec, why);
  }
  drainProducer(state, producer);
}

/**
 * The broker's process died: its TCP connections close, so the client fails fast instead of timing out.
 * Every partition of the request shares the fate.
 */
export function onClientDisconnected(
  state: SimState,
  producerId: string,
  requestId: number,
  brokerId: number,
): void {
  const producer = state.producers[producerId];
  if (!producer) return;
  if (!producer.disconnectedFrom.includes(brokerId) && state.brokers[brokerId]?.status === 'stopped') {
    producer.disconnectedFrom.push(brokerId);
    emit(
      state,
      'producerDisconnected',
      `Producer ${producer.id} lost its connection to broker ${brokerId}: it stops sending there and keeps those batches until broker ${brokerId} is back or another broker leads their partitions.`,
      { brokerId },
    );
  }
  failRequest(state, producer, requestId, 'NETWORK_EXCEPTION');
}

/** A request with no answer: each of its batches is retried (or fails) as if its partition had the error. */
function failRequest(
  state: SimState,
  producer: ProducerState,
  requestId: number,
  error: KafkaErrorCode,
): void {
  let handled = false;
  for (let index; (index = producer.inFlight.findIndex((f) => f.requestId === requestId)) >= 0;) {
    completeBatch(state, producer, index, error);
    handled = true;
  }
  if (handled) drainProducer(state, producer);
}

function completeBatch(
  state: SimState,
  producer: ProducerState,
  index: number,
  error: KafkaErrorCode | null,
): void {
  const [flight] = producer.inFlight.splice(index, 1);
  if (!flight) return;
  if (error === null) {
    producer.lastError = null;
    for (const rec of flight.records) {
      onAcked(state, rec.recordId);
      releaseBytes(producer, rec);
    }
    wakeBlockedSend(state, producer);
  } else {
    retryOrFail(state, producer, flight, error);
  }
}

function retryOrFail(
  state: SimState,
  producer: ProducerState,
  flight: InFlightSend,
  error: KafkaErrorCode,
): void {
  producer.lastError = error;
  // Sender.completeBatch: an error that may mean stale metadata asks for a refresh.
  if (error === 'NOT_LEADER_OR_FOLLOWER' || error === 'NETWORK_EXCEPTION')
    requestMetadataUpdate(producer.metadata);
  if (error === 'PRODUCER_FENCED' || error === 'INVALID_TXN_STATE' || error === 'INVALID_RECORD') {
    // Not retriable: a fenced producer can only be closed (ProducerFencedException is fatal), and a
    // record the broker refused (InvalidRecordException) would be refused again.
    for (const rec of flight.records) failRecord(state, producer, rec, error);
    if (error === 'PRODUCER_FENCED') {
      fenceProducer(state, producer);
      wakeExactlyOnceConsumers(state, producer.id);
    }
    return;
  }
  const first = flight.records[0]!;
  const expired = state.nowMs - first.createdAtMs >= producer.config['delivery.timeout.ms'];
  if (first.attempt >= producer.config.retries || expired) {
    const age = state.nowMs - Math.min(...flight.records.map((r) => r.createdAtMs));
    const why = expired
      ? `${expiringText(producer, flight.partition, flight.records.length, age)} (last error ${error})`
      : `${error} after ${first.attempt} retries`;
    for (const rec of flight.records) failRecord(state, producer, rec, why);
    return;
  }
  const firstSequence = first.sequence;
  if (
    error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' &&
    !hasEarlierPending(producer, flight.partition, firstSequence) &&
    !producer.epochBumpPending
  ) {
    producer.epochBumpPending = true;
    emit(
      state,
      'producerEpochBumped',
      `Producer ${producer.id} hit OUT_OF_ORDER_SEQUENCE_NUMBER on ${producer.topic}-${flight.partition}: it will bump its epoch once its in-flight requests finish.`,
    );
  }
  const notBeforeMs = state.nowMs + retryBackoffMs(state, producer.config, first.attempt);
  const unknownOutcome = error === 'REQUEST_TIMED_OUT' || error === 'NETWORK_EXCEPTION';
  for (const rec of [...flight.records].reverse())
    reenqueue(producer, {
      ...rec,
      attempt: rec.attempt + 1,
      notBeforeMs,
      retryLeader: flight.brokerId,
      unknownOutcome: rec.unknownOutcome === true || unknownOutcome,
    });
}

function hasEarlierPending(producer: ProducerState, partition: number, sequence: number): boolean {
  const earlier = (r: QueuedRecord): boolean =>
    r.partition === partition && r.sequence >= 0 && r.sequence < sequence;
  return producer.queue.some(earlier) || producer.inFlight.some((f) => f.records.some(earlier));
}

/** KIP-360: a sequence gap the producer cannot fill is resolved by bumping the epoch and renumbering. */
export function bumpEpoch(state: SimState, producer: ProducerState): void {
  producer.epochBumpPending = false;
  producer.producerId = state.nextId++;
  producer.nextSequence = {};
  // A batch whose earlier attempt may have been written cannot be resent under a new epoch without
  // risking a duplicate, so it fails back to the application (as an expired batch does in Kafka).
  const unsafe = producer.queue.filter((q) => q.unknownOutcome);
  producer.queue = producer.queue.filter((q) => !q.unknownOutcome);
  for (const q of unsafe) countQueued(producer, q, -1);
  for (const q of unsafe)
    failRecord(
      state,
      producer,
      q,
      'its outcome was unknown when the producer bumped its epoch (it may have been written)',
    );
  // Every partition starts again at sequence 0 under the new epoch, in the order the records were created.
  producer.queue.sort((a, b) => a.recordId - b.recordId);
  for (const q of producer.queue) {
    q.sequence = -1;
    q.batchId = -1;
  }
}

/**
 * RecordAccumulator.reenqueue: a failed batch goes back to the front of its partition's queue. With
 * idempotence it is inserted in order (insertInSequenceOrder); without, a later batch that failed after an
 * earlier one lands in front of it, which is how retries reorder records.
 */
function reenqueue(producer: ProducerState, record: QueuedRecord): void {
  const q = producer.queue;
  const at = producer.config['enable.idempotence']
    ? q.findIndex((x) => x.partition === record.partition && x.recordId > record.recordId)
    : q.findIndex((x) => x.partition === record.partition);
  if (at < 0) q.push(record);
  else q.splice(at, 0, record);
  countQueued(producer, record, 1);
}
