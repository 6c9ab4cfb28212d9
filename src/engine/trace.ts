// "Follow this record": where one record is, on every replica, and what happened to it — acknowledged,
// committed, lost, and which groups have processed it.
import type { SimState, TimestampType } from './types';
import { auditEntry } from './audit/entries';
import { forEachRecord } from './log/replicaLog';

export interface RecordTrace {
  recordId: number;
  producer: string;
  partitionId: string;
  key: string | null;
  value: string | null;
  acks: string;
  /** When the producer's application called send(), in virtual ms. */
  sentAtMs: number;
  /**
   * The record's timestamp in the log (null once no replica holds it): under CreateTime the producer's,
   * set when send() was called (sentAtMs); under LogAppendTime the leader's, set when it appended it.
   */
  timestampMs: number | null;
  /**
   * Who set timestampMs: the topic's message.timestamp.type when the leader appended it; absent when
   * timestampMs is null. Optional rather than nullable, so that traces written by hand (test fixtures) need
   * not name it.
   */
  timestampType?: TimestampType;
  /**
   * Offsets at which each replica holds it (more than one = duplicated by a retry), and when that broker
   * first appended it: as leader, on the produce; as follower, when its fetch response arrived (null if
   * it never held it).
   */
  replicas: {
    brokerId: number;
    offsets: number[];
    belowHighWatermark: boolean;
    appendedAtMs: number | null;
  }[];
  acknowledged: boolean;
  /** When the producer received the acknowledgement (its ProduceResponse). */
  acknowledgedAtMs: number | null;
  committed: boolean;
  /** When a leader's high watermark first passed it. */
  committedAtMs: number | null;
  lost: boolean;
  lostAtMs: number | null;
  /** Groups whose processing has passed this record's offset. */
  processedBy: string[];
  /** Per group id, when one of its consumers first received it in a poll (a redelivery keeps the first time). */
  firstConsumedAtMs: Record<string, number>;
  explanation: string | null;
}

const known = (ms: number | undefined): number | null => (ms === undefined || ms < 0 ? null : ms);

export function traceRecord(state: SimState, recordId: number): RecordTrace | null {
  const audit = auditEntry(state.audit, recordId);
  if (!audit) return null;
  const p = state.partitions[audit.partitionId];
  if (!p) return null;
  let value: string | null = null;
  let timestampMs: number | null = null;
  let timestampType: TimestampType | undefined;
  const replicas = p.replicas.map((brokerId) => {
    const log = p.logs[brokerId]!;
    const offsets: number[] = [];
    forEachRecord(log, (r) => {
      if (r.recordId !== recordId) return;
      offsets.push(r.offset);
      value = r.value;
      if (timestampMs === null) {
        timestampMs = r.timestampMs;
        timestampType = r.timestampType;
      }
    });
    return {
      brokerId,
      offsets,
      belowHighWatermark: offsets.some((o) => o < log.highWatermark),
      appendedAtMs: known(audit.appendedAtMs[brokerId]),
    };
  });
  const firstOffset = replicas.flatMap((r) => r.offsets)[0] ?? audit.offset;
  const processedBy = state.groupIds.filter(
    (g) => (state.groups[g]!.processedUpTo[audit.partitionId] ?? 0) > firstOffset && firstOffset >= 0,
  );
  // A share group has processed it once a member's ACCEPT reached the leader (it is ACKNOWLEDGED, or
  // behind the share-partition's start offset after being consumed).
  for (const g of state.shareGroupIds) {
    const sp = state.shareGroups[g]!.partitions[audit.partitionId];
    if (!sp || firstOffset < 0 || audit.consumedAtMs[g] === undefined) continue;
    const inFlight = sp.inFlight.find((r) => r.offset === firstOffset);
    if (inFlight ? inFlight.state === 'ACKNOWLEDGED' : firstOffset < sp.startOffset) processedBy.push(g);
  }
  return {
    recordId,
    producer: audit.producer,
    partitionId: audit.partitionId,
    key: audit.key,
    value,
    acks: String(audit.acks),
    sentAtMs: audit.sentAtMs,
    timestampMs,
    ...(timestampType ? { timestampType } : {}),
    replicas,
    acknowledged: audit.acked,
    acknowledgedAtMs: known(audit.ackedAtMs),
    committed: audit.committed,
    committedAtMs: known(audit.committedAtMs),
    lost: audit.lost,
    lostAtMs: audit.lost ? (audit.loss?.atMs ?? null) : null,
    processedBy,
    firstConsumedAtMs: audit.consumedAtMs,
    explanation: audit.lost ? (audit.loss?.text ?? null) : null,
  };
}
