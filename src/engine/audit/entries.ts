// The audit's per-record entries, stored as columns in chunks of AUDIT_CHUNK_IDS consecutive record ids.
// Columns rather than an object per record: a long run holds one entry per record in its checkpoints.
// Numbers live in typed arrays, grown by doubling: appending an entry writes a dozen slots instead of
// pushing onto a dozen arrays, and the collector never scans their contents. Chunks rather than one table: checkpointing marks every chunk shared, and a shared chunk is
// copied before its owner writes to it, so a checkpoint costs a pointer per chunk and never sees later
// writes. Record ids are array indices, so chunk keys iterate in ascending numeric order.
import type { AuditState, RecordAudit } from '../types';

type AuditChunks = AuditState['records'];
export type AuditChunk = AuditChunks[string];

/** Record ids per chunk. Ids are shared with messages and requests, so a chunk holds fewer records. */
export const AUDIT_CHUNK_IDS = 4096;

/** Bits of the flags column. */
export const ACKED = 1;
export const LOST = 2;
export const EXPIRED = 4;
export const DELETED = 8;
/** Written in a transaction that was aborted (an ABORT marker closed it). */
export const ABORTED = 16;

/** The acks column's codes (Int8Array): acks=all is -1, as on the wire. */
const ACKS_ALL = -1;

/** Entries a fresh chunk has room for; columns double from there (a chunk holds at most AUDIT_CHUNK_IDS). */
const FIRST_CAPACITY = 64;

/** Where one record's entry sits: a chunk and an index into each of its columns. Not state. */
export interface Slot {
  c: AuditChunk;
  i: number;
}

const chunkKey = (recordId: number): number => Math.floor(recordId / AUDIT_CHUNK_IDS);

/** The chunk with its columns decoded, if a restore left them encoded (sim/frozenAudit.ts). */
function ready(c: AuditChunk): AuditChunk {
  if (c.thaw !== null) {
    const thaw = c.thaw;
    c.thaw = null;
    thaw();
  }
  return c;
}

/** The entry's slot, for reading only. */
export function findSlot(audit: AuditState, recordId: number): Slot | undefined {
  const found = audit.records[chunkKey(recordId)];
  const c = found ? ready(found) : undefined;
  const i = c ? indexOf(c, recordId) : -1;
  return i < 0 ? undefined : { c: c!, i };
}

/** The entry's slot in a chunk owned by this state, so that writing cannot reach a checkpoint. */
export function writableSlot(audit: AuditState, recordId: number): Slot | undefined {
  const key = chunkKey(recordId);
  const found = audit.records[key];
  const c = found ? ready(found) : undefined;
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
  const n = c.n;
  // Ids arrive in ascending order (state.nextId); anything else would break the binary search.
  if (n > 0 && c.ids[n - 1]! >= id) throw new Error(`audit entry ${id} registered after ${c.ids[n - 1]}`);
  if (n === c.ids.length) grow(c, Math.max(FIRST_CAPACITY, 2 * n));
  c.ids[n] = id;
  c.producer.push(e.producer);
  c.partitionId.push(e.partitionId);
  c.key.push(e.key);
  c.keySeq[n] = e.keySeq;
  c.acks[n] = e.acks === 'all' ? ACKS_ALL : e.acks;
  c.leaderBroker[n] = -1;
  c.offset[n] = -1;
  c.committedOffset[n] = -1;
  c.sentAtMs[n] = e.sentAtMs;
  c.ackedAtMs[n] = -1;
  c.committedAtMs[n] = -1;
  // copies, maxCopies and flags start at 0, and time columns at -1, as grow() fills them.
  c.n = n + 1;
  c.live++;
}

