// The active KRaft controller: broker heartbeats and fencing, leader elections, and the partition
// changes that follow a broker failure, restart or controlled shutdown (ReplicationControlManager).
// The controller quorum itself is one always-available node (see Simplifications).
import { onShareLeaderChange } from '../share/shareFetch';
import type { BrokerState, PartitionState, SimState } from '../types';
import { electLeader } from './election';
import { emit } from '../sim/events';
import { brokerNode, CONTROLLER, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { assignEpochStartOffset } from '../log/replicaLog';
import { formatIds } from './partition';
import { failPurgatoryOnLeaderChange } from './delayedProduce';
import { maybeIncrementHighWatermark } from './replication';
import { startFetcher } from './fetchers';
import { completeParkedFetches } from './delayedFetch';
import { restartConsumerFetchersFor } from '../clients/consumer';

/** Brokers the controller may pick as leader or keep in an ISR: unfenced and not shutting down. */
export function acceptableBrokers(state: SimState): number[] {
  return state.brokerIds.filter((id) => {
    const b = state.brokers[id]!;
    return !b.fenced && !b.inControlledShutdown;
  });
}

export function electionTypeFor(state: SimState, p: PartitionState): 'online' | 'unclean' {
  return state.topics[p.topic]?.config['unclean.leader.election.enable'] ? 'unclean' : 'online';
}

/** Install a new leader (or none): bump the epoch and restart every replica's fetcher toward it. */
export function applyLeaderChange(
  state: SimState,
  p: PartitionState,
  newLeader: number,
  unclean: boolean,
  why: string,
): void {
  const oldLeader = p.leader;
  if (newLeader === oldLeader) return;
  if (oldLeader >= 0) failPurgatoryOnLeaderChange(state, p);
  p.leader = newLeader;
  p.leaderEpoch++;
  p.partitionEpoch++;
  p.followers = {};
  // DelayedFetch case A: fetches parked at the old leader that ask for this partition are answered now.
  if (oldLeader >= 0) completeParkedFetches(state, p, oldLeader);
  if (unclean && newLeader >= 0) {
    p.isr = [newLeader];
    p.uncleanEpoch = p.leaderEpoch;
  }
  if (newLeader < 0) {
    emit(
      state,
      'partitionOffline',
      `${why} ${p.id} has no leader: no in-sync replica is available (Leader: none, ISR ${formatIds(p.isr)}).`,
      {
        partitionId: p.id,
      },
    );
    return;
  }
  const log = p.logs[newLeader]!;
  assignEpochStartOffset(log, p.leaderEpoch, log.logEndOffset);
  // Partition.makeLeader: ISR members count as caught up now; their log end offsets are unknown until they fetch.
  for (const r of p.replicas) {
    if (r === newLeader) continue;
    p.followers[r] = {
      logEndOffset: -1,
      lastCaughtUpTimeMs: p.isr.includes(r) ? state.nowMs : 0,
      lastFetchTimeMs: 0,
      lastFetchLeaderLogEndOffset: 0,
    };
    if (state.brokers[r]?.status === 'running') startFetcher(state, brokerNode(r), p.id);
  }
  restartConsumerFetchersFor(state, p.id);
  onShareLeaderChange(state, p.id);
  emit(
    state,
    unclean ? 'uncleanLeaderElected' : 'leaderElected',
    `${why} The controller ${unclean ? 'ran an UNCLEAN election and made' : 'made'} broker ${newLeader} leader of ${p.id} (leaderEpoch ${p.leaderEpoch}); ISR is ${formatIds(p.isr)}.${unclean ? ' Records it lacks are lost.' : ''}`,
    { partitionId: p.id, brokerId: newLeader },
  );
  maybeIncrementHighWatermark(state, p);
}

/** Remove a broker from every ISR and move leadership away from it (fencing or controlled shutdown). */
function removeBrokerFromPartitions(state: SimState, brokerId: number, why: string): void {
  const live = acceptableBrokers(state);
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    if (!p.replicas.includes(brokerId)) continue;
    // With ELR disabled the last ISR member is kept in the ISR so the partition can recover cleanly.
    const targetIsr = p.isr.filter((r) => r !== brokerId);
    const isrChanged = targetIsr.length > 0 && targetIsr.length !== p.isr.length;
    if (isrChanged) p.isr = targetIsr;
    if (p.leader === brokerId || p.leader < 0) {
      const result = electLeader({
        replicas: p.replicas,
        isr: p.isr,
        leader: p.leader,
        liveBrokers: live,
        election: electionTypeFor(state, p),
      });
      if (result.leader !== p.leader) {
        applyLeaderChange(state, p, result.leader, result.unclean, why);
        continue;
      }
    }
    if (isrChanged) {
      p.partitionEpoch++;
      emit(
        state,
        'isrShrunk',
        `${why} Broker ${brokerId} left the ISR of ${p.id}: ISR is now ${formatIds(p.isr)}.`,
        { partitionId: p.id, brokerId },
      );
      maybeIncrementHighWatermark(state, p);
    }
  }
}

