// The leader's side of Produce (ReplicaManager.appendRecords): one request carries a batch for each of
// several partitions; each is checked and appended on its own (the min ISR check for acks=all, idempotent
// sequence checks), and the request is answered once with a result per partition: at once for acks=1,
// never for acks=0, and for acks=all once every partition is done (DelayedProduce, delayedProduce.ts).
import type {
  KafkaErrorCode,
  LogRecord,
  Message,
  MessageBody,
  PartitionProduceResponse,
  PartitionState,
  ProduceRecordData,
  SimState,
} from '../types';
import { onCopyAdded } from '../audit/audit';
import { RECORD_OVERHEAD_BYTES } from '../config';
import { emit } from '../sim/events';
import { send } from '../sim/network';
import { appendRecords, lastSequenceOf } from '../log/replicaLog';
import { effectiveMinIsr, formatIds, leaderLog } from './partition';
import { maybeIncrementHighWatermark } from './replication';
import { completeParkedFetches } from './delayedFetch';
import { brokerIdOf } from './nodeKeys';
import { parkInPurgatory, watchDelayedProduce } from './delayedProduce';
import { isFenced } from './txnCoordinator';
import { TXN_DATA, TXN_NONE } from '../log/txnIndex';

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

/** What appending one partition's batch left to do: wait for the high watermark (requiredOffset ≥ 0) or nothing. */
interface PartitionAppend {
  response: PartitionProduceResponse;
  /** The offset the high watermark must reach (acks=all), -1 when the partition is done. */
  requiredOffset: number;
  /** The partition whose log grew, so its high watermark may move once the whole request is in. */
  appendedTo: PartitionState | null;
}

export function handleProduceRequest(state: SimState, message: Message): void {
  const req = message.body as ProduceRequest;
  const brokerId = brokerIdOf(message.to);
  const partitionResponses: PartitionProduceResponse[] = [];
  const appendedTo: PartitionState[] = [];
  let waiting = 0;
  for (const data of req.partitionData) {
    const result = appendPartition(state, req, brokerId, data.partitionId, data.records);
    partitionResponses.push(result.response);
    if (result.appendedTo) appendedTo.push(result.appendedTo);
    if (result.requiredOffset < 0) continue;
    const p = state.partitions[data.partitionId]!;
    parkInPurgatory(
      state,
      p,
      req.requestId,
      message.from,
      req.timeoutMs,
      result.response.baseOffset,
      result.requiredOffset,
    );
    waiting++;
  }
  if (req.acks !== 0) {
    // acks=0: the broker sends no response at all.
    if (waiting > 0)
      watchDelayedProduce(state, req.requestId, message.from, brokerId, waiting, partitionResponses);
    else
      send(state, message.to, message.from, {
        kind: 'ProduceResponse',
        requestId: req.requestId,
        partitionResponses,
      });
  }
  // Only now, with the whole request parked, may a moving high watermark complete it.
  for (const p of appendedTo) {
    maybeIncrementHighWatermark(state, p);
    completeParkedFetches(state, p);
  }
}

function done(partitionId: string, error: KafkaErrorCode | null, baseOffset: number): PartitionAppend {
  return { response: { partitionId, error, baseOffset }, requiredOffset: -1, appendedTo: null };
}

function appendPartition(
  state: SimState,
  req: ProduceRequest,
  brokerId: number,
  partitionId: string,
  records: ProduceRecordData[],
): PartitionAppend {
  const p = state.partitions[partitionId];
  if (!p || p.leader !== brokerId) return done(partitionId, 'NOT_LEADER_OR_FOLLOWER', -1);
  const minIsr = effectiveMinIsr(state, p);
  if (req.acks === 'all' && p.isr.length < minIsr) {
    emit(
      state,
      'produceRejected',
      `NOT_ENOUGH_REPLICAS: The size of the current ISR ${formatIds(p.isr)} is insufficient to satisfy the min.isr requirement of ${minIsr} for partition ${p.id}.`,
      { partitionId: p.id, brokerId },
    );
    return done(partitionId, 'NOT_ENOUGH_REPLICAS', -1);
  }
  // LogValidator.validateKey: compaction keeps the last record per key, so a keyless record has no place.
  if (
    state.topics[p.topic]!.config['cleanup.policy'].includes('compact') &&
    records.some((r) => r.key === null)
  ) {
    emit(
      state,
      'produceRejected',
      `INVALID_RECORD: Compacted topic cannot accept message without key in topic partition ${p.id}.`,
      { partitionId: p.id, brokerId },
    );
    return done(partitionId, 'INVALID_RECORD', -1);
  }
  // A transactional batch from a producer id its transactional.id has moved past: a zombie (fenced).
  if (
    req.transactionalId !== null &&
    records[0] &&
    isFenced(state, req.transactionalId, records[0].producerId)
  )
    return done(partitionId, 'PRODUCER_FENCED', -1);
  const txn = req.transactionalId === null ? TXN_NONE : TXN_DATA;
  const log = leaderLog(p)!;
  // LogAppendTime: the leader overwrites the producer's timestamps with its own clock (LogValidator).
  const timestampType = state.topics[p.topic]!.config['message.timestamp.type'];
  const logAppendTime = timestampType === 'LogAppendTime';
  const appended: LogRecord[] = [];
  let duplicateOffset = -1;
  // The batch's own records count as written for the records after them in the same batch.
  let last = records[0] && records[0].sequence >= 0 ? lastSequenceOf(log, records[0].producerId) : null;
  for (const r of records) {
    if (r.sequence >= 0) {
      if (last && r.sequence <= last.sequence) {
        // A retry of a batch already written: answer with its offset, write nothing (idempotence).
        duplicateOffset = last.offset - (last.sequence - r.sequence);
        continue;
      }
      // A producer id this log has no state for must start at sequence 0 (a new epoch starts there too).
      if (last ? r.sequence !== last.sequence + 1 : r.sequence !== 0)
        return done(partitionId, 'OUT_OF_ORDER_SEQUENCE_NUMBER', -1);
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
      txn,
    });
  }
  if (appended.length === 0) {
    // A duplicate is answered like the original write: with acks=all, only once it is committed.
    const wait = req.acks === 'all' && log.highWatermark <= duplicateOffset;
    return { ...done(partitionId, null, duplicateOffset), requiredOffset: wait ? duplicateOffset + 1 : -1 };
  }
  appendRecords(log, appended);
  for (const r of appended) onCopyAdded(state, r, brokerId, true);
  const baseOffset = appended[0]!.offset;
  const requiredOffset = req.acks === 'all' ? appended[appended.length - 1]!.offset + 1 : -1;
  return { response: { partitionId, error: null, baseOffset }, requiredOffset, appendedTo: p };
}
