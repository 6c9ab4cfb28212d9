// A broker process coming back: a new process registers with the controller and starts heartbeating, and
// its follower fetchers catch up from the leaders. While the previous process's session is still valid,
// ClusterControlManager.registerBroker refuses it (DuplicateBrokerRegistrationException), so a broker
// killed and restarted quickly first waits for the controller to fence its old process.
import type { BrokerState, SimState } from '../types';
import { emit } from '../sim/events';
import { schedule } from '../sim/timers';
import { brokerNode } from '../sim/network';
import { startBrokerTimers } from './controller';
import { startFetcher } from './fetchers';

/** A broker process starts and registers: heartbeats, then its follower fetchers catch up. */
export function startBroker(state: SimState, b: BrokerState): void {
  b.status = 'running';
  b.isolated = false;
  b.registerAtMs = -1;
  b.brokerEpoch++;
  emit(
    state,
    'brokerRestarted',
    `Broker ${b.id} restarted with its log intact; it registers with the controller and catches up from the leaders.`,
    { brokerId: b.id },
  );
  startBrokerTimers(state, b);
  startFollowerFetchers(state, b.id);
}

/** The waiting process tries to register again: the old session has expired (and was fenced) by now. */
export function onBrokerRegister(state: SimState, brokerId: number): void {
  const b = state.brokers[brokerId];
  if (!b || b.registerAtMs !== state.nowMs || b.status === 'running') return;
  if (!b.fenced) {
    // A heartbeat the old process sent just before it died arrived late and extended its session.
    b.registerAtMs = b.lastHeartbeatAtMs + state.config.brokerSessionTimeoutMs;
    schedule(state, b.registerAtMs, { kind: 'brokerRegister', brokerId });
    return;
  }
  startBroker(state, b);
}

export function startFollowerFetchers(state: SimState, brokerId: number): void {
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    if (p.replicas.includes(brokerId) && p.leader !== brokerId) startFetcher(state, brokerNode(brokerId), id);
  }
}
