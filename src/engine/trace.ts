// "Follow this record": where one record is, on every replica, and what happened to it — acknowledged,
// committed, lost, and which groups have processed it.
import type { SimState } from './types';
import { auditEntry } from './audit/entries';
import { forEachRecord } from './log/replicaLog';

export interface RecordTrace {
  recordId: number;
  producer: string;
  partitionId: string;
  key: string | null;
  value: string | null;
  acks: string;
  /** Offsets at which each replica holds it (more than one = duplicated by a retry). */
  replicas: { brokerId: number; offsets: number[]; belowHighWatermark: boolean }[];
  acknowledged: boolean;
  committed: boolean;
  lost: boolean;
  /** Groups whose processing has passed this record's offset. */
  processedBy: string[];
  explanation: string | null;
}

export function traceRecord(state: SimState, recordId: number): RecordTrace | null {
  const audit = auditEntry(state.audit, recordId);
  if (!audit) return null;
  const p = state.partitions[audit.partitionId];
  if (!p) return null;
  let value: string | null = null;
  const replicas = p.replicas.map((brokerId) => {
    const log = p.logs[brokerId]!;
    const offsets: number[] = [];
    forEachRecord(log, (r) => {
      if (r.recordId !== recordId) return;
      offsets.push(r.offset);
      value = r.value;
    });
    return { brokerId, offsets, belowHighWatermark: offsets.some((o) => o < log.highWatermark) };
  });
  const firstOffset = replicas.flatMap((r) => r.offsets)[0] ?? audit.offset;
  const processedBy = state.groupIds.filter(
    (g) => (state.groups[g]!.processedUpTo[audit.partitionId] ?? 0) > firstOffset && firstOffset >= 0,
  );
  return {
    recordId,
    producer: audit.producer,
    partitionId: audit.partitionId,
    key: audit.key,
    value,
    acks: String(audit.acks),
    replicas,
    acknowledged: audit.acked,
    committed: audit.committed,
    lost: audit.lost,
    processedBy,
    explanation: state.audit.explanations.find((e) => e.recordId === recordId)?.text ?? null,
  };
}
