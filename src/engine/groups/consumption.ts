// What each group actually processed: a record below the group's high mark of processed offsets is a
// redelivery (at-least-once after a crash before a commit); a jump past records still in the log is a
// skip (possible only through an offset reset to latest or an explicit reset).
import type { LogRecord, SimState } from '../types';
import type { GroupState } from './types';
import { leaderLog } from '../cluster/partition';
import { emit } from '../sim/events';
import { onConsumed } from '../audit/audit';

export function onRecordsProcessed(
  state: SimState,
  group: GroupState,
  partitionId: string,
  from: number,
  records: LogRecord[],
): void {
  const upTo = group.processedUpTo[partitionId];
  onConsumed(state, group.groupId, records);
  let redelivered = 0;
  for (const r of records) if (upTo !== undefined && r.offset < upTo) redelivered++;
  if (redelivered > 0) {
    group.redelivered += redelivered;
    // An exactly_once_v2 service redoes the work too, but its first output was aborted with its offsets.
    const exactlyOnce = group.consumerIds.some((id) => state.consumers[id]?.service?.exactlyOnce);
    emit(
      state,
      'recordsRedelivered',
      `Group ${group.groupId} processed ${redelivered} record${redelivered > 1 ? 's' : ''} of ${partitionId} again (from offset ${from}): ${
        exactlyOnce
          ? 'their first output was in a transaction that never committed, so read_committed readers see it once — exactly-once.'
          : 'they were processed before the last commit was made — at-least-once delivery.'
      }`,
      { partitionId },
    );
  }
  const first = records[0];
  if (upTo !== undefined && first && first.offset > upTo) {
    const p = state.partitions[partitionId];
    const log = p ? leaderLog(p) : undefined;
    const compacted = state.topics[p?.topic ?? '']?.config['cleanup.policy'].includes('compact') ?? false;
    if (log && !compacted && log.logStartOffset <= upTo) group.skipped += first.offset - upTo;
  }
  const last = records[records.length - 1];
  if (last) group.processedUpTo[partitionId] = Math.max(upTo ?? 0, last.offset + 1);
}
