// Replica log chunks as bytes, for frozen checkpoints (sim/frozen.ts). A live record is an object of
// eleven fields (~150 bytes with its value string and its slot); frozen, it is a row of deltas against
// the record before it (~25 bytes, most of them the value's characters). A chunk is encoded once however
// many checkpoints hold it: shared chunks never change (log/recordChunks.ts), so the encoding is
// remembered per chunk object, and the replicas of one partition, which hold the same record objects in
// chunks of their own, share one encoding.
import type { LogRecord, ReplicaLog } from '../types';
import type { TxnMark } from '../txnTypes';
import { chunkRecords } from '../log/recordChunks';
import { ByteReader, ByteWriter } from './bytes';

type Chunk = ReplicaLog['records']['chunks'][number];

export interface FrozenChunk {
  n: number;
  bytes: Uint8Array;
  /** Distinct keys, referenced by index from the rows (keys repeat; the strings are the live ones). */
  keys: string[];
  /** Every value's characters, one after another: one string costs far less than one per record. */
  values: string;
}

export interface FrozenLog {
  head: number;
  chunks: FrozenChunk[];
}

/**
 * Bytes a frozen chunk costs (for the checkpoint budget): its bytes and characters, and ~300 for the
 * objects around them (a typed array and its buffer cost more than the object holding them).
 */
export function frozenChunkBytes(c: FrozenChunk): number {
  return 300 + c.bytes.length + 8 * c.keys.length + c.values.length;
}

const writer = new ByteWriter();

/** Encodings of shared chunks, by chunk object: a later checkpoint holding the same chunk reuses it. */
const encoded = new WeakMap<Chunk, FrozenChunk>();

function encodeChunk(records: readonly LogRecord[]): FrozenChunk {
  writer.reset();
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const values: string[] = [];
  let offset = -1;
  let epoch = 0;
  let ts = 0;
  let recordId = 0;
  let producerId = 0;
  let sequence = 0;
  for (const r of records) {
    writer.int(r.offset - offset - 1);
    writer.int(r.leaderEpoch - epoch);
    if (r.key === null) writer.uint(0);
    else {
      let k = keyIndex.get(r.key);
      if (k === undefined) {
        k = keys.length;
        keys.push(r.key);
        keyIndex.set(r.key, k);
      }
      writer.uint(k + 1);
    }
    if (r.value === null) writer.uint(0);
    else {
      writer.uint(r.value.length + 1);
      values.push(r.value);
    }
    writer.time(r.timestampMs, ts);
    writer.uint(r.txn * 2 + (r.timestampType === 'LogAppendTime' ? 1 : 0));
    writer.uint(r.sizeBytes);
    writer.int(r.recordId - recordId);
    writer.int(r.producerId - producerId);
    writer.int(r.sequence - sequence);
    offset = r.offset;
    epoch = r.leaderEpoch;
    ts = r.timestampMs;
    recordId = r.recordId;
    producerId = r.producerId;
    sequence = r.sequence;
  }
  return { n: records.length, bytes: writer.take(), keys, values: values.join('') };
}

function sameRecords(a: readonly LogRecord[], b: readonly LogRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Freeze the logs of one partition (its replicas by broker id). */
export function freezeLogs(logs: Record<string, ReplicaLog>): Record<string, FrozenLog> {
  // This partition's chunks by their first record: a replica's chunk holding the same records as
  // another replica's already encoded shares that encoding.
  const twins = new Map<LogRecord, { records: LogRecord[]; frozen: FrozenChunk }[]>();
  const out: Record<string, FrozenLog> = {};
  for (const b of Object.keys(logs)) {
    const rc = logs[b]!.records;
    const chunks: FrozenChunk[] = [];
    for (const chunk of rc.chunks) {
      let frozen = encoded.get(chunk);
      const records = chunkRecords(chunk);
      const first = records[0];
      if (frozen === undefined) {
        if (first !== undefined)
          frozen = twins.get(first)?.find((t) => sameRecords(t.records, records))?.frozen;
        frozen ??= encodeChunk(records);
        // Only a shared chunk stays as it is; the live state's own may still grow.
        if (chunk.shared) encoded.set(chunk, frozen);
      }
      if (first !== undefined) {
        const list = twins.get(first) ?? [];
        if (!list.some((t) => t.frozen === frozen)) list.push({ records, frozen });
        twins.set(first, list);
      }
      chunks.push(frozen);
    }
    out[b] = { head: rc.head, chunks };
  }
  return out;
}

function decodeChunk(f: FrozenChunk): LogRecord[] {
  const reader = new ByteReader(f.bytes);
  const out: LogRecord[] = new Array<LogRecord>(f.n);
  let offset = -1;
  let epoch = 0;
  let ts = 0;
  let recordId = 0;
  let producerId = 0;
  let sequence = 0;
  let v = 0;
  for (let i = 0; i < f.n; i++) {
    offset += reader.int() + 1;
    epoch += reader.int();
    const k = reader.uint();
    const len = reader.uint();
    let value: string | null = null;
    if (len > 0) {
      value = f.values.slice(v, v + len - 1);
      v += len - 1;
    }
    ts = reader.time(ts);
    const bits = reader.uint();
    const sizeBytes = reader.uint();
    recordId += reader.int();
    producerId += reader.int();
    sequence += reader.int();
    // The same fields in the same order as the leader's append (cluster/produce.ts): the same hidden class.
    out[i] = {
      offset,
      leaderEpoch: epoch,
      key: k === 0 ? null : f.keys[k - 1]!,
      value,
      timestampMs: ts,
      timestampType: bits % 2 === 1 ? 'LogAppendTime' : 'CreateTime',
      sizeBytes,
      recordId,
      producerId,
      sequence,
      txn: Math.floor(bits / 2) as TxnMark,
    };
  }
  return out;
}

/** What a restored chunk holds until its records are decoded (never written: the chunk is shared). */
const NOT_YET: LogRecord[] = [];

/**
 * The records chunks of a restored log, decoded when first read (log/recordChunks.ts). `decoded` is per
 * restore: replicas sharing an encoding share the restored chunk too, marked shared so that each copies
 * it before writing, as after a checkpoint.
 */
export function thawLog(f: FrozenLog, decoded: Map<FrozenChunk, Chunk>): ReplicaLog['records'] {
  const chunks: Chunk[] = [];
  for (const fc of f.chunks) {
    let chunk = decoded.get(fc);
    if (chunk === undefined) {
      chunk = { shared: true, records: NOT_YET, thaw: () => decodeChunk(fc) };
      decoded.set(fc, chunk);
      // Checkpoints taken after this restore hold this chunk: they reuse the encoding it came from.
      encoded.set(chunk, fc);
    }
    chunks.push(chunk);
  }
  return { head: f.head, chunks };
}
