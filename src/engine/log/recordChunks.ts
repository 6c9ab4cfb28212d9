// A replica's records as a chunked array, so that a checkpoint costs a few pointers per chunk instead of
// a copy of the log. Checkpointing marks every chunk shared (both states now hold it); a shared chunk is
// copied before its owner writes to it, so a checkpoint never sees later appends, truncations or
// deletions. Every chunk but the last is full, which keeps positional access O(1).
import type { LogRecord, ReplicaLog } from '../types';

export type RecordChunks = ReplicaLog['records'];
type Chunk = RecordChunks['chunks'][number];

const CHUNK_BITS = 8;
/** Records per chunk: small enough that copying a shared tail chunk is cheap, big enough to share. */
export const LOG_CHUNK_RECORDS = 1 << CHUNK_BITS;
const CHUNK_MASK = LOG_CHUNK_RECORDS - 1;

/**
 * A chunk's records, decoded first if it came from a frozen checkpoint and nothing has read it since:
 * a restore then decodes only what the run goes on to touch (mostly the log ends).
 */
export function chunkRecords(c: Chunk): LogRecord[] {
  if (c.thaw !== null) {
    c.records = c.thaw();
    c.thaw = null;
  }
  return c.records;
}

export function emptyChunks(): RecordChunks {
  return { head: 0, chunks: [] };
}

/** Build chunks from records in offset order (compaction rewrites a log this way). */
export function chunksOf(records: readonly LogRecord[]): RecordChunks {
  const chunks: Chunk[] = [];
  for (let i = 0; i < records.length; i += LOG_CHUNK_RECORDS)
    chunks.push({ shared: false, records: records.slice(i, i + LOG_CHUNK_RECORDS), thaw: null });
  return { head: 0, chunks };
}

/** The copy a checkpoint keeps: both sides now share every chunk and copy it before writing. */
export function shareChunks(rc: RecordChunks): RecordChunks {
  for (const c of rc.chunks) {
    // Shared chunks are never written again, so the spare capacity push left in them can go now.
    if (!c.shared) c.records = c.records.slice();
    c.shared = true;
  }
  return { head: rc.head, chunks: rc.chunks.slice() };
}

export function chunkCount(rc: RecordChunks): number {
  const n = rc.chunks.length;
  return n === 0 ? 0 : (n - 1) * LOG_CHUNK_RECORDS + chunkRecords(rc.chunks[n - 1]!).length - rc.head;
}

/** The i-th live record (0 = the log start). */
export function chunkAt(rc: RecordChunks, i: number): LogRecord {
  const pos = rc.head + i;
  return chunkRecords(rc.chunks[pos >> CHUNK_BITS]!)[pos & CHUNK_MASK]!;
}

/** Position of the first record with offset ≥ `offset` (chunkCount when there is none). */
export function lowerBound(rc: RecordChunks, offset: number): number {
  let lo = 0;
  let hi = chunkCount(rc);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunkAt(rc, mid).offset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function pushRecord(rc: RecordChunks, record: LogRecord): void {
  const last = rc.chunks[rc.chunks.length - 1];
  if (last === undefined || chunkRecords(last).length === LOG_CHUNK_RECORDS) {
    rc.chunks.push({ shared: false, records: [record], thaw: null });
  } else if (last.shared) {
    const records = last.records.slice();
    records.push(record);
    rc.chunks[rc.chunks.length - 1] = { shared: false, records, thaw: null };
  } else {
    last.records.push(record);
  }
}

/** Keep the first `keep` live records; returns the removed ones in offset order. */
export function truncateChunks(rc: RecordChunks, keep: number): LogRecord[] {
  const count = chunkCount(rc);
  if (keep >= count) return [];
  const removed = sliceChunks(rc, keep, count);
  if (keep === 0) {
    rc.chunks.length = 0;
    rc.head = 0;
    return removed;
  }
  const end = rc.head + keep;
  const full = end >> CHUNK_BITS;
  const within = end & CHUNK_MASK;
  rc.chunks.length = within === 0 ? full : full + 1;
  const last = rc.chunks[rc.chunks.length - 1]!;
  if (within === 0) return removed;
  if (last.shared)
    rc.chunks[rc.chunks.length - 1] = {
      shared: false,
      records: chunkRecords(last).slice(0, within),
      thaw: null,
    };
  else last.records.length = within;
  return removed;
}

/** Delete the first `n` live records (retention); returns them in offset order. */
export function dropFront(rc: RecordChunks, n: number): LogRecord[] {
  const removed = sliceChunks(rc, 0, n);
  let head = rc.head + removed.length;
  let drop = 0;
  while (drop < rc.chunks.length && head >= chunkRecords(rc.chunks[drop]!).length) {
    head -= chunkRecords(rc.chunks[drop]!).length;
    drop++;
  }
  if (drop > 0) rc.chunks.splice(0, drop);
  rc.head = head;
  return removed;
}

/** Live records in positions [from, to), as a new array. */
export function sliceChunks(rc: RecordChunks, from: number, to: number): LogRecord[] {
  const end = Math.min(to, chunkCount(rc));
  const out: LogRecord[] = [];
  for (let i = Math.max(0, from); i < end; i++) out.push(chunkAt(rc, i));
  return out;
}

/** Visit live records in offset order; stop early when `visit` returns false. */
export function forEachChunked(rc: RecordChunks, visit: (record: LogRecord) => boolean | void): void {
  for (let c = 0; c < rc.chunks.length; c++) {
    const records = chunkRecords(rc.chunks[c]!);
    for (let i = c === 0 ? rc.head : 0; i < records.length; i++) if (visit(records[i]!) === false) return;
  }
}
