// The delivery audit: every produced record has an identity, and the audit follows it through
// acknowledgement, commit (below the high watermark), duplication, reordering per key, and loss
// (acknowledged, then gone from every replica), explaining each loss in words.
import type { Acks, LogRecord, RecordAudit, SimState } from '../types';
import { emit } from '../sim/events';
import {
  ABORTED,
  ACKED,
  EXPIRED,
  LOST,
  addCommittedOffset,
  addEntry,
  committedOffsets,
  deleteEntry,
  entryAt,
  findSlot,
  timeColumn,
  writableSlot,
  type Slot,
} from './entries';

export interface LossCause {
  /** The broker whose copy disappeared last. */
  brokerId: number;
  leader: number;
  leaderEpoch: number;
  unclean: boolean;
}

/**
 * The `producer|key` key of the per-key sequences, remembered: each record looks it up twice, and a
 * fresh string would be built and hashed each time (a pure cache: it never changes an answer).
 */
const seqKeys = new Map<string, Map<string, string>>();
function seqKeyOf(producer: string, key: string): string {
  let byKey = seqKeys.get(producer);
  if (byKey === undefined) seqKeys.set(producer, (byKey = new Map()));
  let seqKey = byKey.get(key);
  if (seqKey === undefined) {
    // Unique keys would grow it without bound.
    if (byKey.size > 10_000) byKey.clear();
    byKey.set(key, (seqKey = `${producer}|${key}`));
  }
  return seqKey;
}

export function registerRecord(
  state: SimState,
  recordId: number,
  producer: string,
  partitionId: string,
  key: string | null,
  acks: Acks,
  /** When the application called send(): the record's CreateTime timestamp. */
  sentAtMs: number,
): void {
  let keySeq = -1;
  if (key !== null) {
    const seqKey = seqKeyOf(producer, key);
    keySeq = state.audit.nextKeySeq[seqKey] ?? 0;
    state.audit.nextKeySeq[seqKey] = keySeq + 1;
  }
  addEntry(state.audit, recordId, {
    producer,
    // The partition's own id string, not the caller's fresh copy: one string per partition, not per record.
    partitionId: state.partitions[partitionId]?.id ?? partitionId,
    key,
    keySeq,
    acks,
    sentAtMs,
  });
}

export function onCopyAdded(state: SimState, record: LogRecord, brokerId: number, asLeader: boolean): void {
  const s = writableSlot(state.audit, record.recordId);
  if (!s) return;
  const { c, i } = s;
  const copies = c.copies[i]! + 1;
  c.copies[i] = copies;
  c.maxCopies[i] = Math.max(c.maxCopies[i]!, copies);
  // The first append counts: a retry's duplicate or a copy fetched again after truncation keeps it.
  const appended = timeColumn(c, c.appendedAtMs, String(brokerId));
  if (appended[i]! < 0) appended[i] = state.nowMs;
  if (asLeader && c.leaderBroker[i]! < 0) {
    c.leaderBroker[i] = brokerId;
    c.offset[i] = record.offset;
  }
}

/** The group processed these records (a poll's batch): the first time counts, a redelivery does not. */
export function onConsumed(state: SimState, groupId: string, records: readonly LogRecord[]): void {
  for (const r of records) {
    const found = findSlot(state.audit, r.recordId);
    if (!found || (found.c.consumedAtMs[groupId]?.[found.i] ?? -1) >= 0) continue;
    const { c, i } = writableSlot(state.audit, r.recordId)!;
    timeColumn(c, c.consumedAtMs, groupId)[i] = state.nowMs;
  }
}

export function onAcked(state: SimState, recordId: number): void {
  const found = findSlot(state.audit, recordId);
  if (!found || (found.c.flags[found.i]! & ACKED) !== 0) return;
  const { c, i } = writableSlot(state.audit, recordId)!;
  c.flags[i]! |= ACKED;
  c.ackedAtMs[i] = state.nowMs;
  state.audit.acknowledged++;
  if (c.copies[i] === 0 && c.maxCopies[i]! > 0 && (c.flags[i]! & EXPIRED) === 0)
    markLost(state, { c, i }, null);
}

/** An ABORT marker closed the record's transaction: it stays in the log, but read_committed never sees it. */
export function onAborted(state: SimState, recordId: number): void {
  const found = findSlot(state.audit, recordId);
  if (!found || (found.c.flags[found.i]! & ABORTED) !== 0) return;
  const { c, i } = writableSlot(state.audit, recordId)!;
  c.flags[i]! |= ABORTED;
  state.audit.aborted++;
}

export function onFailed(state: SimState, recordId: number): void {
  const s = findSlot(state.audit, recordId);
  if (!s) return;
  state.audit.failed++;
  if (s.c.copies[s.i] === 0) deleteEntry(state.audit, recordId);
}

