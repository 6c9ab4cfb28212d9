// Retention and compaction, run every log.retention.check.interval.ms. Kafka deletes and cleans whole
// segments; here each record is its own segment (see Simplifications), and, as in Kafka, only records
// below the high watermark are ever deleted or cleaned.
import type { LogRecord, ReplicaLog, SimState, TopicConfig } from '../types';
import { onCopiesRemoved } from '../audit/audit';

/** delete.retention.ms: how long a tombstone outlives the records it deleted. */
export const DELETE_RETENTION_MS = 86_400_000;

export function runRetention(state: SimState): void {
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    const config = state.topics[p.topic]!.config;
    for (const r of p.replicas) {
      const log = p.logs[r]!;
      if (config['cleanup.policy'].includes('delete')) deleteExpired(state, log, config);
      if (config['cleanup.policy'].includes('compact')) compact(state, log);
    }
  }
}

function deleteExpired(state: SimState, log: ReplicaLog, config: TopicConfig): void {
  const retentionMs = config['retention.ms'];
  const retentionBytes = config['retention.bytes'];
  let size = 0;
  if (retentionBytes >= 0) for (const rec of log.records) size += rec.sizeBytes;
  let drop = 0;
  while (drop < log.records.length) {
    const rec = log.records[drop]!;
    if (rec.offset >= log.highWatermark) break;
    const tooOld = retentionMs >= 0 && state.nowMs - rec.timestampMs > retentionMs;
    const tooBig = retentionBytes >= 0 && size > retentionBytes;
    if (!tooOld && !tooBig) break;
    size -= rec.sizeBytes;
    drop++;
  }
  if (drop === 0) return;
  const removed = log.records.splice(0, drop);
  log.logStartOffset = log.records[0]?.offset ?? log.logEndOffset;
  onCopiesRemoved(state, removed, 'retention');
}

/** Keep the latest record per key below the HW; drop tombstones older than delete.retention.ms. */
function compact(state: SimState, log: ReplicaLog): void {
  const latest = new Map<string, number>();
  for (const rec of log.records) {
    if (rec.offset >= log.highWatermark) break;
    if (rec.key !== null) latest.set(rec.key, rec.offset);
  }
  const kept: LogRecord[] = [];
  const removed: LogRecord[] = [];
  for (const rec of log.records) {
    const cleanable = rec.offset < log.highWatermark && rec.key !== null;
    const superseded = cleanable && latest.get(rec.key!) !== rec.offset;
    const expiredTombstone =
      cleanable && rec.value === null && state.nowMs - rec.timestampMs > DELETE_RETENTION_MS;
    if (superseded || expiredTombstone) removed.push(rec);
    else kept.push(rec);
  }
  if (removed.length === 0) return;
  log.records = kept;
  onCopiesRemoved(state, removed, 'compaction');
}
