// The audit's per-record entries, stored as columns in chunks of AUDIT_CHUNK_IDS consecutive record ids.
// Columns rather than an object per record: a long run holds one entry per record in its checkpoints,
// and a dozen numbers in arrays cost a third of an object's memory and nothing for the collector to
// trace. Chunks rather than one table: checkpointing marks every chunk shared, and a shared chunk is
// copied before its owner writes to it, so a checkpoint costs a pointer per chunk and never sees later
// writes. Record ids are array indices, so chunk keys iterate in ascending numeric order.
import type { Acks, AuditState, RecordAudit } from '../types';

type AuditChunks = AuditState['records'];
export type AuditChunk = AuditChunks[string];

/** Record ids per chunk. Ids are shared with messages and requests, so a chunk holds fewer records. */
export const AUDIT_CHUNK_IDS = 4096;

/** Bits of the flags column. */
export const ACKED = 1;
export const LOST = 2;
export const EXPIRED = 4;
const DELETED = 8;

/** Where one record's entry sits: a chunk and an index into each of its columns. Not state. */
export interface Slot {
  c: AuditChunk;
  i: number;
}

const chunkKey = (recordId: number): number => Math.floor(recordId / AUDIT_CHUNK_IDS);

/** The entry's slot, for reading only. */
export function findSlot(audit: AuditState, recordId: number): Slot | undefined {
  const c = audit.records[chunkKey(recordId)];
  const i = c ? indexOf(c, recordId) : -1;
  return i < 0 ? undefined : { c: c!, i };
}

/** The entry's slot in a chunk owned by this state, so that writing cannot reach a checkpoint. */
export function writableSlot(audit: AuditState, recordId: number): Slot | undefined {
  const key = chunkKey(recordId);
  const c = audit.records[key];
  const i = c ? indexOf(c, recordId) : -1;
  return i < 0 ? undefined : { c: ownChunk(audit, key, c!), i };
}

export function addEntry(
  audit: AuditState,
  id: number,
  e: Pick<RecordAudit, 'producer' | 'partitionId' | 'key' | 'keySeq' | 'acks' | 'sentAtMs'>,
): void {
  const key = chunkKey(id);
  const existing = audit.records[key];
  const c = existing ? ownChunk(audit, key, existing) : (audit.records[key] = newChunk());
  const last = c.ids[c.ids.length - 1];
  // Ids arrive in ascending order (state.nextId); anything else would break the binary search.
  if (last !== undefined && last >= id) throw new Error(`audit entry ${id} registered after ${last}`);
  c.ids.push(id);
  c.producer.push(e.producer);
  c.partitionId.push(e.partitionId);
  c.key.push(e.key);
  c.keySeq.push(e.keySeq);
  c.acks.push(e.acks);
  c.leaderBroker.push(-1);
  c.offset.push(-1);
  c.committedOffset.push(-1);
  c.copies.push(0);
  c.maxCopies.push(0);
  c.flags.push(0);
  c.sentAtMs.push(e.sentAtMs);
  c.ackedAtMs.push(-1);
  c.committedAtMs.push(-1);
  // for-in rather than Object.values: this runs per record, and the values array was garbage.
  for (const name in c.appendedAtMs) c.appendedAtMs[name]!.push(-1);
  for (const name in c.consumedAtMs) c.consumedAtMs[name]!.push(-1);
  c.live++;
}

export function deleteEntry(audit: AuditState, recordId: number): void {
  const key = chunkKey(recordId);
  const existing = audit.records[key];
  if (!existing || indexOf(existing, recordId) < 0) return;
  // An emptied chunk goes at once, which is what keeps the live state of a long run flat.
  if (existing.live === 1) {
    delete audit.records[key];
    return;
  }
  const c = ownChunk(audit, key, existing);
  c.flags[indexOf(c, recordId)]! |= DELETED;
  c.live--;
}

/** Every distinct offset at which the record was committed, in commit order. */
export function committedOffsets(s: Slot): number[] {
  const first = s.c.committedOffset[s.i]!;
  if (first < 0) return [];
  return [first, ...(s.c.duplicates[s.i] ?? [])];
}

export function addCommittedOffset(s: Slot, offset: number): void {
  if (s.c.committedOffset[s.i]! < 0) s.c.committedOffset[s.i] = offset;
  else s.c.duplicates[s.i] = [...(s.c.duplicates[s.i] ?? []), offset];
}

/**
 * One broker's or group's time column of a chunk the caller owns (writableSlot), made on first use with
 * -1 for every entry so far; addEntry extends it from then on.
 */
export function timeColumn(c: AuditChunk, columns: Record<string, number[]>, name: string): number[] {
  let col = columns[name];
  if (col === undefined) {
    col = [];
    for (let k = 0; k < c.ids.length; k++) col.push(-1);
    columns[name] = col;
  }
  return col;
}