/** A produce with acks=0 that never reached a leader: the producer already counted it as sent. */
export function onDropped(state: SimState, recordId: number, brokerId: number): void {
  const found = findSlot(state.audit, recordId);
  if (!found) return;
  const flags = found.c.flags[found.i]!;
  if ((flags & ACKED) === 0 || found.c.copies[found.i]! > 0 || (flags & LOST) !== 0) return;
  const s = writableSlot(state.audit, recordId)!;
  s.c.flags[s.i]! |= LOST;
  state.audit.lost++;
  explain(
    state,
    s,
    `acks=0: the producer counted record ${recordId} as sent, but broker ${brokerId} never received it (no response is awaited with acks=0).`,
  );
}

export function onCommitted(state: SimState, partitionId: string, record: LogRecord): void {
  const found = findSlot(state.audit, record.recordId);
  if (!found) return;
  // A new leader's high watermark passes records its predecessor already committed: same offset, same record.
  const first = found.c.committedOffset[found.i]!;
  if (first === record.offset || (first >= 0 && committedOffsets(found).includes(record.offset))) return;
  const s = writableSlot(state.audit, record.recordId)!;
  const { c, i } = s;
  addCommittedOffset(s, record.offset);
  if (c.committedAtMs[i]! < 0) c.committedAtMs[i] = state.nowMs;
  const count = first < 0 ? 1 : committedOffsets(s).length;
  if (count === 2) state.audit.duplicated++;
  if (count === 1) state.audit.committed++;
  const key = c.key[i]!;
  if (key === null || count > 1) return;
  const perKey = (state.audit.lastCommittedKeySeq[partitionId] ??= {});
  const seqKey = seqKeyOf(c.producer[i]!, key);
  const last = perKey[seqKey] ?? -1;
  if (c.keySeq[i]! < last) state.audit.reordered++;
  else perKey[seqKey] = c.keySeq[i]!;
}

export function onCopiesRemoved(
  state: SimState,
  records: LogRecord[],
  cause: LossCause | 'retention' | 'compaction',
): void {
  const byDesign = cause === 'retention' || cause === 'compaction';
  for (const record of records) {
    const s = writableSlot(state.audit, record.recordId);
    if (!s) continue;
    const { c, i } = s;
    const copies = Math.max(0, c.copies[i]! - 1);
    c.copies[i] = copies;
    if (byDesign) c.flags[i]! |= EXPIRED;
    if (copies > 0) continue;
    const flags = c.flags[i]!;
    if ((flags & EXPIRED) !== 0) {
      // Retention and compaction delete by design; the entry is no longer needed, which keeps memory flat.
      deleteEntry(state.audit, record.recordId);
    } else if ((flags & ACKED) !== 0 && (flags & LOST) === 0 && !byDesign) {
      markLost(state, s, cause);
    }
  }
}

function markLost(state: SimState, s: Slot, cause: LossCause | null): void {
  s.c.flags[s.i]! |= LOST;
  state.audit.lost++;
  explain(state, s, describeLoss(state, entryAt(s), cause));
}

function describeLoss(state: SimState, a: RecordAudit, cause: LossCause | null): string {
  const where = `offset ${a.offset} of ${a.partitionId}`;
  if (cause?.unclean) {
    return `unclean leader election: broker ${cause.leader} became leader of ${a.partitionId} (epoch ${cause.leaderEpoch}) without ${where}; broker ${cause.brokerId}, the last replica that held it, truncated it.`;
  }
  const by = cause
    ? `; new leader ${cause.leader} (epoch ${cause.leaderEpoch}) never had it, so broker ${cause.brokerId} truncated it`
    : '';
  if (a.acks === 1 && a.maxCopies <= 1) {
    return `acks=1: leader ${a.leaderBroker} acknowledged ${where} and lost leadership before any follower fetched it${by}.`;
  }
  if (a.maxCopies <= 1) {
    const minIsr =
      state.topics[a.partitionId.slice(0, a.partitionId.lastIndexOf('-'))]?.config['min.insync.replicas'];
    return `acks=all with only the leader in the ISR (min.insync.replicas=${minIsr ?? 1}): broker ${a.leaderBroker} alone held ${where}${by}.`;
  }
  return `${where} was acknowledged with acks=${a.acks}, then removed from every replica${by}.`;
}

/** The loss stays with the record's entry; the list of recent explanations, which the UI shows, is capped. */
function explain(state: SimState, s: Slot, text: string): void {
  s.c.losses[s.i] = { atMs: state.nowMs, text };
  const a = entryAt(s);
  state.audit.explanations.push({
    atMs: state.nowMs,
    recordId: a.id,
    partitionId: a.partitionId,
    offset: a.offset,
    text,
  });
  if (state.audit.explanations.length > 200) state.audit.explanations.shift();
  emit(state, 'recordLost', `Record lost: ${text}`, { partitionId: a.partitionId });
}
