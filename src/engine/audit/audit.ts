// The delivery audit: every produced record has an identity, and the audit follows it through
// acknowledgement, commit (below the high watermark), duplication, reordering per key, and loss
// (acknowledged, then gone from every replica), explaining each loss in words.
import type { Acks, LogRecord, RecordAudit, SimState } from '../types';
import { emit } from '../sim/events';

export interface LossCause {
  /** The broker whose copy disappeared last. */
  brokerId: number;
  leader: number;
  leaderEpoch: number;
  unclean: boolean;
}

export function registerRecord(
  state: SimState,
  recordId: number,
  producer: string,
  partitionId: string,
  key: string | null,
  acks: Acks,
): void {
  const seqKey = `${producer}|${key ?? ''}`;
  const keySeq = key === null ? -1 : (state.audit.nextKeySeq[seqKey] ?? 0);
  if (key !== null) state.audit.nextKeySeq[seqKey] = keySeq + 1;
  state.audit.records[recordId] = {
    id: recordId,
    producer,
    partitionId,
    key,
    keySeq,
    acks,
    leaderBroker: -1,
    offset: -1,
    committedOffsets: [],
    copies: 0,
    maxCopies: 0,
    acked: false,
    committed: false,
    lost: false,
    expired: false,
  };
}

function entry(state: SimState, recordId: number): RecordAudit | undefined {
  return state.audit.records[recordId];
}

export function onCopyAdded(state: SimState, record: LogRecord, brokerId: number, asLeader: boolean): void {
  const a = entry(state, record.recordId);
  if (!a) return;
  a.copies++;
  a.maxCopies = Math.max(a.maxCopies, a.copies);
  if (asLeader && a.leaderBroker < 0) {
    a.leaderBroker = brokerId;
    a.offset = record.offset;
  }
}

export function onAcked(state: SimState, recordId: number): void {
  const a = entry(state, recordId);
  if (!a || a.acked) return;
  a.acked = true;
  state.audit.acknowledged++;
  if (a.copies === 0 && a.maxCopies > 0 && !a.expired) markLost(state, a, null);
}

export function onFailed(state: SimState, recordId: number): void {
  const a = entry(state, recordId);
  if (!a) return;
  state.audit.failed++;
  if (a.copies === 0) delete state.audit.records[recordId];
}

/** A produce with acks=0 that never reached a leader: the producer already counted it as sent. */
export function onDropped(state: SimState, recordId: number, brokerId: number): void {
  const a = entry(state, recordId);
  if (!a || !a.acked || a.copies > 0 || a.lost) return;
  a.lost = true;
  state.audit.lost++;
  explain(
    state,
    a,
    `acks=0: the producer counted record ${a.id} as sent, but broker ${brokerId} never received it (no response is awaited with acks=0).`,
  );
}

export function onCommitted(state: SimState, partitionId: string, record: LogRecord): void {
  const a = entry(state, record.recordId);
  if (!a) return;
  // A new leader's high watermark passes records its predecessor already committed: same offset, same record.
  if (a.committedOffsets.includes(record.offset)) return;
  a.committedOffsets.push(record.offset);
  if (a.committedOffsets.length === 2) state.audit.duplicated++;
  if (!a.committed) {
    a.committed = true;
    state.audit.committed++;
  }
  if (a.key === null || a.committedOffsets.length > 1) return;
  const perKey = (state.audit.lastCommittedKeySeq[partitionId] ??= {});
  const seqKey = `${a.producer}|${a.key}`;
  const last = perKey[seqKey] ?? -1;
  if (a.keySeq < last) state.audit.reordered++;
  else perKey[seqKey] = a.keySeq;
}

export function onCopiesRemoved(
  state: SimState,
  records: LogRecord[],
  cause: LossCause | 'retention' | 'compaction',
): void {
  for (const record of records) {
    const a = entry(state, record.recordId);
    if (!a) continue;
    a.copies = Math.max(0, a.copies - 1);
    if (cause === 'retention' || cause === 'compaction') a.expired = true;
    if (a.copies > 0) continue;
    if (a.expired) {
      // Retention and compaction delete by design; the entry is no longer needed, which keeps memory flat.
      delete state.audit.records[record.recordId];
    } else if (a.acked && !a.lost && cause !== 'retention' && cause !== 'compaction') {
      markLost(state, a, cause);
    }
  }
}

function markLost(state: SimState, a: RecordAudit, cause: LossCause | null): void {
  a.lost = true;
  state.audit.lost++;
  explain(state, a, describeLoss(state, a, cause));
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

function explain(state: SimState, a: RecordAudit, text: string): void {
  state.audit.explanations.push({ atMs: state.nowMs, recordId: a.id, text });
  if (state.audit.explanations.length > 200) state.audit.explanations.shift();
  emit(state, 'recordLost', `Record lost: ${text}`, { partitionId: a.partitionId });
}
