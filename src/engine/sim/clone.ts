// Checkpoints copy the state, so a copy must cost what changed, not what exists. Shared instead of copied:
// log records (immutable once appended), scheduled timers with their messages (immutable once
// scheduled), narrated events and loss explanations (immutable once written), and the chunks of replica
// logs and of the audit, which are copied on write (log/recordChunks.ts, audit/entries.ts). Everything
// else is small and deep-copied.
import type { AuditState, PartitionState, ReplicaLog, SimState } from '../types';
import { shareChunks } from '../log/recordChunks';
import { recordsOf } from '../log/replicaLog';
import { auditEntries, shareEntries } from '../audit/entries';

function isLogRecord(value: object): boolean {
  return 'recordId' in value && 'leaderEpoch' in value && 'offset' in value;
}

/**
 * A deep copy that keeps each object's hidden class and each array's element kind (spread and slice
 * do; building objects key by key does not). A run restored from a checkpoint then runs as fast as the
 * original: property accesses see the shapes they were optimised for.
 */
export function clonePlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = value.slice();
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (v !== null && typeof v === 'object') out[i] = clonePlain(v);
    }
    return out as T;
  }
  if (isLogRecord(value)) return value;
  return cloneFields({ ...value } as Record<string, unknown>) as T;
}

/** Deep-copy, in place, the fields of a fresh shallow copy, except those a caller replaces itself. */
function cloneFields<T extends object>(out: T, except: readonly string[] = []): T {
  const fields = out as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const v = fields[key];
    if (v !== null && typeof v === 'object' && !except.includes(key)) fields[key] = clonePlain(v);
  }
  return out;
}

function cloneLog(log: ReplicaLog): ReplicaLog {
  const out = { ...log };
  out.records = shareChunks(log.records);
  out.epochs = clonePlain(log.epochs);
  // Entries are replaced, never changed in place, so the copy may share them.
  out.lastSequences = { ...log.lastSequences };
  out.txns = {
    open: { ...log.txns.open },
    aborted: log.txns.aborted.slice(),
    unstable: log.txns.unstable.slice(),
  };
  return out;
}

function clonePartition(p: PartitionState): PartitionState {
  const out = cloneFields({ ...p }, ['logs']);
  const logs = { ...p.logs };
  for (const id of Object.keys(logs)) logs[id] = cloneLog(logs[id]!);
  out.logs = logs;
  return out;
}

function cloneAudit(audit: AuditState): AuditState {
  const out = cloneFields({ ...audit }, ['records', 'explanations']);
  out.records = shareEntries(audit.records);
  // Explanations, like narrated events, are never changed once written.
  out.explanations = audit.explanations.slice();
  return out;
}

/**
 * A copy for a checkpoint (or a restore from one). It marks the chunks of `state` shared as well, so
 * both sides copy a chunk before writing to it; apart from that, `state` is untouched.
 */
export function cloneState(state: SimState): SimState {
  const out = cloneFields({ ...state }, ['partitions', 'audit', 'timers', 'events']);
  const partitions = { ...state.partitions };
  for (const id of Object.keys(partitions)) partitions[id] = clonePartition(partitions[id]!);
  out.partitions = partitions;
  out.audit = cloneAudit(state.audit);
  out.timers = state.timers.slice();
  out.events = state.events.slice();
  return out;
}

/**
 * The state as plain data with one layout per meaning: chunks flattened, copy-on-write flags and caches
 * derived from the logs left out, timers in firing order rather than heap order.
 */
function canonical(state: SimState): unknown {
  const partitions: Record<string, unknown> = {};
  for (const id of Object.keys(state.partitions)) {
    const p = state.partitions[id]!;
    const logs: Record<string, unknown> = {};
    for (const b of Object.keys(p.logs)) {
      const log = p.logs[b]!;
      // lastSequences and txns are derived from the records, so they can only differ when those do.
      logs[b] = { ...log, records: recordsOf(log), lastSequences: null, txns: null };
    }
    partitions[id] = { ...p, logs };
  }
  const timers = state.timers.slice().sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  return { ...state, partitions, timers, audit: { ...state.audit, records: auditEntries(state.audit) } };
}

/** FNV-1a over a canonical walk of the state: equal states ⇒ equal hashes, and unequal ⇒ almost surely not. */
export function hashState(state: SimState): string {
  let h = 0x811c9dc5;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return mix(v === null ? 'n' : 'u');
    if (typeof v !== 'object') return mix(`${typeof v}:${String(v)};`);
    if (Array.isArray(v)) {
      mix('[');
      for (const x of v) walk(x);
      return mix(']');
    }
    mix('{');
    for (const k of Object.keys(v).sort()) {
      mix(k);
      walk((v as Record<string, unknown>)[k]);
    }
    mix('}');
  };
  walk(canonical(state));
  return (h >>> 0).toString(16).padStart(8, '0');
}
