// A checkpoint kept as bytes. With retention, a long run's checkpoints hold the records the live state
// has since deleted, with their audit entries: as live objects ~280 bytes a record, so 30 minutes at
// 1,000 records/s could not be kept whole and older ones had to be thinned (a seek there then replayed
// minutes). Frozen, a record costs ~55 bytes (sim/frozenLogs.ts, sim/frozenAudit.ts), every encoding is
// shared by every checkpoint holding the same chunk, and the rest of the state (the skeleton: clients,
// groups, timers, …) stays as objects, small and shared as clone.ts shares it. A restore decodes the
// logs and the audit into fresh objects: the same state, hash for hash.
import type { SimState } from '../types';
import { emptyChunks } from '../log/recordChunks';
import { cloneState } from './clone';
import { type FrozenChunk, type FrozenLog, freezeLogs, frozenChunkBytes, thawLog } from './frozenLogs';
import { type FrozenAuditChunk, freezeAuditChunk, frozenAuditBytes, thawAuditChunk } from './frozenAudit';

export interface FrozenState {
  /** The state without its log records and audit entries. */
  skeleton: SimState;
  /** Per partition id, per broker id. */
  logs: Record<string, Record<string, FrozenLog>>;
  /** Audit chunks by their key, in the order of the live state's. */
  audit: [string, FrozenAuditChunk][];
}

/**
 * Freeze a checkpoint's copy (cloneState's): its logs and audit go to bytes, and the copy itself becomes
 * the skeleton, so it must not be used elsewhere.
 */
export function freezeState(copy: SimState): FrozenState {
  const logs: FrozenState['logs'] = {};
  for (const id of Object.keys(copy.partitions)) {
    const p = copy.partitions[id]!;
    logs[id] = freezeLogs(p.logs);
    for (const b of Object.keys(p.logs)) p.logs[b]!.records = emptyChunks();
  }
  const audit: FrozenState['audit'] = [];
  for (const key of Object.keys(copy.audit.records))
    audit.push([key, freezeAuditChunk(copy.audit.records[key]!)]);
  copy.audit.records = {};
  return { skeleton: copy, logs, audit };
}

/** A state to run from: the skeleton copied, its logs and audit decoded. */
export function thawState(f: FrozenState): SimState {
  const state = cloneState(f.skeleton);
  const decoded = new Map<
    FrozenChunk,
    SimState['partitions'][string]['logs'][string]['records']['chunks'][number]
  >();
  for (const id of Object.keys(f.logs)) {
    const logs = state.partitions[id]!.logs;
    const frozen = f.logs[id]!;
    for (const b of Object.keys(frozen)) logs[b]!.records = thawLog(frozen[b]!, decoded);
  }
  const records: SimState['audit']['records'] = {};
  for (const [key, chunk] of f.audit) records[key] = thawAuditChunk(chunk);
  state.audit.records = records;
  return state;
}

/**
 * An estimate of what a skeleton costs on its own: clients, groups, partition states, and the timers
 * and messages in flight, which its neighbours seconds apart rarely share (measured: ~43 kB in the
 * bench's run, a third of it timers).
 */
export const SKELETON_BYTES = 44_000;

/** The checkpoint's own references to its encodings: a slot per log chunk, an object per log. */
export function structureBytes(state: FrozenState): number {
  let bytes = SKELETON_BYTES + 16 * state.audit.length;
  for (const id of Object.keys(state.logs))
    for (const log of Object.values(state.logs[id]!)) bytes += 64 + 8 * log.chunks.length;
  return bytes;
}

/**
 * Bytes that `state` holds and `previous` does not (what dropping `state` alone would free): its
 * structure, and the encodings not shared with `previous`.
 */
export function introducedBytes(previous: FrozenState | undefined, state: FrozenState): number {
  const before = new Set<object>();
  if (previous) {
    for (const id of Object.keys(previous.logs))
      for (const log of Object.values(previous.logs[id]!)) for (const c of log.chunks) before.add(c);
    for (const [, c] of previous.audit) before.add(c);
  }
  let bytes = structureBytes(state);
  const counted = new Set<object>();
  for (const id of Object.keys(state.logs))
    for (const log of Object.values(state.logs[id]!))
      for (const c of log.chunks)
        if (!before.has(c) && !counted.has(c)) {
          counted.add(c);
          bytes += frozenChunkBytes(c);
        }
  for (const [, c] of state.audit) if (!before.has(c)) bytes += frozenAuditBytes(c);
  return bytes;
}
