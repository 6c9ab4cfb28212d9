// One replica's log: append, truncate, and the leader-epoch cache that followers use to find where their
// log diverges from a new leader's (KIP-101/KIP-279), instead of truncating blindly to the high watermark.
import type { EpochEntry, LogRecord, ReplicaLog } from '../types';
import {
  type RecordChunks,
  chunkAt,
  chunkCount,
  dropFront,
  emptyChunks,
  forEachChunked,
  lowerBound,
  pushRecord,
  sliceChunks,
  truncateChunks,
} from './recordChunks';
import { emptyTxns, pruneTxns, rebuildTxns, trackTxn } from './txnIndex';

export function createReplicaLog(brokerId: number, startOffset = 0): ReplicaLog {
  return {
    brokerId,
    logStartOffset: startOffset,
    logEndOffset: startOffset,
    highWatermark: startOffset,
    records: emptyChunks(),
    epochs: [],
    lastSequences: {},
    txns: emptyTxns(),
  };
}

/** Record the start of a new leader epoch, as the leader-epoch-checkpoint file does. */
export function assignEpochStartOffset(log: ReplicaLog, epoch: number, startOffset: number): void {
  const last = log.epochs[log.epochs.length - 1];
  if (last !== undefined && last.epoch >= epoch) return;
  log.epochs.push({ epoch, startOffset });
}

export function latestEpoch(log: ReplicaLog): number {
  return log.epochs[log.epochs.length - 1]?.epoch ?? -1;
}

/**
 * LeaderEpochFileCache.endOffsetFor: for the requested epoch, the largest known epoch ≤ it and the offset
 * where the next epoch starts (the log end offset for the latest epoch). An epoch older than every known
 * one answers with the first epoch's start offset; an epoch newer than every known one is undefined (-1).
 */
export function endOffsetForEpoch(
  log: ReplicaLog,
  requestedEpoch: number,
): EpochEntry & { endOffset: number } {
  const undefinedEpoch = { epoch: -1, startOffset: -1, endOffset: -1 };
  const latest = log.epochs[log.epochs.length - 1];
  if (requestedEpoch < 0 || !latest) return undefinedEpoch;
  if (latest.epoch === requestedEpoch)
    return { epoch: latest.epoch, startOffset: latest.startOffset, endOffset: log.logEndOffset };
  const higher = log.epochs.findIndex((e) => e.epoch > requestedEpoch);
  if (higher < 0) return undefinedEpoch;
  const next = log.epochs[higher]!;
  const floor = higher > 0 ? log.epochs[higher - 1]! : null;
  if (!floor) return { epoch: requestedEpoch, startOffset: next.startOffset, endOffset: next.startOffset };
  return { epoch: floor.epoch, startOffset: floor.startOffset, endOffset: next.startOffset };
}

export function appendRecords(log: ReplicaLog, records: readonly LogRecord[]): void {
  for (const record of records) {
    if (record.offset < log.logEndOffset)
      throw new Error(`append at ${record.offset} below LEO ${log.logEndOffset}`);
    assignEpochStartOffset(log, record.leaderEpoch, record.offset);
    pushRecord(log.records, record);
    log.logEndOffset = record.offset + 1;
    if (record.sequence >= 0)
      log.lastSequences[record.producerId] = { sequence: record.sequence, offset: record.offset };
    trackTxn(log, record);
  }
}

/** Remove every record at or above `offset`; returns what was removed. */
export function truncateTo(log: ReplicaLog, offset: number): LogRecord[] {
  if (offset >= log.logEndOffset) {
    // Nothing to cut, but as Kafka's UnifiedLog.truncateTo does, still drop epoch entries at the log end:
    // a broker elected leader that appended nothing before losing leadership holds {epoch, LEO}, and
    // keeping it would make every fetch report that epoch and diverge from the new leader forever.
    trimEpochsFrom(log, log.logEndOffset);
    return [];
  }
  const removed = truncateChunks(log.records, lowerBound(log.records, offset));
  log.logEndOffset = Math.max(offset, log.logStartOffset);
  log.highWatermark = Math.min(log.highWatermark, log.logEndOffset);
  trimEpochsFrom(log, log.logEndOffset);
  if (removed.some((r) => r.txn !== 0)) rebuildTxns(log, recordsOf(log));
  // A producer whose last record was cut off is now answered by its last record before the cut.
  for (const r of removed) {
    if (log.lastSequences[r.producerId]?.offset !== r.offset) continue;
    const last = scanLastSequence(log, r.producerId);
    if (last) log.lastSequences[r.producerId] = last;
    else delete log.lastSequences[r.producerId];
  }
  return removed;
}