export function fenceBroker(state: SimState, broker: BrokerState, why: string): void {
  if (broker.fenced) return;
  broker.fenced = true;
  emit(state, 'brokerFenced', `${why} The controller fenced broker ${broker.id}.`, { brokerId: broker.id });
  removeBrokerFromPartitions(state, broker.id, `Broker ${broker.id} was fenced.`);
}

/** A fenced broker heartbeats again: it is unfenced and can lead partitions that had no leader. */
export function unfenceBroker(state: SimState, broker: BrokerState): void {
  if (!broker.fenced || broker.inControlledShutdown) return;
  broker.fenced = false;
  emit(state, 'brokerUnfenced', `Broker ${broker.id} registered with the controller and was unfenced.`, {
    brokerId: broker.id,
  });
  const live = acceptableBrokers(state);
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    if (p.leader >= 0 || !p.replicas.includes(broker.id)) continue;
    const result = electLeader({
      replicas: p.replicas,
      isr: p.isr,
      leader: -1,
      liveBrokers: live,
      election: electionTypeFor(state, p),
    });
    if (result.leader >= 0)
      applyLeaderChange(state, p, result.leader, result.unclean, `Broker ${broker.id} is back.`);
  }
}

export function startBrokerTimers(state: SimState, broker: BrokerState): void {
  schedule(state, state.nowMs, {
    kind: 'brokerHeartbeat',
    brokerId: broker.id,
    brokerEpoch: broker.brokerEpoch,
  });
  schedule(state, state.nowMs + Math.floor(state.config.replicaLagTimeMaxMs / 2), {
    kind: 'isrExpiration',
    brokerId: broker.id,
    brokerEpoch: broker.brokerEpoch,
  });
}

export function onBrokerHeartbeatTimer(state: SimState, brokerId: number, brokerEpoch: number): void {
  const broker = state.brokers[brokerId];
  if (!broker || broker.status !== 'running' || broker.brokerEpoch !== brokerEpoch) return;
  send(state, brokerNode(brokerId), CONTROLLER, { kind: 'BrokerHeartbeat', brokerId, brokerEpoch });
  schedule(state, state.nowMs + state.config.brokerHeartbeatIntervalMs, {
    kind: 'brokerHeartbeat',
    brokerId,
    brokerEpoch,
  });
}

export function onHeartbeatReceived(state: SimState, brokerId: number, brokerEpoch: number): void {
  const broker = state.brokers[brokerId];
  if (!broker || broker.brokerEpoch !== brokerEpoch) return;
  broker.lastHeartbeatAtMs = state.nowMs;
  schedule(state, state.nowMs + state.config.brokerSessionTimeoutMs, {
    kind: 'sessionExpiry',
    brokerId,
    heartbeatAtMs: state.nowMs,
  });
  if (broker.fenced && broker.status === 'running') unfenceBroker(state, broker);
}

