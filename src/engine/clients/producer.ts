// The producer client: choose a partition (murmur2 for keys, the built-in sticky partitioner for null
// keys), send with max.in.flight.requests.per.connection in flight per partition, and retry retriable
// errors until delivery.timeout.ms, re-enqueuing the way the RecordAccumulator does. Idempotence stamps
// a producer id and per-partition sequence so that the leader can drop retried duplicates.
import type {
  InFlightSend,
  KafkaErrorCode,
  Message,
  MessageBody,
  PartitionState,
  ProducerState,
  QueuedRecord,
  SimState,
} from '../types';
import { onAcked, onFailed, registerRecord } from '../audit/audit';
import { nextInt } from '../rng';
import { emit } from '../sim/events';
import { brokerNode, producerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { partitionIdOf, partitionOfKey, renderTemplate } from './producerMemo';
import { nodeInfo } from '../cluster/nodeKeys';
import { recordSizeBytes } from '../cluster/produce';
import {
  BLOCKED_EVENT_EVERY_MS,
  blockedText,
  bufferExhaustedText,
  bufferFull,
  holdBytes,
  releaseBytes,
} from './bufferPool';

type ProduceResponse = Extract<MessageBody, { kind: 'ProduceResponse' }>;

export function startProducer(state: SimState, producer: ProducerState): void {
  producer.tickToken++;
  producer.tickStartMs = state.nowMs;
  producer.tickCount = 0;
  if (producer.ratePerSec > 0) {
    schedule(state, state.nowMs, { kind: 'produceTick', producerId: producer.id, token: producer.tickToken });
  }
}

/** When the chain's k-th record is due: exact over time, where a whole-ms interval would drift (600/s gave 500/s). */
function dueAtMs(producer: ProducerState, k: number): number {
  return producer.tickStartMs + Math.floor((k * 1000) / producer.ratePerSec);
}

/**
 * The application's send() calls that are due: one per tick below 1,000 records/s, several in the same
 * millisecond above it. Those are all in the accumulator before the Sender drains, so they batch together
 * as they would in Kafka's RecordAccumulator.
 */
export function onProduceTick(state: SimState, producerId: string, token: number): void {
  const producer = state.producers[producerId];
  // A rate change starts a new chain of ticks; the old chain stops here.
  if (!producer || !producer.running || producer.ratePerSec <= 0 || token !== producer.tickToken) return;
  const maxBlockMs = producer.config['max.block.ms'];
  if (producer.blockedSinceMs >= 0) {
    if (!bufferFull(producer)) {
      producer.blockedSinceMs = -1; // memory was freed: the blocked send() goes through now
    } else if (state.nowMs - producer.blockedSinceMs >= maxBlockMs) {
      // The blocked send() throws; the application's next send() blocks again at once.
      notice(
        state,
        producer,
        'produceFailed',
        `Producer ${producer.id}: send() threw ${bufferExhaustedText(producer)}`,
      );
      producer.lastError = 'BufferExhaustedException';
      producer.blockedSinceMs = state.nowMs;
      schedule(state, state.nowMs + maxBlockMs, { kind: 'produceTick', producerId, token });
      return;
    } else {
      // Restarted while blocked (a rate change): still blocked, and its max.block.ms still runs.
      schedule(state, producer.blockedSinceMs + maxBlockMs, { kind: 'produceTick', producerId, token });
      return;
    }
  }
  while (dueAtMs(producer, producer.tickCount) <= state.nowMs) {
    if (bufferFull(producer)) {
      if (maxBlockMs > 0) {
        producer.blockedSinceMs = state.nowMs;
        notice(state, producer, 'producerBlocked', blockedText(producer));
        schedule(state, state.nowMs + maxBlockMs, { kind: 'produceTick', producerId, token });
        break;
      }
      // max.block.ms=0: send() throws at once and the application carries on with its next record.
      notice(
        state,
        producer,
        'produceFailed',
        `Producer ${producer.id}: send() threw ${bufferExhaustedText(producer)}`,
      );
      producer.lastError = 'BufferExhaustedException';
    } else {
      enqueueRecord(state, producer, nextKey(state, producer), undefined, null, false);
    }
    producer.tickCount++;
  }
  drainProducer(state, producer);
  if (producer.blockedSinceMs < 0)
    schedule(state, dueAtMs(producer, producer.tickCount), { kind: 'produceTick', producerId, token });
}

/** A narrated event about a blocked buffer, at most once per BLOCKED_EVENT_EVERY_MS for a producer. */
function notice(
  state: SimState,
  producer: ProducerState,
  type: 'producerBlocked' | 'produceFailed',
  text: string,
): void {
  if (producer.blockedNotedAtMs >= 0 && state.nowMs - producer.blockedNotedAtMs < BLOCKED_EVENT_EVERY_MS)
    return;
  producer.blockedNotedAtMs = state.nowMs;
  emit(state, type, text);
}

/** Bytes were freed: a send() blocked on buffer.memory goes through if they made room. */
function wakeBlockedSend(state: SimState, producer: ProducerState): void {
  if (producer.blockedSinceMs >= 0 && !bufferFull(producer)) startProducer(state, producer);
}

function nextKey(state: SimState, producer: ProducerState): string | null {
  const keys = producer.keys;
  switch (keys.kind) {
    case 'null':
      return null;
    case 'cycle':
      return keys.keys[producer.produced % keys.keys.length] ?? null;
    case 'random':
      return keys.keys[nextInt(state.rng.producers, keys.keys.length)] ?? null;
    case 'unique':
      return `${keys.prefix}${producer.produced + 1}`;
  }
}

function renderValue(producer: ProducerState, key: string | null): string {
  return renderTemplate(producer.valueTemplate, producer.produced + 1, key);
}

/** KafkaProducer.partition + the built-in sticky partitioner (KIP-794) for null keys. */
function choosePartition(state: SimState, producer: ProducerState, key: string | null, size: number): number {
  const topic = state.topics[producer.topic]!;
  if (key !== null) return partitionOfKey(key, topic.partitions);
  const sticky = producer.sticky;
  if (
    sticky.partition < 0 ||
    sticky.partition >= topic.partitions ||
    sticky.bytes >= producer.config['batch.size']
  ) {
    const withLeader: number[] = [];
    for (let i = 0; i < topic.partitions; i++)
      if ((state.partitions[partitionIdOf(topic.name, i)]?.leader ?? -1) >= 0) withLeader.push(i);
    const pool = withLeader.length > 0 ? withLeader : Array.from({ length: topic.partitions }, (_, i) => i);
    sticky.partition = pool[nextInt(state.rng.producers, pool.length)]!;
    sticky.bytes = 0;
  }
  sticky.bytes += size;
  return sticky.partition;
}

/** Put one record in the accumulator; returns an error text for an impossible explicit partition. */
export function enqueueRecord(
  state: SimState,
  producer: ProducerState,
  key: string | null,
  /** undefined: render the producer's value template; null: a tombstone (delete this key when compacted). */
  value: string | null | undefined,
  explicitPartition: number | null,
  /** false when the caller enqueues several records and drains once after them. */
  drain = true,
): string | null {
  const topic = state.topics[producer.topic];
  if (!topic) return `Topic ${producer.topic} not present in metadata.`;
  if (explicitPartition !== null && (explicitPartition < 0 || explicitPartition >= topic.partitions)) {
    return `Partition ${explicitPartition} of topic ${topic.name} with partition count ${topic.partitions} is not present in metadata.`;
  }
  const text = value === undefined ? renderValue(producer, key) : value;
  const partition = explicitPartition ?? choosePartition(state, producer, key, recordSizeBytes(key, text));
  holdBytes(producer, key, text);
  const recordId = state.nextId++;
  producer.produced++;
  registerRecord(
    state,
    recordId,
    producer.id,
    partitionIdOf(topic.name, partition),
    key,
    producer.config.acks,
  );
  producer.queue.push({
    recordId,
    key,
    value: text,
    partition,
    sequence: -1,
    batchId: -1,
    attempt: 0,
    createdAtMs: state.nowMs,
    notBeforeMs: state.nowMs,
  });
  if (drain) drainProducer(state, producer);
  return null;
}

/** The Sender: send what may be sent now, respecting per-partition order and the in-flight limit. */
export function drainProducer(state: SimState, producer: ProducerState): void {
  if (producer.epochBumpPending) {
    // The bump waits for every in-flight request to finish, so old and new epochs never interleave.
    if (producer.inFlight.length > 0) return;
    bumpEpoch(state, producer);
  }
  // Called after every record and every response: most calls find nothing queued.
  if (producer.queue.length === 0) return;
  const sends: PlannedSends[] = [];
  const wakeAt = planBatches(state, producer, sends);
  for (const planned of sends) {
    const leader = planned.p.leader;
    for (const batch of planned.batches) sendBatch(state, producer, planned.partition, batch, leader);
  }
  // One pending wake-up at a time: an earlier need replaces a later one, never adds to it.
  if (Number.isFinite(wakeAt) && (producer.sendWakeAtMs < state.nowMs || wakeAt < producer.sendWakeAtMs)) {
    producer.sendWakeAtMs = wakeAt;
    schedule(state, wakeAt, { kind: 'producerSend', producerId: producer.id });
  }
}

/** What one drain sends to one partition, in the order partitions were first planned (the send order). */
interface PlannedSends {
  partition: number;
  p: PartitionState;
  batches: QueuedRecord[][];
}

/**
 * One planning pass's notes on a partition. They are kept between calls and marked with the pass that
 * wrote them, since fresh per-call arrays made planning (twice per record) the engine's largest source
 * of garbage. Not state: nothing survives a pass.
 */
interface PartitionNotes {
  pass: number;
  inFlight: number;
  /** state.partitions entry, null when there is none; undefined until looked up in this pass. */
  p: PartitionState | null | undefined;
  /** Once one record of the partition must wait, the later ones wait too (per-partition order). */
  blocked: boolean;
  /** Bytes in the last planned batch. */
  lastBytes: number;
  /** Index into the pass's PlannedSends, -1 while nothing is planned. */
  planned: number;
}

const notes: PartitionNotes[] = [];
let pass = 0;

function notesOf(partition: number): PartitionNotes {
  let n = notes[partition];
  if (n === undefined)
    n = notes[partition] = { pass: -1, inFlight: 0, p: undefined, blocked: false, lastBytes: 0, planned: -1 };
  if (n.pass !== pass) {
    n.pass = pass;
    n.inFlight = 0;
    n.p = undefined;
    n.blocked = false;
    n.lastBytes = 0;
    n.planned = -1;
  }
  return n;
}

/**
 * Take what may leave now off the queue, in batches, into `sends`; fail what has outlived
 * delivery.timeout.ms. Returns when a record that must wait should wake the sender (Infinity: never).
 */
function planBatches(state: SimState, producer: ProducerState, sends: PlannedSends[]): number {
  const config = producer.config;
  const maxInFlight = config['max.in.flight.requests.per.connection'];
  pass++;
  for (const f of producer.inFlight) notesOf(f.partition).inFlight++;
  let wakeAt = Number.POSITIVE_INFINITY;
  // Records that stay are compacted to the front of the queue, in order.
  const queue = producer.queue;
  let kept = 0;
  for (let r = 0; r < queue.length; r++) {
    const rec = queue[r]!;
    if (state.nowMs - rec.createdAtMs >= config['delivery.timeout.ms']) {
      failRecord(state, producer, rec, `delivery.timeout.ms (${config['delivery.timeout.ms']} ms) expired`);
      continue;
    }
    const part = rec.partition;
    const n = notesOf(part);
    if (n.p === undefined) n.p = state.partitions[partitionIdOf(producer.topic, part)] ?? null;
    const p = n.p;
    const ready = rec.notBeforeMs <= state.nowMs && p !== null && p.leader >= 0;
    const planned = n.planned >= 0 ? sends[n.planned]!.batches : undefined;
    const used = n.inFlight + (planned?.length ?? 0);
    const last = planned?.[planned.length - 1];
    const size = recordSizeBytes(rec.key, rec.value);
    // A retried batch keeps its records (and so its contiguous sequences); fresh records batch together.
    const fitsLast =
      last !== undefined &&
      last[0]!.batchId === rec.batchId &&
      (rec.batchId >= 0 || n.lastBytes + size <= config['batch.size']);
    if (n.blocked || !ready || (!fitsLast && used >= maxInFlight)) {
      n.blocked = true;
      queue[kept++] = rec;
      // A full pipeline is woken by a response; only backoffs and missing leaders need a timer.
      if (used < maxInFlight)
        wakeAt = Math.min(wakeAt, Math.max(rec.notBeforeMs, state.nowMs + config['retry.backoff.ms']));
      continue;
    }
    // linger.ms=0: whatever waited for a free slot leaves together, one batch up to batch.size bytes.
    if (fitsLast) {
      last.push(rec);
      n.lastBytes += size;
    } else {
      if (planned === undefined) {
        n.planned = sends.length;
        sends.push({ partition: part, p: p!, batches: [[rec]] });
      } else planned.push([rec]);
      n.lastBytes = size;
    }
  }
  queue.length = kept;
  return wakeAt;
}

function sendBatch(
  state: SimState,
  producer: ProducerState,
  partition: number,
  batch: QueuedRecord[],
  leader: number,
): void {
  const idempotent = producer.config['enable.idempotence'];
  const batchId = batch[0]!.batchId >= 0 ? batch[0]!.batchId : state.nextId++;
  for (const rec of batch) rec.batchId = batchId;
  if (idempotent) {
    for (const rec of batch) {
      if (rec.sequence >= 0) continue;
      rec.sequence = producer.nextSequence[partition] ?? 0;
      producer.nextSequence[partition] = rec.sequence + 1;
    }
  }
  const requestId = state.nextId++;
  const acks = producer.config.acks;
  send(state, producerNode(producer.id), brokerNode(leader), {
    kind: 'ProduceRequest',
    requestId,
    partitionId: partitionIdOf(producer.topic, partition),
    acks,
    records: batch.map((rec) => ({
      recordId: rec.recordId,
      key: rec.key,
      value: rec.value,
      producerId: producer.producerId,
      sequence: idempotent ? rec.sequence : -1,
    })),
    timeoutMs: producer.config['request.timeout.ms'],
  });
  if (acks === 0) {
    // acks=0: the callback fires at once with offset -1; retries can never happen.
    for (const rec of batch) {
      onAcked(state, rec.recordId);
      releaseBytes(producer, rec);
    }
    wakeBlockedSend(state, producer);
    return;
  }
  const timeoutAtMs = state.nowMs + producer.config['request.timeout.ms'];
  producer.inFlight.push({ requestId, partition, records: batch, sentAtMs: state.nowMs, timeoutAtMs });
  armRequestTimeoutCheck(state, producer, timeoutAtMs);
}

/**
 * One timer per producer at its earliest request.timeout.ms deadline, as the Sender checks expired
 * in-flight requests on each pass, rather than one timer per request (two events per record that nearly
 * always found the request answered). Deadlines and the order of expiries are the same.
 */
function armRequestTimeoutCheck(state: SimState, producer: ProducerState, atMs: number): void {
  const armed = producer.requestTimeoutCheckAtMs;
  if (armed >= state.nowMs && armed <= atMs) return;
  producer.requestTimeoutCheckAtMs = atMs;
  schedule(state, atMs, { kind: 'clientRequestTimeout', producerId: producer.id });
}

function failRecord(state: SimState, producer: ProducerState, rec: QueuedRecord, why: string): void {
  producer.lastError = why;
  onFailed(state, rec.recordId);
  releaseBytes(producer, rec);
  wakeBlockedSend(state, producer);
  emit(state, 'produceFailed', `Producer ${producer.id} gave up on record ${rec.recordId}: ${why}.`);
}

export function onProduceResponse(state: SimState, message: Message): void {
  const res = message.body as ProduceResponse;
  const producer = state.producers[nodeInfo(message.to).key];
  if (!producer) return;
  completeInFlight(state, producer, res.requestId, res.error);
}

/** In-flight requests past their deadline fail with REQUEST_TIMED_OUT, oldest first. */
export function onClientRequestTimeout(state: SimState, producer: ProducerState): void {
  const expired = producer.inFlight.filter((f) => f.timeoutAtMs <= state.nowMs).map((f) => f.requestId);
  for (const requestId of expired) completeInFlight(state, producer, requestId, 'REQUEST_TIMED_OUT');
  if (producer.inFlight.length > 0)
    armRequestTimeoutCheck(state, producer, Math.min(...producer.inFlight.map((f) => f.timeoutAtMs)));
}

/** The broker's process died: its TCP connections close, so the client fails fast instead of timing out. */
export function onClientDisconnected(state: SimState, producerId: string, requestId: number): void {
  const producer = state.producers[producerId];
  if (producer) completeInFlight(state, producer, requestId, 'NETWORK_EXCEPTION');
}

function completeInFlight(
  state: SimState,
  producer: ProducerState,
  requestId: number,
  error: KafkaErrorCode | null,
): void {
  const index = producer.inFlight.findIndex((f) => f.requestId === requestId);
  if (index < 0) return; // already timed out and retried: a late answer is ignored
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
  drainProducer(state, producer);
}

function retryOrFail(
  state: SimState,
  producer: ProducerState,
  flight: InFlightSend,
  error: KafkaErrorCode,
): void {
  producer.lastError = error;
  const first = flight.records[0]!;
  const expired = state.nowMs - first.createdAtMs >= producer.config['delivery.timeout.ms'];
  if (first.attempt >= producer.config.retries || expired) {
    const why = expired
      ? `delivery.timeout.ms expired after ${error}`
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
  const notBeforeMs = state.nowMs + producer.config['retry.backoff.ms'];
  const unknownOutcome = error === 'REQUEST_TIMED_OUT' || error === 'NETWORK_EXCEPTION';
  for (const rec of [...flight.records].reverse())
    reenqueue(producer, {
      ...rec,
      attempt: rec.attempt + 1,
      notBeforeMs,
      unknownOutcome: rec.unknownOutcome === true || unknownOutcome,
    });
}

function hasEarlierPending(producer: ProducerState, partition: number, sequence: number): boolean {
  const earlier = (r: QueuedRecord): boolean =>
    r.partition === partition && r.sequence >= 0 && r.sequence < sequence;
  return producer.queue.some(earlier) || producer.inFlight.some((f) => f.records.some(earlier));
}

/** KIP-360: a sequence gap the producer cannot fill is resolved by bumping the epoch and renumbering. */
function bumpEpoch(state: SimState, producer: ProducerState): void {
  producer.epochBumpPending = false;
  producer.producerId = state.nextId++;
  producer.nextSequence = {};
  // A batch whose earlier attempt may have been written cannot be resent under a new epoch without
  // risking a duplicate, so it fails back to the application (as an expired batch does in Kafka).
  const unsafe = producer.queue.filter((q) => q.unknownOutcome);
  producer.queue = producer.queue.filter((q) => !q.unknownOutcome);
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
}
