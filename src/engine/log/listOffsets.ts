// ListOffsets by timestamp, as `kafka-consumer-groups --reset-offsets --to-datetime` and
// KafkaConsumer.offsetsForTimes ask it of a partition's leader.
import type { ReplicaLog } from '../types';
import { findRecord } from './replicaLog';

/**
 * The earliest offset whose record's timestamp is at or after `timestampMs`, or null when there is none
 * (UnifiedLog.fetchOffsetByTimestamp). Under CreateTime, timestamps need not grow with offsets, so this is
 * the first such record in offset order, even when an older timestamp follows it. Only offsets below the
 * high watermark may be returned to a read_uncommitted client (Partition.fetchOffsetForTimestamp), so a
 * first match at or above it counts as none.
 */
export function offsetForTimestamp(log: ReplicaLog, timestampMs: number): number | null {
  const found = findRecord(log, (r) => r.timestampMs >= timestampMs);
  return found !== undefined && found.offset < log.highWatermark ? found.offset : null;
}