function timesAt(columns: Record<string, number[]>, i: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(columns)) {
    const t = columns[name]![i]!;
    if (t >= 0) out[name] = t;
  }
  return out;
}

/** The entry as one object: for explanations, tests and tools, not for the hot path. */
export function entryAt(s: Slot): RecordAudit {
  const { c, i } = s;
  const flags = c.flags[i]!;
  return {
    id: c.ids[i]!,
    producer: c.producer[i]!,
    partitionId: c.partitionId[i]!,
    key: c.key[i]!,
    keySeq: c.keySeq[i]!,
    acks: c.acks[i]!,
    leaderBroker: c.leaderBroker[i]!,
    offset: c.offset[i]!,
    committedOffsets: committedOffsets(s),
    copies: c.copies[i]!,
    maxCopies: c.maxCopies[i]!,
    acked: (flags & ACKED) !== 0,
    committed: c.committedOffset[i]! >= 0,
    lost: (flags & LOST) !== 0,
    expired: (flags & EXPIRED) !== 0,
    sentAtMs: c.sentAtMs[i]!,
    ackedAtMs: c.ackedAtMs[i]!,
    committedAtMs: c.committedAtMs[i]!,
    appendedAtMs: timesAt(c.appendedAtMs, i),
    consumedAtMs: timesAt(c.consumedAtMs, i),
    loss: c.losses[i] ?? null,
  };
}

export function auditEntry(audit: AuditState, recordId: number): RecordAudit | undefined {
  const s = findSlot(audit, recordId);
  return s ? entryAt(s) : undefined;
}

/** Every entry in ascending record id. */
export function auditEntries(audit: AuditState): RecordAudit[] {
  const out: RecordAudit[] = [];
  for (const key of Object.keys(audit.records)) {
    const c = audit.records[key]!;
    for (let i = 0; i < c.ids.length; i++) if ((c.flags[i]! & DELETED) === 0) out.push(entryAt({ c, i }));
  }
  return out;
}

/** The copy a checkpoint keeps: both sides now share every chunk and copy it before writing. */
export function shareEntries(records: AuditChunks): AuditChunks {
  const copy: AuditChunks = {};
  for (const key of Object.keys(records)) {
    const chunk = records[key]!;
    // Shared chunks are never written again, so the spare capacity push left in them can go now.
    if (!chunk.shared) trimColumns(chunk);
    chunk.shared = true;
    copy[key] = chunk;
  }
  return copy;
}

function trimColumns(c: AuditChunk): void {
  c.ids = c.ids.slice();
  c.producer = c.producer.slice();
  c.partitionId = c.partitionId.slice();
  c.key = c.key.slice();
  c.keySeq = c.keySeq.slice();
  c.acks = c.acks.slice();
  c.leaderBroker = c.leaderBroker.slice();
  c.offset = c.offset.slice();
  c.committedOffset = c.committedOffset.slice();
  c.copies = c.copies.slice();
  c.maxCopies = c.maxCopies.slice();
  c.flags = c.flags.slice();
  c.sentAtMs = c.sentAtMs.slice();
  c.ackedAtMs = c.ackedAtMs.slice();
  c.committedAtMs = c.committedAtMs.slice();
  c.appendedAtMs = sliceColumns(c.appendedAtMs);
  c.consumedAtMs = sliceColumns(c.consumedAtMs);
}

function sliceColumns(columns: Record<string, number[]>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(columns)) out[name] = columns[name]!.slice();
  return out;
}

function indexOf(c: AuditChunk, recordId: number): number {
  const ids = c.ids;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = ids[mid]!;
    if (id < recordId) lo = mid + 1;
    else if (id > recordId) hi = mid - 1;
    else return (c.flags[mid]! & DELETED) === 0 ? mid : -1;
  }
  return -1;
}

function newChunk(): AuditChunk {
  return {
    shared: false,
    live: 0,
    ids: [],
    producer: [],
    partitionId: [],
    key: [],
    keySeq: [],
    acks: [] as Acks[],
    leaderBroker: [],
    offset: [],
    committedOffset: [],
    copies: [],
    maxCopies: [],
    flags: [],
    sentAtMs: [],
    ackedAtMs: [],
    committedAtMs: [],
    appendedAtMs: {},
    consumedAtMs: {},
    duplicates: {},
    losses: {},
  };
}

function ownChunk(audit: AuditState, key: number, c: AuditChunk): AuditChunk {
  if (!c.shared) return c;
  // Its arrays are replaced on write, never changed in place, so the copy may share them.
  const own: AuditChunk = {
    ...c,
    shared: false,
    duplicates: { ...c.duplicates },
    losses: { ...c.losses },
  };
  trimColumns(own);
  audit.records[key] = own;
  return own;
}
