// Audit chunks as bytes, for frozen checkpoints (sim/frozen.ts). A live entry spends ~110 bytes on a
// dozen typed columns and three string slots, sized for writing; frozen, it is a row of small deltas
// (~30 bytes): ids and send times close to the row before, offsets close to the partition's previous
// one, other times close to the send time. Deleted entries are left out (a lookup treats them as absent
// anyway). Like log chunks, a shared audit chunk never changes, so each is encoded once.
import type { AuditState } from '../types';
import { DELETED, newChunk } from '../audit/entries';
import { ByteReader, ByteWriter } from './bytes';

type AuditChunk = AuditState['records'][string];

export interface FrozenAuditChunk {
  n: number;
  bytes: Uint8Array;
  /** Producers, partition ids and keys, referenced by index from the rows. */
  strings: string[];
  appendedNames: string[];
  consumedNames: string[];
  duplicates: Record<string, number[]>;
  losses: Record<string, { atMs: number; text: string }>;
}

/** Bytes a frozen audit chunk costs: its bytes, and ~500 for the typed array and the small objects. */
export function frozenAuditBytes(c: FrozenAuditChunk): number {
  return 500 + c.bytes.length + 8 * c.strings.length;
}

const writer = new ByteWriter();
const encoded = new WeakMap<AuditChunk, FrozenAuditChunk>();

function encodeChunk(c: AuditChunk): FrozenAuditChunk {
  writer.reset();
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const appendedNames = Object.keys(c.appendedAtMs);
  const consumedNames = Object.keys(c.consumedAtMs);
  const appended = appendedNames.map((name) => c.appendedAtMs[name]!);
  const consumed = consumedNames.map((name) => c.consumedAtMs[name]!);
  const lastOffset: number[] = [];
  const duplicates: Record<string, number[]> = {};
  const losses: Record<string, { atMs: number; text: string }> = {};
  let n = 0;
  let id = 0;
  let sent = 0;
  for (let i = 0; i < c.n; i++) {
    if ((c.flags[i]! & DELETED) !== 0) continue;
    writer.int(c.ids[i]! - id);
    id = c.ids[i]!;
    writer.uint(ref(c.producer[i]!));
    const p = ref(c.partitionId[i]!);
    writer.uint(p);
    const key = c.key[i]!;
    writer.uint(key === null ? 0 : ref(key) + 1);
    writer.int(c.keySeq[i]!);
    writer.int(c.acks[i]!);
    writer.int(c.leaderBroker[i]!);
    const offset = c.offset[i]!;
    writer.int(offset - (lastOffset[p] ?? 0));
    lastOffset[p] = offset;
    writer.int(c.committedOffset[i]! - offset);
    writer.int(c.copies[i]!);
    writer.int(c.maxCopies[i]!);
    writer.uint(c.flags[i]!);
    const s = c.sentAtMs[i]!;
    writer.time(s, sent);
    sent = s;
    writer.time(c.ackedAtMs[i]!, s);
    writer.time(c.committedAtMs[i]!, s);
    for (const col of appended) writer.time(col[i]!, s);
    for (const col of consumed) writer.time(col[i]!, s);
    if (c.duplicates[i] !== undefined) duplicates[n] = c.duplicates[i]!;
    if (c.losses[i] !== undefined) losses[n] = c.losses[i]!;
    n++;
  }
  return { n, bytes: writer.take(), strings, appendedNames, consumedNames, duplicates, losses };
}

/** The chunk's encoding, made now unless a checkpoint holding the same chunk made it. */
export function freezeAuditChunk(c: AuditChunk): FrozenAuditChunk {
  let frozen = encoded.get(c);
  if (frozen === undefined) {
    frozen = encodeChunk(c);
    if (c.shared) encoded.set(c, frozen);
  }
  return frozen;
}

/**
 * A restored chunk, its columns decoded on first use (audit/entries.ts): a restore decodes only the
 * chunks the run goes on to touch. Shared, as every chunk is after a restore from a checkpoint: the
 * restored run copies it before writing, so the encoding it came from stays right for checkpoints
 * taken later that still hold it.
 */
export function thawAuditChunk(f: FrozenAuditChunk): AuditChunk {
  // newChunk's fields in newChunk's order (one hidden class for every chunk), with the counts filled in.
  const c: AuditChunk = {
    ...newChunk(),
    shared: true,
    live: f.n,
    n: f.n,
    duplicates: { ...f.duplicates },
    losses: { ...f.losses },
  };
  c.thaw = () => decodeInto(c, f);
  encoded.set(c, f);
  return c;
}

/** Columns exactly n long, as audit/entries.ts trims a shared chunk's. */
function decodeInto(c: AuditChunk, f: FrozenAuditChunk): void {
  const n = f.n;
  const reader = new ByteReader(f.bytes);
  c.ids = new Int32Array(n);
  c.producer = new Array<string>(n);
  c.partitionId = new Array<string>(n);
  c.key = new Array<string | null>(n);
  c.keySeq = new Int32Array(n);
  c.acks = new Int8Array(n);
  c.leaderBroker = new Int32Array(n);
  c.offset = new Int32Array(n);
  c.committedOffset = new Int32Array(n);
  c.copies = new Int32Array(n);
  c.maxCopies = new Int32Array(n);
  c.flags = new Uint8Array(n);
  c.sentAtMs = new Float64Array(n);
  c.ackedAtMs = new Float64Array(n);
  c.committedAtMs = new Float64Array(n);
  const appended = f.appendedNames.map((name) => (c.appendedAtMs[name] = new Float64Array(n)));
  const consumed = f.consumedNames.map((name) => (c.consumedAtMs[name] = new Float64Array(n)));
  const lastOffset: number[] = [];
  let id = 0;
  let sent = 0;
  for (let i = 0; i < n; i++) {
    id += reader.int();
    c.ids[i] = id;
    c.producer[i] = f.strings[reader.uint()]!;
    const p = reader.uint();
    c.partitionId[i] = f.strings[p]!;
    const key = reader.uint();
    c.key[i] = key === 0 ? null : f.strings[key - 1]!;
    c.keySeq[i] = reader.int();
    c.acks[i] = reader.int();
    c.leaderBroker[i] = reader.int();
    const offset = (lastOffset[p] ?? 0) + reader.int();
    lastOffset[p] = offset;
    c.offset[i] = offset;
    c.committedOffset[i] = offset + reader.int();
    c.copies[i] = reader.int();
    c.maxCopies[i] = reader.int();
    c.flags[i] = reader.uint();
    sent = reader.time(sent);
    c.sentAtMs[i] = sent;
    c.ackedAtMs[i] = reader.time(sent);
    c.committedAtMs[i] = reader.time(sent);
    for (const col of appended) col[i] = reader.time(sent);
    for (const col of consumed) col[i] = reader.time(sent);
  }
}
