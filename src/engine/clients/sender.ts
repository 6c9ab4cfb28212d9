// The producer's Sender: it drains the accumulator into produce requests, one batch per partition up to
// batch.size, with max.in.flight.requests.per.connection in flight per partition, and arms the
// request.timeout.ms check. Idempotence stamps a producer id and per-partition sequence on each batch.
import type { PartitionState, ProducerState, QueuedRecord, SimState } from '../types';
import { onAcked, onFailed } from '../audit/audit';
import { emit } from '../sim/events';
import { brokerNode, producerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { partitionIdOf } from './producerMemo';
import { recordSizeBytes } from '../cluster/produce';
import { releaseBytes } from './bufferPool';
import { wakeBlockedSend } from './producer';
import { bumpEpoch } from './producerResponses';

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
  /** Queued records of the partition when the pass began (-1 before the pass touches it), and seen so far. */
  total: number;
  seen: number;
}

const notes: PartitionNotes[] = [];
let pass = 0;

function notesOf(partition: number): PartitionNotes {
  let n = notes[partition];
  if (n === undefined)
    n = notes[partition] = {
      pass: -1,
      inFlight: 0,
      p: undefined,
      blocked: false,
      lastBytes: 0,
      planned: -1,
      total: -1,
      seen: 0,
    };
  if (n.pass !== pass) {
    n.pass = pass;
    n.inFlight = 0;
    n.p = undefined;
    n.blocked = false;
    n.lastBytes = 0;
    n.planned = -1;
    n.total = -1;
    n.seen = 0;
  }
  return n;
}

/** Keep producer.queuedPerPartition and queuedBytesPerPartition in step with the queue: +1 or -1 record. */
export function countQueued(producer: ProducerState, rec: QueuedRecord, delta: 1 | -1): void {
  const part = rec.partition;
  producer.queuedPerPartition[part] = (producer.queuedPerPartition[part] ?? 0) + delta;
  producer.queuedBytesPerPartition[part] =
    (producer.queuedBytesPerPartition[part] ?? 0) + delta * recordSizeBytes(rec.key, rec.value);
}

/**
 * RecordAccumulator.ready for a batch that is not a retry: it may leave once it is full (its partition
 * holds batch.size bytes), once linger.ms has passed since its first record was appended, while send()
 * waits for buffer.memory (the pool is exhausted), or when the producer is closing (close() flushes).
 * Otherwise, the time at which linger.ms ends.
 */
function lingerEndsAt(producer: ProducerState, head: QueuedRecord, nowMs: number): number {
  const config = producer.config;
  const endsAt = head.createdAtMs + config['linger.ms'];
  if (endsAt <= nowMs || !producer.running || producer.blockedSinceMs >= 0) return nowMs;
  return (producer.queuedBytesPerPartition[head.partition] ?? 0) >= config['batch.size'] ? nowMs : endsAt;
}

/**
 * Take what may leave now off the queue, in batches, into `sends`; fail what has outlived
 * delivery.timeout.ms. Returns when a record that must wait should wake the sender (Infinity: never).
 *
 * Per partition, as RecordAccumulator does with its deques: once a record must wait, the partition's
 * later records wait too and are not checked for expiry (they are younger, and Kafka expires a deque from
 * its head only). So once every partition with queued records is blocked or passed, the rest of the queue
 * can stay as it is: a producer whose queue backs up (a dead leader, a full pipeline) no longer rescans
 * thousands of records on every drain.
 */
function planBatches(state: SimState, producer: ProducerState, sends: PlannedSends[]): number {
  const config = producer.config;
  const maxInFlight = config['max.in.flight.requests.per.connection'];
  pass++;
  for (const f of producer.inFlight) notesOf(f.partition).inFlight++;
  let wakeAt = Number.POSITIVE_INFINITY;
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
      failRecord(state, producer, rec, `delivery.timeout.ms (${config['delivery.timeout.ms']} ms) expired`);
      continue;
    }
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
    if (!ready || (!fitsLast && used >= maxInFlight)) {
      n.blocked = true;
      open--;
      queue[kept++] = rec;
      // A full pipeline is woken by a response; only backoffs and missing leaders need a timer.
      if (used < maxInFlight)
        wakeAt = Math.min(wakeAt, Math.max(rec.notBeforeMs, state.nowMs + config['retry.backoff.ms']));
      continue;
    }
    // The first record of a new batch: a fresh batch lingers; a retried one only waited for its backoff.
    const lingerEnd = fitsLast || rec.batchId >= 0 ? state.nowMs : lingerEndsAt(producer, rec, state.nowMs);
    if (lingerEnd > state.nowMs) {
      n.blocked = true;
      open--;
      queue[kept++] = rec;
      wakeAt = Math.min(wakeAt, lingerEnd);
      continue;
    }
    countQueued(producer, rec, -1);
    if (lastOfPartition) open--;
    // Whatever is queued when a batch may leave goes with it, up to batch.size bytes.
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
  // The rest, untouched, belongs to blocked partitions: it moves up behind what was kept.
  const rest = queue.length - r;
  if (kept < r) queue.copyWithin(kept, r);
  queue.length = kept + rest;
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
      timestampMs: rec.timestampMs,
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
export function armRequestTimeoutCheck(state: SimState, producer: ProducerState, atMs: number): void {
  const armed = producer.requestTimeoutCheckAtMs;
  if (armed >= state.nowMs && armed <= atMs) return;
  producer.requestTimeoutCheckAtMs = atMs;
  schedule(state, atMs, { kind: 'clientRequestTimeout', producerId: producer.id });
}

export function failRecord(state: SimState, producer: ProducerState, rec: QueuedRecord, why: string): void {
  producer.lastError = why;
  onFailed(state, rec.recordId);
  releaseBytes(producer, rec);
  wakeBlockedSend(state, producer);
  emit(state, 'produceFailed', `Producer ${producer.id} gave up on record ${rec.recordId}: ${why}.`);
}
