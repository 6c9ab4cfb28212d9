// The leader's side of Produce (ReplicaManager.appendRecords + DelayedProduce): the min ISR check for
// acks=all, idempotent sequence checks, the append, and the purgatory that answers acks=all once the
// high watermark passes the records.
import type { KafkaErrorCode, LogRecord, Message, MessageBody, PartitionState, SimState } from '../types';
import { onCopyAdded } from '../audit/audit';
import { RECORD_OVERHEAD_BYTES } from '../config';
import { emit } from '../sim/events';
import { brokerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { appendRecords, lastSequenceOf } from '../log/replicaLog';
import { effectiveMinIsr, formatIds, leaderLog } from './partition';
import { completeParkedFetches, maybeIncrementHighWatermark } from './replication';
import { brokerIdOf } from './nodeKeys';

type ProduceRequest = Extract<MessageBody, { kind: 'ProduceRequest' }>;

export function recordSizeBytes(key: string | null, value: string | null): number {
  return (
    RECORD_OVERHEAD_BYTES + (key === null ? 0 : utf8Length(key)) + (value === null ? 0 : utf8Length(value))
  );
}

/**
 * utf8(s).length without building the bytes: record sizes are needed several times per record. Java's
 * encoder writes one byte ('?') for an unpaired surrogate, and so does utf8.
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c < 0xd800 || c > 0xdfff) n += 3;
    else if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 1;
  }
  return n;
}

function reply(state: SimState, request: Message, error: KafkaErrorCode | null, baseOffset: number): void {
  const req = request.body as ProduceRequest;
  if (req.acks === 0) return; // acks=0: the broker sends no response at all.
  send(state, request.to, request.from, {
    kind: 'ProduceResponse',
    requestId: req.requestId,
    partitionId: req.partitionId,
    error,
    baseOffset,
  });
}

export function handleProduceRequest(state: SimState, message: Message): void {
  const req = message.body as ProduceRequest;
  const p = state.partitions[req.partitionId];
  const brokerId = brokerIdOf(message.to);
  if (!p || p.leader !== brokerId) {
    reply(state, message, 'NOT_LEADER_OR_FOLLOWER', -1);
    return;
  }
  const minIsr = effectiveMinIsr(state, p);
  if (req.acks === 'all' && p.isr.length < minIsr) {
    emit(
      state,
      'produceRejected',
      `NOT_ENOUGH_REPLICAS: The size of the current ISR ${formatIds(p.isr)} is insufficient to satisfy the min.isr requirement of ${minIsr} for partition ${p.id}.`,
      { partitionId: p.id, brokerId },
    );
    reply(state, message, 'NOT_ENOUGH_REPLICAS', -1);
    return;
  }
  const log = leaderLog(p)!;
  // LogAppendTime: the leader overwrites the producer's timestamps with its own clock (LogValidator).
  const timestampType = state.topics[p.topic]!.config['message.timestamp.type'];
  const logAppendTime = timestampType === 'LogAppendTime';
  const appended: LogRecord[] = [];
  let duplicateOffset = -1;
  // The batch's own records count as written for the records after them in the same batch.
  let last =
    req.records[0] && req.records[0].sequence >= 0 ? lastSequenceOf(log, req.records[0].producerId) : null;
  for (const r of req.records) {
    if (r.sequence >= 0) {
      if (last && r.sequence <= last.sequence) {
        // A retry of a batch already written: answer with its offset, write nothing (idempotence).
        duplicateOffset = last.offset - (last.sequence - r.sequence);
        continue;
      }
      // A producer id this log has no state for must start at sequence 0 (a new epoch starts there too).
      if (last ? r.sequence !== last.sequence + 1 : r.sequence !== 0) {
        reply(state, message, 'OUT_OF_ORDER_SEQUENCE_NUMBER', -1);
        return;
      }
    }
    if (r.sequence >= 0) last = { sequence: r.sequence, offset: log.logEndOffset + appended.length };
    appended.push({
      offset: log.logEndOffset + appended.length,
      leaderEpoch: p.leaderEpoch,
      key: r.key,
      value: r.value,
      timestampMs: logAppendTime ? state.nowMs : r.timestampMs,
      timestampType,
      sizeBytes: recordSizeBytes(r.key, r.value),
      recordId: r.recordId,
      producerId: r.producerId,
      sequence: r.sequence,
    });
  }
  if (appended.length === 0) {
    // A duplicate is answered like the original write: with acks=all, only once it is committed.
    if (req.acks === 'all' && log.highWatermark <= duplicateOffset) {
      parkInPurgatory(state, p, message, duplicateOffset, duplicateOffset + 1);
    } else {
      reply(state, message, null, duplicateOffset);
    }
    return;
  }
  appendRecords(log, appended);
  for (const r of appended) onCopyAdded(state, r, brokerId, true);
  const baseOffset = appended[0]!.offset;
  const requiredOffset = appended[appended.length - 1]!.offset + 1;
  if (req.acks === 'all') {
    parkInPurgatory(state, p, message, baseOffset, requiredOffset);
  } else {
    reply(state, message, null, baseOffset);
  }
  maybeIncrementHighWatermark(state, p);
  completeParkedFetches(state, p);
}

function parkInPurgatory(
  state: SimState,
  p: PartitionState,
  message: Message,
  baseOffset: number,
  requiredOffset: number,
): void {
  const req = message.body as ProduceRequest;
  p.purgatory.push({
    requestId: req.requestId,
    producerId: message.from,
    requiredOffset,
    baseOffset,
    expiresAtMs: state.nowMs + req.timeoutMs,
  });
  armPurgatoryCheck(state, p, state.nowMs + req.timeoutMs);
}

/**
 * One timer per purgatory, at its earliest expiry, rather than one per request: nearly every request
 * completes long before its timeout, and a timer each was two events per record that only ever found
 * nothing to do. Expiry times and the order of expiries are the same.
 */
function armPurgatoryCheck(state: SimState, p: PartitionState, atMs: number): void {
  if (p.purgatoryCheckAtMs >= state.nowMs && p.purgatoryCheckAtMs <= atMs) return;
  p.purgatoryCheckAtMs = atMs;
  schedule(state, atMs, { kind: 'produceTimeout', partitionId: p.id });
}

/** DelayedProduce.tryComplete for every waiting acks=all request of this partition. */
export function completeProducePurgatory(state: SimState, p: PartitionState): void {
  const log = leaderLog(p);
  if (!log || p.purgatory.length === 0) return;
  // Checked on every high-watermark move: usually nothing is complete yet.
  if (!p.purgatory.some((pending) => log.highWatermark >= pending.requiredOffset)) return;
  const minIsr = effectiveMinIsr(state, p);
  const waiting = p.purgatory;
  p.purgatory = [];
  for (const pending of waiting) {
    if (log.highWatermark < pending.requiredOffset) {
      p.purgatory.push(pending);
      continue;
    }
    const error: KafkaErrorCode | null = p.isr.length >= minIsr ? null : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
    if (error) {
      emit(
        state,
        'produceRejected',
        `NOT_ENOUGH_REPLICAS_AFTER_APPEND on ${p.id}: the records were written, but the ISR ${formatIds(p.isr)} shrank below min.insync.replicas=${minIsr}.`,
        { partitionId: p.id },
      );
    }
    sendProduceResponse(state, p, pending.producerId, pending.requestId, error, pending.baseOffset);
  }
}

function sendProduceResponse(
  state: SimState,
  p: PartitionState,
  producerNode: string,
  requestId: number,
  error: KafkaErrorCode | null,
  baseOffset: number,
): void {
  send(state, brokerNode(p.leader), producerNode, {
    kind: 'ProduceResponse',
    requestId,
    partitionId: p.id,
    error,
    baseOffset,
  });
}

/** Requests still waiting when their timeout passes fail with REQUEST_TIMED_OUT, in the order they came. */
export function onProduceTimeout(state: SimState, p: PartitionState): void {
  const expired = p.purgatory.filter((x) => x.expiresAtMs <= state.nowMs);
  if (expired.length > 0) p.purgatory = p.purgatory.filter((x) => x.expiresAtMs > state.nowMs);
  for (const pending of expired)
    sendProduceResponse(state, p, pending.producerId, pending.requestId, 'REQUEST_TIMED_OUT', -1);
  if (p.purgatory.length > 0) armPurgatoryCheck(state, p, Math.min(...p.purgatory.map((x) => x.expiresAtMs)));
}

/** When a leader loses leadership, its waiting produce requests fail so that producers retry elsewhere. */
export function failPurgatoryOnLeaderChange(state: SimState, p: PartitionState, oldLeader: number): void {
  const waiting = p.purgatory;
  p.purgatory = [];
  for (const pending of waiting) {
    send(state, brokerNode(oldLeader), pending.producerId, {
      kind: 'ProduceResponse',
      requestId: pending.requestId,
      partitionId: p.id,
      error: 'NOT_LEADER_OR_FOLLOWER',
      baseOffset: -1,
    });
  }
}
