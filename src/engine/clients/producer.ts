// The producer client: choose a partition (murmur2 for keys, the built-in sticky partitioner for null
// keys), send with max.in.flight.requests.per.connection in flight per partition, and retry retriable
// errors until delivery.timeout.ms, re-enqueuing the way the RecordAccumulator does. Idempotence stamps
// a producer id and per-partition sequence so that the leader can drop retried duplicates.
import type {
  InFlightSend,
  KafkaErrorCode,
  Message,
  MessageBody,
  ProducerState,
  QueuedRecord,
  SimState,
} from '../types';
import { onAcked, onFailed, registerRecord } from '../audit/audit';
import { nextInt } from '../rng';
import { emit } from '../sim/events';
import { brokerNode, producerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { partitionForKey } from './murmur2';
import { recordSizeBytes } from '../cluster/produce';

type ProduceResponse = Extract<MessageBody, { kind: 'ProduceResponse' }>;

export function startProducer(state: SimState, producer: ProducerState): void {
  if (producer.ratePerSec > 0) schedule(state, state.nowMs, { kind: 'produceTick', producerId: producer.id });
}

export function produceIntervalMs(producer: ProducerState): number {
  return Math.max(1, Math.round(1000 / producer.ratePerSec));
}

export function onProduceTick(state: SimState, producerId: string): void {
  const producer = state.producers[producerId];
  if (!producer || !producer.running || producer.ratePerSec <= 0) return;
  const key = nextKey(state, producer);
  enqueueRecord(state, producer, key, null, null);
  schedule(state, state.nowMs + produceIntervalMs(producer), { kind: 'produceTick', producerId });
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
  const n = String(producer.produced + 1);
  return producer.valueTemplate.replaceAll('{n}', n).replaceAll('{key}', key ?? 'null');
}

/** KafkaProducer.partition + the built-in sticky partitioner (KIP-794) for null keys. */
function choosePartition(state: SimState, producer: ProducerState, key: string | null, size: number): number {
  const topic = state.topics[producer.topic]!;
  if (key !== null) return partitionForKey(key, topic.partitions);
  const sticky = producer.sticky;
  if (
    sticky.partition < 0 ||
    sticky.partition >= topic.partitions ||
    sticky.bytes >= producer.config['batch.size']
  ) {
    const withLeader: number[] = [];
    for (let i = 0; i < topic.partitions; i++)
      if ((state.partitions[`${topic.name}-${i}`]?.leader ?? -1) >= 0) withLeader.push(i);
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
  value: string | null,
  explicitPartition: number | null,
): string | null {
  const topic = state.topics[producer.topic];
  if (!topic) return `Topic ${producer.topic} not present in metadata.`;
  if (explicitPartition !== null && (explicitPartition < 0 || explicitPartition >= topic.partitions)) {
    return `Partition ${explicitPartition} of topic ${topic.name} with partition count ${topic.partitions} is not present in metadata.`;
  }
  const text = value ?? renderValue(producer, key);
  const partition = explicitPartition ?? choosePartition(state, producer, key, recordSizeBytes(key, text));
  const recordId = state.nextId++;
  producer.produced++;
  registerRecord(state, recordId, producer.id, `${topic.name}-${partition}`, key, producer.config.acks);
  producer.queue.push({
    recordId,
    key,
    value: text,
    partition,
    sequence: -1,
    attempt: 0,
    createdAtMs: state.nowMs,
    notBeforeMs: state.nowMs,
  });
  drainProducer(state, producer);
  return null;
}

/** The Sender: send what may be sent now, respecting per-partition order and the in-flight limit. */
export function drainProducer(state: SimState, producer: ProducerState): void {
  if (producer.epochBumpPending) {
    // The bump waits for every in-flight request to finish, so old and new epochs never interleave.
    if (producer.inFlight.length > 0) return;
    bumpEpoch(state, producer);
  }
  const maxInFlight = producer.config['max.in.flight.requests.per.connection'];
  const inFlightPer = new Map<number, number>();
  for (const f of producer.inFlight) inFlightPer.set(f.partition, (inFlightPer.get(f.partition) ?? 0) + 1);
  const blocked = new Set<number>();
  const remaining: QueuedRecord[] = [];
  let wakeAt = Number.POSITIVE_INFINITY;
  for (const rec of producer.queue) {
    if (state.nowMs - rec.createdAtMs >= producer.config['delivery.timeout.ms']) {
      failRecord(
        state,
        producer,
        rec.recordId,
        `delivery.timeout.ms (${producer.config['delivery.timeout.ms']} ms) expired`,
      );
      continue;
    }
    const p = state.partitions[`${producer.topic}-${rec.partition}`];
    const inFlight = inFlightPer.get(rec.partition) ?? 0;
    const ready = rec.notBeforeMs <= state.nowMs && p !== undefined && p.leader >= 0;
    // Per-partition order: once one record of a partition must wait, the later ones wait too.
    if (blocked.has(rec.partition) || !ready || inFlight >= maxInFlight) {
      blocked.add(rec.partition);
      remaining.push(rec);
      // A full pipeline is woken by a response; only backoffs and missing leaders need a timer.
      if (inFlight < maxInFlight)
        wakeAt = Math.min(
          wakeAt,
          Math.max(rec.notBeforeMs, state.nowMs + producer.config['retry.backoff.ms']),
        );
      continue;
    }
    sendRecord(state, producer, rec, p.leader);
    if (producer.config.acks !== 0) inFlightPer.set(rec.partition, inFlight + 1);
  }
  producer.queue = remaining;
  // One pending wake-up at a time: an earlier need replaces a later one, never adds to it.
  if (Number.isFinite(wakeAt) && (producer.sendWakeAtMs < state.nowMs || wakeAt < producer.sendWakeAtMs)) {
    producer.sendWakeAtMs = wakeAt;
    schedule(state, wakeAt, { kind: 'producerSend', producerId: producer.id });
  }
}

function sendRecord(state: SimState, producer: ProducerState, rec: QueuedRecord, leader: number): void {
  const partitionId = `${producer.topic}-${rec.partition}`;
  const idempotent = producer.config['enable.idempotence'];
  if (idempotent && rec.sequence < 0) {
    rec.sequence = producer.nextSequence[rec.partition] ?? 0;
    producer.nextSequence[rec.partition] = rec.sequence + 1;
  }
  const requestId = state.nextId++;
  const acks = producer.config.acks;
  send(state, producerNode(producer.id), brokerNode(leader), {
    kind: 'ProduceRequest',
    requestId,
    partitionId,
    acks,
    records: [
      {
        recordId: rec.recordId,
        key: rec.key,
        value: rec.value,
        producerId: producer.producerId,
        sequence: idempotent ? rec.sequence : -1,
      },
    ],
    timeoutMs: producer.config['request.timeout.ms'],
  });
  if (acks === 0) {
    // acks=0: the callback fires at once with offset -1; retries can never happen.
    onAcked(state, rec.recordId);
    return;
  }
  const timeoutAtMs = state.nowMs + producer.config['request.timeout.ms'];
  const flight: InFlightSend = {
    requestId,
    recordId: rec.recordId,
    key: rec.key,
    value: rec.value,
    partition: rec.partition,
    sequence: rec.sequence,
    attempt: rec.attempt,
    sentAtMs: state.nowMs,
    timeoutAtMs,
    firstSentAtMs: rec.createdAtMs,
  };
  producer.inFlight.push(flight);
  schedule(state, timeoutAtMs, { kind: 'clientRequestTimeout', producerId: producer.id, requestId });
}

function failRecord(state: SimState, producer: ProducerState, recordId: number, why: string): void {
  producer.lastError = why;
  onFailed(state, recordId);
  emit(state, 'produceFailed', `Producer ${producer.id} gave up on record ${recordId}: ${why}.`);
}

export function onProduceResponse(state: SimState, message: Message): void {
  const res = message.body as ProduceResponse;
  const producer = state.producers[message.to.slice(9)];
  if (!producer) return;
  completeInFlight(state, producer, res.requestId, res.error);
}

export function onClientRequestTimeout(state: SimState, producerId: string, requestId: number): void {
  const producer = state.producers[producerId];
  if (producer) completeInFlight(state, producer, requestId, 'REQUEST_TIMED_OUT');
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
    onAcked(state, flight.recordId);
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
  const expired = state.nowMs - flight.firstSentAtMs >= producer.config['delivery.timeout.ms'];
  if (flight.attempt >= producer.config.retries || expired) {
    failRecord(
      state,
      producer,
      flight.recordId,
      expired ? `delivery.timeout.ms expired after ${error}` : `${error} after ${flight.attempt} retries`,
    );
    return;
  }
  const record: QueuedRecord = {
    recordId: flight.recordId,
    key: flight.key,
    value: flight.value,
    partition: flight.partition,
    sequence: flight.sequence,
    attempt: flight.attempt + 1,
    createdAtMs: flight.firstSentAtMs,
    notBeforeMs: state.nowMs + producer.config['retry.backoff.ms'],
  };
  if (
    error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' &&
    !hasEarlierPending(producer, flight) &&
    !producer.epochBumpPending
  ) {
    producer.epochBumpPending = true;
    emit(
      state,
      'producerEpochBumped',
      `Producer ${producer.id} hit OUT_OF_ORDER_SEQUENCE_NUMBER on ${producer.topic}-${flight.partition}: it will bump its epoch once its in-flight requests finish.`,
    );
  }
  reenqueue(producer, record);
}

function hasEarlierPending(producer: ProducerState, flight: InFlightSend): boolean {
  const earlier = (s: number): boolean => s >= 0 && s < flight.sequence;
  return (
    producer.queue.some((q) => q.partition === flight.partition && earlier(q.sequence)) ||
    producer.inFlight.some((f) => f.partition === flight.partition && earlier(f.sequence))
  );
}

/** KIP-360: a sequence gap the producer cannot fill is resolved by bumping the epoch and renumbering. */
function bumpEpoch(state: SimState, producer: ProducerState): void {
  producer.epochBumpPending = false;
  producer.producerId = state.nextId++;
  producer.nextSequence = {};
  // Every partition starts again at sequence 0 under the new epoch, in the order the records were created.
  producer.queue.sort((a, b) => a.recordId - b.recordId);
  for (const q of producer.queue) q.sequence = -1;
}

/** RecordAccumulator.reenqueue: in sequence order when idempotent, else at the front (which can reorder). */
function reenqueue(producer: ProducerState, record: QueuedRecord): void {
  const q = producer.queue;
  let at: number;
  if (producer.config['enable.idempotence'] && record.sequence >= 0) {
    at = q.findIndex(
      (x) => x.partition === record.partition && (x.sequence < 0 || x.sequence > record.sequence),
    );
  } else {
    at = q.findIndex((x) => x.partition === record.partition);
  }
  if (at < 0) q.push(record);
  else q.splice(at, 0, record);
}
