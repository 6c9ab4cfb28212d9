// The producer client, application side: the send() calls a producer makes at its rate (blocking while
// buffer.memory is full), the partition each record goes to (murmur2 for keys, the built-in sticky
// partitioner for null keys), and the append to the accumulator. The Sender (sender.ts) takes it from
// there; producerResponses.ts handles what comes back.
import type { ProducerState, QueuedRecord, SimState } from '../types';
import { registerRecord } from '../audit/audit';
import { nextInt } from '../rng';
import { knownPartitions, requestMetadataUpdate } from './metadata';
import { emit } from '../sim/events';
import { schedule } from '../sim/timers';
import { partitionIdOf, partitionOfKey, renderTemplate } from './producerMemo';
import { recordSizeBytes } from '../cluster/produce';
import {
  BLOCKED_EVENT_EVERY_MS,
  blockedText,
  bufferExhaustedText,
  bufferFull,
  holdBytes,
} from './bufferPool';
import { countQueued, drainProducer } from './sender';
import { afterSend, canSend } from './transactionManager';

export function startProducer(state: SimState, producer: ProducerState): void {
  // A transactional producer's application calls initTransactions() first, whatever its rate.
  if (producer.txn?.state === 'UNINITIALIZED' && producer.running) canSend(state, producer);
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
  // A transactional application waits in initTransactions() or commitTransaction(): its ticks pause, and
  // the coordinator's answer starts a new chain (startProducer), so its rate resumes from then.
  if (producer.txn && !canSend(state, producer)) return;
  const maxBlockMs = producer.config['max.block.ms'];
  // The send() that blocked keeps the timestamp it took when it was called (KafkaProducer.doSend stamps
  // the record before the accumulator waits for memory).
  let blockedSendAtMs = -1;
  if (producer.blockedSinceMs >= 0) {
    if (!bufferFull(producer)) {
      blockedSendAtMs = producer.blockedSinceMs;
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
  // Whether the Sender must look: KafkaProducer wakes it only for a new or a full batch (or a blocked send()).
  let wake = false;
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
      const sentAtMs = blockedSendAtMs >= 0 ? blockedSendAtMs : state.nowMs;
      blockedSendAtMs = -1;
      wake =
        appendRecord(state, producer, nextKey(state, producer), undefined, null, sentAtMs) === true || wake;
    }
    producer.tickCount++;
    // The transaction's last send(): the application calls commitTransaction(), which flushes.
    if (producer.txn?.state === 'COMMITTING_TRANSACTION') {
      drainProducer(state, producer);
      return;
    }
  }
  if (wake || producer.blockedSinceMs >= 0) drainProducer(state, producer);
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
export function wakeBlockedSend(state: SimState, producer: ProducerState): void {
  if (producer.blockedSinceMs < 0 || bufferFull(producer)) return;
  // A producer without a rate (a service's output) was blocked by its caller, who simply tries again.
  if (producer.ratePerSec > 0) startProducer(state, producer);
  else producer.blockedSinceMs = -1;
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
  // The partitions in the producer's metadata, not the cluster's: added ones count from its next refresh.
  const count = producerPartitions(state, producer);
  if (key !== null) return partitionOfKey(key, count);
  const sticky = producer.sticky;
  if (sticky.partition < 0 || sticky.partition >= count || sticky.bytes >= producer.config['batch.size']) {
    const withLeader: number[] = [];
    for (let i = 0; i < count; i++)
      if ((state.partitions[partitionIdOf(topic.name, i)]?.leader ?? -1) >= 0) withLeader.push(i);
    const pool = withLeader.length > 0 ? withLeader : Array.from({ length: count }, (_, i) => i);
    sticky.partition = pool[nextInt(state.rng.producers, pool.length)]!;
    sticky.bytes = 0;
  }
  sticky.bytes += size;
  return sticky.partition;
}

/** The topic's partition count in the producer's metadata (metadata.max.age.ms). */
export function producerPartitions(state: SimState, producer: ProducerState): number {
  const maxAge = producer.config['metadata.max.age.ms'];
  return knownPartitions(state, `Producer ${producer.id}`, producer.metadata, maxAge, producer.topic);
}

/** Put one record in the accumulator; returns an error text for an impossible explicit partition. */
export function enqueueRecord(
  state: SimState,
  producer: ProducerState,
  key: string | null,
  /** undefined: render the producer's value template; null: a tombstone (delete this key when compacted). */
  value: string | null | undefined,
  explicitPartition: number | null,
): string | null {
  // A transactional producer sends only inside a transaction (send() waits for initTransactions() or
  // for commitTransaction() to return).
  if (producer.txn && !canSend(state, producer))
    return `Producer ${producer.id} is in ${producer.txn.state}: send() must wait until it is ready for a new transaction.`;
  const appended = appendRecord(state, producer, key, value, explicitPartition, state.nowMs);
  if (typeof appended === 'string') return appended;
  if (appended || producer.txn?.state === 'COMMITTING_TRANSACTION') drainProducer(state, producer);
  return null;
}

/**
 * RecordAccumulator.append: an error text for an impossible explicit partition, else whether the Sender
 * should be woken, as KafkaProducer.doSend does only when the record starts a new batch or fills one. A
 * record joining a batch that waits (for linger.ms, a free in-flight slot or a backoff) changes nothing
 * the Sender could act on.
 */
function appendRecord(
  state: SimState,
  producer: ProducerState,
  key: string | null,
  value: string | null | undefined,
  explicitPartition: number | null,
  /** When the application called send(): the record's CreateTime timestamp. */
  sentAtMs: number,
): string | boolean {
  const topic = state.topics[producer.topic];
  if (!topic) return `Topic ${producer.topic} not present in metadata.`;
  if (explicitPartition !== null) {
    // KafkaProducer.waitOnMetadata: a partition the metadata does not have yet makes it refresh first.
    if (explicitPartition >= producerPartitions(state, producer)) requestMetadataUpdate(producer.metadata);
    const count = producerPartitions(state, producer);
    if (explicitPartition < 0 || explicitPartition >= count)
      return `Partition ${explicitPartition} of topic ${topic.name} with partition count ${count} is not present in metadata.`;
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
    sentAtMs,
  );
  const queued: QueuedRecord = {
    recordId,
    key,
    value: text,
    partition,
    sequence: -1,
    batchId: -1,
    attempt: 0,
    createdAtMs: state.nowMs,
    timestampMs: sentAtMs,
    notBeforeMs: state.nowMs,
  };
  producer.queue.push(queued);
  const newBatch = (producer.queuedPerPartition[partition] ?? 0) === 0;
  countQueued(producer, queued, 1);
  if (producer.txn) afterSend(state, producer, partitionIdOf(topic.name, partition));
  return newBatch || (producer.queuedBytesPerPartition[partition] ?? 0) >= producer.config['batch.size'];
}
