// Retention and compaction, run every log.retention.check.interval.ms. Kafka deletes and cleans whole
// segments; here each record is its own segment (see Simplifications), and, as in Kafka, only records
// below the high watermark are ever deleted or cleaned.
import type { LogRecord, ReplicaLog, SimState, TopicConfig } from '../types';
import { onCopiesRemoved } from '../audit/audit';
import { chunksOf } from './recordChunks';
import { deleteOldest, forEachRecord, rebuildLastSequences } from './replicaLog';
import { lastStableOffset } from './txnIndex';

/** delete.retention.ms: how long a tombstone outlives the records it deleted. */
export const DELETE_RETENTION_MS = 86_400_000;

export function runRetention(state: SimState): void {
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    const config = state.topics[p.topic]!.config;
    for (const r of p.replicas) {
      // A stopped broker's log cleaner and retention thread stopped with it: its log stays as it was.
      if (state.brokers[r]?.status !== 'running') continue;
      const log = p.logs[r]!;
      if (config['cleanup.policy'].includes('delete')) deleteExpired(state, log, config);
      if (config['cleanup.policy'].includes('compact')) compact(state, log);
    }
  }
}

/**
 * Deletes from the oldest record while it is below the high watermark and older than retention.ms by its
 * timestamp (or the log is over retention.bytes), and stops at the first that is neither: Kafka's
 * deletableSegments stops at the first segment whose largest timestamp is within retention.ms, and here
 * each record is its own segment. Under CreateTime, timestamps need not grow with offsets (several
 * producers, a retried batch), so a record may outlive its own timestamp until every record before it
 * has expired too, as a record does in Kafka behind a newer one in its segment or an earlier segment.
 */
function deleteExpired(state: SimState, log: ReplicaLog, config: TopicConfig): void {
  const retentionMs = config['retention.ms'];
  const retentionBytes = config['retention.bytes'];
  let size = 0;
  if (retentionBytes >= 0)
    forEachRecord(log, (rec) => {
      size += rec.sizeBytes;
    });
  let drop = 0;
  forEachRecord(log, (rec) => {
    if (rec.offset >= log.highWatermark) return false;
    const tooOld = retentionMs >= 0 && state.nowMs - rec.timestampMs > retentionMs;
    // deleteRetentionSizeBreachedSegments deletes a segment only if the log stays at or above the limit.
    const tooBig = retentionBytes >= 0 && size - rec.sizeBytes >= retentionBytes;
    if (!tooOld && !tooBig) return false;
    size -= rec.sizeBytes;
    drop++;
    return true;
  });
  if (drop === 0) return;
  onCopiesRemoved(state, deleteOldest(log, drop), 'retention');
}

/**
 * Keep the latest record per key below the HW; drop tombstones older than delete.retention.ms. As
 * Kafka's cleaner, stop at the first unstable offset (the LSO): an unfinished transaction's records are
 * not cleaned, nor anything after them.
 */
function compact(state: SimState, log: ReplicaLog): void {
  const end = lastStableOffset(log);
  const latest = new Map<string, number>();
  forEachRecord(log, (rec) => {
    if (rec.offset >= end) return false;
    if (rec.key !== null) latest.set(rec.key, rec.offset);
    return true;
  });
  const kept: LogRecord[] = [];
  const removed: LogRecord[] = [];
  forEachRecord(log, (rec) => {
    const cleanable = rec.offset < end && rec.key !== null;
    const superseded = cleanable && latest.get(rec.key!) !== rec.offset;
    const expiredTombstone =
      cleanable && rec.value === null && state.nowMs - rec.timestampMs > DELETE_RETENTION_MS;
    if (superseded || expiredTombstone) removed.push(rec);
    else kept.push(rec);
  });
  if (removed.length === 0) return;
  log.records = chunksOf(kept);
  rebuildLastSequences(log);
  onCopiesRemoved(state, removed, 'compaction');
}
