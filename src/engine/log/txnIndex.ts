// A log's transaction state, derived from its records as Kafka's ProducerStateManager and transaction
// index derive it: which producers have a transaction open (from their first transactional record to
// their marker) and which transactions ended with an ABORT marker. Leader and followers build the same
// state from the same records, so a new leader knows the open transactions at once. The last stable
// offset (LSO) is the first offset of the oldest transaction that is open or whose marker is not below
// the high watermark yet (ProducerStateManager's unreplicated transactions), or the high watermark.
import type { AbortedTxn, LogRecord, ReplicaLog } from '../types';

export const TXN_NONE = 0;
export const TXN_DATA = 1;
export const TXN_COMMIT = 2;
export const TXN_ABORT = 3;

export const isControl = (r: LogRecord): boolean => r.txn >= TXN_COMMIT;

export function emptyTxns(): ReplicaLog['txns'] {
  return { open: {}, aborted: [], unstable: [] };
}

/** One appended record's effect: a transactional record opens its producer's transaction, a marker closes it. */
export function trackTxn(log: ReplicaLog, r: LogRecord): void {
  if (r.txn === TXN_NONE) return;
  const open = log.txns.open;
  if (r.txn === TXN_DATA) {
    if (open[r.producerId] === undefined) open[r.producerId] = r.offset;
    return;
  }
  const first = open[r.producerId];
  if (first === undefined) return;
  delete open[r.producerId];
  const unstable = log.txns.unstable;
  // Markers already below the high watermark no longer hold the LSO back.
  if (unstable.length > 0 && unstable[0]![1] < log.highWatermark)
    log.txns.unstable = unstable.filter(([, last]) => last >= log.highWatermark);
  log.txns.unstable.push([first, r.offset]);
  if (r.txn === TXN_ABORT)
    log.txns.aborted.push({ producerId: r.producerId, firstOffset: first, lastOffset: r.offset });
}

/** Rebuild from the records (after a truncation or a compaction rewrote the log). */
export function rebuildTxns(log: ReplicaLog, records: Iterable<LogRecord>): void {
  log.txns = emptyTxns();
  for (const r of records) trackTxn(log, r);
}

/** Retention deleted the log's head: aborted transactions wholly below the log start are forgotten. */
export function pruneTxns(log: ReplicaLog): void {
  const aborted = log.txns.aborted;
  if (aborted.length > 0 && aborted[0]!.lastOffset < log.logStartOffset)
    log.txns.aborted = aborted.filter((a) => a.lastOffset >= log.logStartOffset);
}

/** The last stable offset: read_committed consumers read below it. */
export function lastStableOffset(log: ReplicaLog): number {
  let lso = log.highWatermark;
  for (const p of Object.keys(log.txns.open)) lso = Math.min(lso, log.txns.open[p]!);
  for (const [first, last] of log.txns.unstable) if (last >= log.highWatermark) lso = Math.min(lso, first);
  return lso;
}

/** The aborted transactions that overlap [from, to): what a read_committed fetch of that range is told. */
export function abortedIn(log: ReplicaLog, from: number, to: number): AbortedTxn[] {
  const out: AbortedTxn[] = [];
  for (const a of log.txns.aborted) if (a.firstOffset < to && a.lastOffset >= from) out.push(a);
  return out;
}

/** Whether a transactional record belongs to one of these aborted transactions. */
export function isAborted(r: LogRecord, aborted: readonly AbortedTxn[]): boolean {
  if (r.txn !== TXN_DATA) return false;
  for (const a of aborted)
    if (a.producerId === r.producerId && a.firstOffset <= r.offset && r.offset < a.lastOffset) return true;
  return false;
}