export function onSessionExpiry(state: SimState, brokerId: number, heartbeatAtMs: number): void {
  const broker = state.brokers[brokerId];
  if (!broker || broker.lastHeartbeatAtMs !== heartbeatAtMs || broker.fenced) return;
  fenceBroker(
    state,
    broker,
    `Broker ${brokerId} sent no heartbeat for broker.session.timeout.ms (${state.config.brokerSessionTimeoutMs} ms).`,
  );
}

/** Controlled shutdown: leadership and ISR membership move away first, then the process stops. */
export function controlledShutdown(state: SimState, broker: BrokerState): void {
  broker.inControlledShutdown = true;
  emit(
    state,
    'controlledShutdown',
    `Broker ${broker.id} began a controlled shutdown; the controller moves its leaderships away first.`,
    {
      brokerId: broker.id,
    },
  );
  removeBrokerFromPartitions(state, broker.id, `Broker ${broker.id} is shutting down.`);
  broker.status = 'stopped';
  broker.fenced = true;
  broker.inControlledShutdown = false;
}

/** kafka-leader-election --election-type preferred for one partition. Returns Kafka's error, if any. */
export function electPreferredLeader(state: SimState, p: PartitionState): string | null {
  const preferred = p.replicas[0]!;
  if (p.leader === preferred)
    return `ELECTION_NOT_NEEDED: Leader election not needed for topic partition ${p.id}.`;
  const result = electLeader({
    replicas: p.replicas,
    isr: p.isr,
    leader: p.leader,
    liveBrokers: acceptableBrokers(state),
    election: 'preferred',
  });
  if (result.leader !== preferred) {
    // Kafka's own text is the error's default; the sentence after it says why, for the student.
    return `PREFERRED_LEADER_NOT_AVAILABLE: The preferred leader was not available. (Broker ${preferred}, the preferred leader of ${p.id}, is not live and in the ISR.)`;
  }
  applyLeaderChange(state, p, preferred, false, 'Preferred leader election:');
  return null;
}

/**
 * auto.leader.rebalance.enable: every leader.imbalance.check.interval.seconds the KRaft controller runs a
 * preferred election for each partition whose preferred replica is live, in the ISR, and not leading.
 */
export function rebalancePreferredLeaders(state: SimState): void {
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    const preferred = p.replicas[0]!;
    if (p.leader === preferred || p.leader < 0 || !p.isr.includes(preferred)) continue;
    if (!acceptableBrokers(state).includes(preferred)) continue;
    applyLeaderChange(
      state,
      p,
      preferred,
      false,
      'auto.leader.rebalance.enable: the controller moved leadership back to the preferred replica.',
    );
  }
}

/** Offline partitions of topics with unclean.leader.election.enable=true get an unclean election. */
export function electOfflinePartitionsUncleanly(state: SimState): void {
  const live = acceptableBrokers(state);
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    if (p.leader >= 0 || electionTypeFor(state, p) !== 'unclean') continue;
    const result = electLeader({
      replicas: p.replicas,
      isr: p.isr,
      leader: -1,
      liveBrokers: live,
      election: 'unclean',
    });
    if (result.leader >= 0)
      applyLeaderChange(
        state,
        p,
        result.leader,
        result.unclean,
        `${p.id} had no leader and unclean.leader.election.enable=true.`,
      );
  }
}

/** kafka-leader-election --election-type unclean for one partition. Returns Kafka's error, if any. */
export function electUncleanLeader(state: SimState, p: PartitionState): string | null {
  if (p.leader >= 0) return `ELECTION_NOT_NEEDED: Leader election not needed for topic partition ${p.id}.`;
  const result = electLeader({
    replicas: p.replicas,
    isr: p.isr,
    leader: -1,
    liveBrokers: acceptableBrokers(state),
    election: 'unclean',
  });
  if (result.leader < 0) {
    return `ELIGIBLE_LEADERS_NOT_AVAILABLE: Eligible topic partition leaders are not available. (No replica of ${p.id} is live.)`;
  }
  applyLeaderChange(
    state,
    p,
    result.leader,
    result.unclean,
    'kafka-leader-election --election-type unclean:',
  );
  return null;
}