/** LeaderEpochFileCache.truncateFromEnd: forget epochs that start at or after `endOffset`. */
function trimEpochsFrom(log: ReplicaLog, endOffset: number): void {
  while (log.epochs.length > 0 && log.epochs[log.epochs.length - 1]!.startOffset >= endOffset)
    log.epochs.pop();
}

/** Delete the `count` oldest records (retention); returns them. */
export function deleteOldest(log: ReplicaLog, count: number): LogRecord[] {
  const removed = dropFront(log.records, count);
  log.logStartOffset = chunkCount(log.records) > 0 ? chunkAt(log.records, 0).offset : log.logEndOffset;
  // Only a prefix went, so a producer whose last record went has no record left at all.
  for (const r of removed)
    if (log.lastSequences[r.producerId]?.offset === r.offset) delete log.lastSequences[r.producerId];
  pruneTxns(log);
  return removed;
}

/** Records in [from, to), using binary search since offsets ascend (with possible compaction gaps). */
/**
 * Records in [from, to) up to `maxBytes` of record size, as a fetch returns them: always at least one, so
 * that a record larger than the limit can still be fetched (Kafka returns the first batch whole).
 */
export function readRange(log: ReplicaLog, from: number, to: number, maxBytes: number): LogRecord[] {
  const rc = log.records;
  const count = chunkCount(rc);
  const out: LogRecord[] = [];
  let bytes = 0;
  for (let i = positionOf(rc, count, from); i < count; i++) {
    const r = chunkAt(rc, i);
    if (r.offset >= to) break;
    if (out.length > 0 && bytes + r.sizeBytes > maxBytes) break;
    bytes += r.sizeBytes;
    out.push(r);
  }
  return out;
}

/**
 * Position of the first record at or above `offset`. Fetches read near the end of the log, and offsets
 * are consecutive unless compaction left gaps, so the position counted back from the end is tried
 * before a binary search.
 */
function positionOf(rc: RecordChunks, count: number, offset: number): number {
  if (count === 0) return 0;
  const lastOffset = chunkAt(rc, count - 1).offset;
  if (lastOffset < offset) return count;
  const guess = count - 1 - (lastOffset - offset);
  if (guess >= 0 && chunkAt(rc, guess).offset === offset) return guess;
  return lowerBound(rc, offset);
}

/** Visit the records in [from, to) in offset order, without building an array. */
export function forEachInRange(
  log: ReplicaLog,
  from: number,
  to: number,
  visit: (record: LogRecord) => void,
): void {
  const rc = log.records;
  const count = chunkCount(rc);
  for (let i = positionOf(rc, count, from); i < count; i++) {
    const r = chunkAt(rc, i);
    if (r.offset >= to) return;
    visit(r);
  }
}

/** The last sequence an idempotent producer wrote to this log (Kafka's producer state for this log). */
export function lastSequenceOf(
  log: ReplicaLog,
  producerId: number,
): Readonly<{ sequence: number; offset: number }> | null {
  return log.lastSequences[producerId] ?? null;
}

function scanLastSequence(log: ReplicaLog, producerId: number): { sequence: number; offset: number } | null {
  for (let i = chunkCount(log.records) - 1; i >= 0; i--) {
    const r = chunkAt(log.records, i);
    if (r.producerId === producerId && r.sequence >= 0) return { sequence: r.sequence, offset: r.offset };
  }
  return null;
}

/** Rebuild the producer cache and transaction state after an arbitrary rewrite of the log (compaction). */
export function rebuildLastSequences(log: ReplicaLog): void {
  log.lastSequences = {};
  forEachChunked(log.records, (r) => {
    if (r.sequence >= 0) log.lastSequences[r.producerId] = { sequence: r.sequence, offset: r.offset };
  });
  rebuildTxns(log, recordsOf(log));
}

export function recordCount(log: ReplicaLog): number {
  return chunkCount(log.records);
}

/** The newest `n` records, oldest first (the view's window on a log). */
export function tailRecords(log: ReplicaLog, n: number): LogRecord[] {
  const count = chunkCount(log.records);
  return sliceChunks(log.records, Math.max(0, count - n), count);
}

/** Every record, oldest first, as a new array: for tests and tools, not for the hot path. */
export function recordsOf(log: ReplicaLog): LogRecord[] {
  return sliceChunks(log.records, 0, chunkCount(log.records));
}

/** The first record, oldest first, that satisfies `test` (what Array.find over the records would give). */
export function findRecord(log: ReplicaLog, test: (record: LogRecord) => boolean): LogRecord | undefined {
  let found: LogRecord | undefined;
  forEachChunked(log.records, (r) => {
    if (!test(r)) return true;
    found = r;
    return false;
  });
  return found;
}

/** Visit records oldest first; return false from `visit` to stop. */
export function forEachRecord(log: ReplicaLog, visit: (record: LogRecord) => boolean | void): void {
  forEachChunked(log.records, visit);
}
