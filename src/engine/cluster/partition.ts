// Small queries over a partition that several modules share: who leads, which replicas may join the
// ISR, and the effective min.insync.replicas.
import type { FollowerState, PartitionState, ReplicaLog, SimState } from '../types';

export function leaderLog(p: PartitionState): ReplicaLog | undefined {
  return p.leader >= 0 ? p.logs[p.leader] : undefined;
}

/** Partition.effectiveMinIsr: min.insync.replicas capped at the replication factor. */
export function effectiveMinIsr(state: SimState, p: PartitionState): number {
  const configured = state.topics[p.topic]?.config['min.insync.replicas'] ?? 1;
  return Math.min(configured, p.replicas.length);
}

/** KRaft's isReplicaIsrEligible: unfenced and not in controlled shutdown. */
export function isIsrEligible(state: SimState, brokerId: number): boolean {
  const b = state.brokers[brokerId];
  return b !== undefined && !b.fenced && !b.inControlledShutdown && b.status === 'running';
}

/** Replica.isCaughtUp: at the leader's end, or caught up within replica.lag.time.max.ms. */
export function isCaughtUp(state: SimState, f: FollowerState, leaderEndOffset: number): boolean {
  return (
    f.logEndOffset >= leaderEndOffset ||
    state.nowMs - f.lastCaughtUpTimeMs <= state.config.replicaLagTimeMaxMs
  );
}

export function topicOf(partitionId: string): string {
  return partitionId.slice(0, partitionId.lastIndexOf('-'));
}

export function formatIds(ids: number[]): string {
  return `[${ids.join(',')}]`;
}