export function deleteEntry(audit: AuditState, recordId: number): void {
  const key = chunkKey(recordId);
  const found = audit.records[key];
  const existing = found ? ready(found) : undefined;
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
export function timeColumn(c: AuditChunk, columns: Record<string, Float64Array>, name: string): Float64Array {
  let col = columns[name];
  if (col === undefined) {
    col = new Float64Array(c.ids.length).fill(-1);
    columns[name] = col;
  }
  return col;
}

function timesAt(columns: Record<string, Float64Array>, i: number): Record<string, number> {
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
    acks: c.acks[i] === ACKS_ALL ? 'all' : (c.acks[i] as 0 | 1),
    leaderBroker: c.leaderBroker[i]!,
    offset: c.offset[i]!,
    committedOffsets: committedOffsets(s),
    copies: c.copies[i]!,
    maxCopies: c.maxCopies[i]!,
    acked: (flags & ACKED) !== 0,
    committed: c.committedOffset[i]! >= 0,
    lost: (flags & LOST) !== 0,
    expired: (flags & EXPIRED) !== 0,
    aborted: (flags & ABORTED) !== 0,
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
    const c = ready(audit.records[key]!);
    for (let i = 0; i < c.n; i++) if ((c.flags[i]! & DELETED) === 0) out.push(entryAt({ c, i }));
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

/** Every column cut to the entries it holds: a shared chunk's spare room would never be used. */
function trimColumns(c: AuditChunk): void {
  resize(c, c.n);
}

/** Every column reallocated to `capacity` entries, keeping the first c.n (typed slots start 0, times -1). */
function grow(c: AuditChunk, capacity: number): void {
  resize(c, capacity);
}

function resize(c: AuditChunk, capacity: number): void {
  const n = c.n;
  c.ids = sized(c.ids, new Int32Array(capacity), n);
  c.producer = c.producer.slice(0, n);
  c.partitionId = c.partitionId.slice(0, n);
  c.key = c.key.slice(0, n);
  c.keySeq = sized(c.keySeq, new Int32Array(capacity), n);
  c.acks = sized(c.acks, new Int8Array(capacity), n);
  c.leaderBroker = sized(c.leaderBroker, new Int32Array(capacity), n);
  c.offset = sized(c.offset, new Int32Array(capacity), n);
  c.committedOffset = sized(c.committedOffset, new Int32Array(capacity), n);
  c.copies = sized(c.copies, new Int32Array(capacity), n);
  c.maxCopies = sized(c.maxCopies, new Int32Array(capacity), n);
  c.flags = sized(c.flags, new Uint8Array(capacity), n);
  c.sentAtMs = sized(c.sentAtMs, new Float64Array(capacity), n);
  c.ackedAtMs = sized(c.ackedAtMs, new Float64Array(capacity), n);
  c.committedAtMs = sized(c.committedAtMs, new Float64Array(capacity), n);
  c.appendedAtMs = resizeTimes(c.appendedAtMs, capacity, n);
  c.consumedAtMs = resizeTimes(c.consumedAtMs, capacity, n);
}

function sized<T extends Int32Array | Int8Array | Uint8Array | Float64Array>(from: T, to: T, n: number): T {
  to.set(from.length > n ? from.subarray(0, n) : from);
  return to;
}

function resizeTimes(columns: Record<string, Float64Array>, capacity: number, n: number) {
  const out: Record<string, Float64Array> = {};
  for (const name of Object.keys(columns)) {
    const col = new Float64Array(capacity);
    if (capacity > n) col.fill(-1, n);
    out[name] = sized(columns[name]!, col, n);
  }
  return out;
}

function indexOf(c: AuditChunk, recordId: number): number {
  const ids = c.ids;
  let lo = 0;
  let hi = c.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = ids[mid]!;
    if (id < recordId) lo = mid + 1;
    else if (id > recordId) hi = mid - 1;
    else return (c.flags[mid]! & DELETED) === 0 ? mid : -1;
  }
  return -1;
}

/** An empty chunk: columns of no room, as a chunk starts (and as a restore's placeholder starts). */
export function newChunk(): AuditChunk {
  const none = 0;
  return {
    shared: false,
    thaw: null,
    live: 0,
    n: 0,
    ids: new Int32Array(none),
    producer: [],
    partitionId: [],
    key: [],
    keySeq: new Int32Array(none),
    acks: new Int8Array(none),
    leaderBroker: new Int32Array(none),
    offset: new Int32Array(none),
    committedOffset: new Int32Array(none),
    copies: new Int32Array(none),
    maxCopies: new Int32Array(none),
    flags: new Uint8Array(none),
    sentAtMs: new Float64Array(none),
    ackedAtMs: new Float64Array(none),
    committedAtMs: new Float64Array(none),
    appendedAtMs: {},
    consumedAtMs: {},
    duplicates: {},
    losses: {},
  };
}

function ownChunk(audit: AuditState, key: number, shared: AuditChunk): AuditChunk {
  const c = ready(shared);
  if (!c.shared) return c;
  // The copy gets columns of its own (trimColumns reallocates every one), so writes stay on this side.
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
