// One replica's log: append, truncate, and the leader-epoch cache that followers use to find where their
// log diverges from a new leader's (KIP-101/KIP-279), instead of truncating blindly to the high watermark.
import type { EpochEntry, LogRecord, ReplicaLog } from '../types';

export function createReplicaLog(brokerId: number, startOffset = 0): ReplicaLog {
  return {
    brokerId,
    logStartOffset: startOffset,
    logEndOffset: startOffset,
    highWatermark: startOffset,
    records: [],
    epochs: [],
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
  if (latest.epoch === requestedEpoch) return { ...latest, endOffset: log.logEndOffset };
  const higher = log.epochs.findIndex((e) => e.epoch > requestedEpoch);
  if (higher < 0) return undefinedEpoch;
  const next = log.epochs[higher]!;
  const floor = higher > 0 ? log.epochs[higher - 1]! : null;
  if (!floor) return { epoch: requestedEpoch, startOffset: next.startOffset, endOffset: next.startOffset };
  return { epoch: floor.epoch, startOffset: floor.startOffset, endOffset: next.startOffset };
}

export function appendRecords(log: ReplicaLog, records: LogRecord[]): void {
  for (const record of records) {
    if (record.offset < log.logEndOffset)
      throw new Error(`append at ${record.offset} below LEO ${log.logEndOffset}`);
    assignEpochStartOffset(log, record.leaderEpoch, record.offset);
    log.records.push(record);
    log.logEndOffset = record.offset + 1;
  }
}

/** Remove every record at or above `offset`; returns what was removed. */
export function truncateTo(log: ReplicaLog, offset: number): LogRecord[] {
  if (offset >= log.logEndOffset) return [];
  let keep = log.records.length;
  while (keep > 0 && log.records[keep - 1]!.offset >= offset) keep--;
  const removed = log.records.splice(keep);
  log.logEndOffset = Math.max(offset, log.logStartOffset);
  log.highWatermark = Math.min(log.highWatermark, log.logEndOffset);
  while (log.epochs.length > 0 && log.epochs[log.epochs.length - 1]!.startOffset >= log.logEndOffset)
    log.epochs.pop();
  return removed;
}

/** Records in [from, to), using binary search since offsets ascend (with possible compaction gaps). */
export function readRange(log: ReplicaLog, from: number, to: number, max: number): LogRecord[] {
  const recs = log.records;
  let lo = 0;
  let hi = recs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (recs[mid]!.offset < from) lo = mid + 1;
    else hi = mid;
  }
  const out: LogRecord[] = [];
  for (let i = lo; i < recs.length && out.length < max; i++) {
    const r = recs[i]!;
    if (r.offset >= to) break;
    out.push(r);
  }
  return out;
}

/** The last sequence an idempotent producer wrote to this log, rebuilt from the log itself. */
export function lastSequenceOf(
  log: ReplicaLog,
  producerId: number,
): { sequence: number; offset: number } | null {
  for (let i = log.records.length - 1; i >= 0; i--) {
    const r = log.records[i]!;
    if (r.producerId === producerId && r.sequence >= 0) return { sequence: r.sequence, offset: r.offset };
  }
  return null;
}
