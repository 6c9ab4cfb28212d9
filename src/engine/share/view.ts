// What the UI and the CLI read of share groups: members with what they hold and acknowledged, and each
// share-partition's window (start offset, end offset, the state and delivery count of each record).
import type { SimState } from '../types';
import type { ShareGroupConfig, ShareGroupStateName, ShareRecordState } from './types';
import { leaderLog } from '../cluster/partition';
import { forEachInRange } from '../log/replicaLog';

export interface ShareMemberView {
  consumerId: string;
  /** '' before the consumer's first run. */
  memberId: string;
  status: 'running' | 'stopped';
  stopReason: 'crashed' | 'closed' | null;
  /** Whether the coordinator still counts it as a member (a crashed one stays until its session expires). */
  inGroup: boolean;
  memberEpoch: number;
  assigned: string[];
  /** Records whose acquisition lock it holds right now, across partitions. */
  holding: number;
  /** Records poll() gave it that it is processing now. */
  processing: number;
  processingTimeMs: number;
  consumed: number;
  accepted: number;
  released: number;
  rejected: number;
}

export interface ShareRecordView {
  offset: number;
  state: ShareRecordState;
  deliveryCount: number;
  /** The consumer holding its lock, null when none does. */
  consumerId: string | null;
  lockUntilMs: number;
  key: string | null;
}

export interface SharePartitionView {
  partitionId: string;
  /** -1 until a member first fetches it. */
  startOffset: number;
  endOffset: number;
  highWatermark: number;
  /** Records from the start offset to the high watermark not yet acknowledged or archived; null before the start is set. */
  lag: number | null;
  counts: Record<ShareRecordState, number>;
  /** The in-flight records, oldest first (at most `maxRecords`). */
  inFlight: ShareRecordView[];
}

export interface ShareGroupView {
  groupId: string;
  topic: string;
  state: ShareGroupStateName;
  groupEpoch: number;
  config: ShareGroupConfig;
  poisonKeys: string[];
  onFailure: 'RELEASE' | 'REJECT';
  /** The application renews its batch's locks (RENEW) while it works, under explicit acknowledgement. */
  renewLocks: boolean;
  members: ShareMemberView[];
  partitions: SharePartitionView[];
  totalLag: number;
  stats: {
    accepted: number;
    released: number;
    rejected: number;
    archivedAtLimit: number;
    redelivered: number;
    /** Locks restarted by RENEW acknowledgements. */
    renewed: number;
  };
}

export function shareGroupViews(state: SimState, maxRecords = 40): ShareGroupView[] {
  return state.shareGroupIds.map((id) => {
    const g = state.shareGroups[id]!;
    const byMember = new Map<string, string>();
    for (const cid of g.consumerIds) byMember.set(state.shareConsumers[cid]!.memberId, cid);
    const holding = new Map<string, number>();
    const partitions: SharePartitionView[] = state.partitionIds
      .filter((pid) => g.topics.includes(state.partitions[pid]!.topic))
      .map((pid) => {
        const p = state.partitions[pid]!;
        const log = leaderLog(p);
        const sp = g.partitions[pid];
        const counts: Record<ShareRecordState, number> = {
          AVAILABLE: 0,
          ACQUIRED: 0,
          ACKNOWLEDGED: 0,
          ARCHIVED: 0,
        };
        const keys = new Map<number, string | null>();
        const shown = sp?.inFlight.slice(0, maxRecords) ?? [];
        const last = shown[shown.length - 1];
        if (log && last)
          forEachInRange(log, shown[0]!.offset, last.offset + 1, (r) => keys.set(r.offset, r.key));
        for (const r of sp?.inFlight ?? []) {
          counts[r.state]++;
          if (r.state === 'ACQUIRED') holding.set(r.memberId, (holding.get(r.memberId) ?? 0) + 1);
        }
        const hw = log?.highWatermark ?? 0;
        const started = sp !== undefined && sp.startOffset >= 0;
        return {
          partitionId: pid,
          startOffset: sp?.startOffset ?? -1,
          endOffset: sp?.endOffset ?? -1,
          highWatermark: hw,
          lag: started ? Math.max(0, hw - sp.startOffset - counts.ACKNOWLEDGED - counts.ARCHIVED) : null,
          counts,
          inFlight: shown.map((r) => ({
            offset: r.offset,
            state: r.state,
            deliveryCount: r.deliveryCount,
            consumerId: r.memberId ? (byMember.get(r.memberId) ?? null) : null,
            lockUntilMs: r.lockUntilMs,
            key: keys.get(r.offset) ?? null,
          })),
        };
      });
    const first = g.consumerIds.map((cid) => state.shareConsumers[cid]!)[0];
    return {
      groupId: g.groupId,
      topic: g.topics[0]!,
      state: g.state,
      groupEpoch: g.groupEpoch,
      config: { ...g.config },
      poisonKeys: [...(first?.application.poisonKeys ?? [])],
      onFailure: first?.application.onFailure ?? 'RELEASE',
      renewLocks: first?.application.renewLocks ?? false,
      members: g.consumerIds.map((cid) => {
        const c = state.shareConsumers[cid]!;
        return {
          consumerId: cid,
          memberId: c.memberId,
          status: c.status,
          stopReason: c.stopReason,
          inGroup: g.members[c.memberId] !== undefined,
          memberEpoch: c.memberEpoch,
          assigned: [...c.assigned],
          holding: holding.get(c.memberId) ?? 0,
          processing: c.processing.length,
          processingTimeMs: c.processingTimeMs,
          consumed: c.consumed,
          accepted: c.accepted,
          released: c.released,
          rejected: c.rejected,
        };
      }),
      partitions,
      totalLag: partitions.reduce((n, p) => n + (p.lag ?? 0), 0),
      stats: { ...g.stats },
    };
  });
}
