// The consumer's FetchBuffer and FetchCollector. A fetch response's records wait here until poll() returns
// them, up to max.poll.records per poll(), so records one fetch brought beyond max.poll.records are
// returned by the next poll() calls without another fetch. A partition is fetched again only when nothing
// of it is left here (AbstractFetch.fetchablePartitions), and its data is dropped when it is revoked or
// its position changes (FetchBuffer.retainAll), as nothing here is consumed yet.
import type { AbortedTxn, LogRecord } from '../types';
import type { ConsumerState } from '../groups/types';

/** Records that one poll() returns for one partition. */
export interface PolledRecords {
  partitionId: string;
  records: LogRecord[];
  /** read_committed: aborted transactions among them (poll() skips their records). */
  aborted: AbortedTxn[] | null;
}

/** Whether fetched records of this partition still wait for poll() (then it is not fetchable). */
export function isBuffered(consumer: ConsumerState, partitionId: string): boolean {
  return consumer.fetchBuffer.some((f) => f.partitionId === partitionId);
}

/** FetchBuffer.add: a fetch response's records from the position on, which is the fetch offset. */
export function addCompletedFetch(
  consumer: ConsumerState,
  partitionId: string,
  records: LogRecord[],
  aborted: AbortedTxn[] | null = null,
): void {
  // A broken invariant: the fetcher never asks for a partition that still has fetched data here.
  if (isBuffered(consumer, partitionId))
    throw new Error(`Consumer ${consumer.id} fetched ${partitionId} while it had fetched data buffered.`);
  const nextFetchOffset = consumer.positions[partitionId] ?? records[0]!.offset;
  consumer.fetchBuffer.push({ partitionId, records, returned: 0, nextFetchOffset, aborted });
}

/**
 * FetchCollector.collectFetch: up to max.poll.records records, from the completed fetches in the order
 * they arrived. A completed fetch leaves the buffer (it is drained) only when a poll() finds nothing left
 * in it with room for more, as CompletedFetch.fetchRecords stops at max.poll.records before looking
 * further; its partition is then fetchable again (`drained`). Positions are not moved here: the caller
 * moves them as it hands the records to the application.
 */
export function collectFetch(consumer: ConsumerState): { polled: PolledRecords[]; drained: string[] } {
  const polled: PolledRecords[] = [];
  const drained: string[] = [];
  let recordsRemaining = consumer.config['max.poll.records'];
  while (recordsRemaining > 0) {
    const next = consumer.fetchBuffer[0];
    if (!next) break;
    const left = next.records.length - next.returned;
    // Records that are not next in line for the position are from an obsolete fetch: ignored.
    if (left === 0 || next.nextFetchOffset !== consumer.positions[next.partitionId]) {
      consumer.fetchBuffer.shift();
      drained.push(next.partitionId);
      continue;
    }
    const take = Math.min(left, recordsRemaining);
    const records = next.records.slice(next.returned, next.returned + take);
    next.returned += take;
    next.nextFetchOffset = records[take - 1]!.offset + 1;
    recordsRemaining -= take;
    polled.push({ partitionId: next.partitionId, records, aborted: next.aborted });
  }
  return { polled, drained };
}

/** FetchBuffer.retainAll: drop the fetched data of these partitions (revoked, or their position changed). */
export function clearBuffered(consumer: ConsumerState, partitions: readonly string[]): void {
  if (!consumer.fetchBuffer.some((f) => partitions.includes(f.partitionId))) return;
  consumer.fetchBuffer = consumer.fetchBuffer.filter((f) => !partitions.includes(f.partitionId));
}
