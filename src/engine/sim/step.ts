// The one place where time moves: pop the next timer and hand it to the module that owns it.
// Messages are delivered only if both ends are reachable at arrival, which is how kills and
// isolation drop traffic that was already on the wire.
import type { Message, ProducerState, ScheduledTimer, SimState } from '../types';
import { onDropped } from '../audit/audit';
import {
  electOfflinePartitionsUncleanly,
  onBrokerHeartbeatTimer,
  onHeartbeatReceived,
  onSessionExpiry,
  rebalancePreferredLeaders,
} from '../cluster/controller';
import { handleProduceRequest } from '../cluster/produce';
import { nodeInfo } from '../cluster/nodeKeys';
import { onProduceTimeout } from '../cluster/delayedProduce';
import { handleFetchResponse, maybeShrinkIsr } from '../cluster/replication';
import { handleFetchRequest, onFetchWaitExpired } from '../cluster/delayedFetch';
import { onFetchLost, sendFetch } from '../cluster/fetchers';
import { runRetention } from '../log/retention';
import {
  onConsumerAutoCommit,
  onConsumerCommitProcessed,
  onConsumerGroupHeartbeatTimer,
  onConsumerHeartbeatTimer,
  onConsumerPoll,
  onConsumerRejoin,
  onGroupMessage,
} from '../clients/consumer';
import {
  onCoordinatorMessage,
  onInitialRebalanceDelay,
  onMemberSessionExpiry,
  onRebalanceTimeout,
} from '../groups/coordinator';
import { onProduceTick, startProducer } from '../clients/producer';
import { wakeExactlyOnceConsumers } from '../clients/poll';
import { onEndTxnResponse, onInitProducerIdResponse } from '../clients/transactionManager';
import {
  onEndTxn,
  onInitProducerId,
  onTxnMarkerRetry,
  onTxnTimeoutCheck,
  onWriteTxnMarkersResponse,
} from '../cluster/txnCoordinator';
import { onWriteTxnMarkers } from '../cluster/txnMarkers';
import { drainProducer } from '../clients/sender';
import {
  onClientDisconnected,
  onClientRequestTimeout,
  onProduceResponse,
} from '../clients/producerResponses';
import {
  onShareAcknowledgeRequest,
  onShareFetchRequest,
  onShareFetchWaitExpired,
  onShareLockExpiry,
} from '../share/shareFetch';
import { onShareGroupHeartbeat, onShareSessionExpiry } from '../share/shareCoordinator';
import {
  onShareFetchDropped,
  onShareFetchLost,
  onShareFetchResponse,
  onShareRenew,
  onShareRequestTimeout,
  onShareHeartbeatResponse,
  onShareHeartbeatTimer,
  onSharePollTimer,
} from '../share/shareConsumer';
import { onBrokerRegister } from '../cluster/brokerProcess';
import { COORDINATOR, isIsolated, isReachable } from './network';
import { popTimer, schedule } from './timers';

export function runTimer(state: SimState, scheduled: ScheduledTimer): void {
  const t = scheduled.timer;
  switch (t.kind) {
    case 'deliver':
      return deliver(state, t.message);
    case 'produceTick':
      return onProduceTick(state, t.producerId, t.token);
    case 'producerSend': {
      const producer = state.producers[t.producerId];
      if (!producer || producer.sendWakeAtMs !== scheduled.atMs) return; // superseded by an earlier wake-up
      producer.sendWakeAtMs = -1;
      return drainProducer(state, producer);
    }
    case 'brokerHeartbeat':
      return onBrokerHeartbeatTimer(state, t.brokerId, t.brokerEpoch);
    case 'sessionExpiry':
      return onSessionExpiry(state, t.brokerId, t.heartbeatAtMs);
    case 'brokerRegister':
      return onBrokerRegister(state, t.brokerId);
    case 'isrExpiration': {
      const broker = state.brokers[t.brokerId];
      if (!broker || broker.brokerEpoch !== t.brokerEpoch || broker.status !== 'running') return;
      maybeShrinkIsr(state, t.brokerId);
      schedule(state, state.nowMs + Math.floor(state.config.replicaLagTimeMaxMs / 2), t);
      return;
    }
    case 'fetchWaitExpired': {
      if (state.fetchWaitCheckAtMs[t.brokerId] !== scheduled.atMs) return; // superseded by an earlier check
      state.fetchWaitCheckAtMs[t.brokerId] = -1;
      return onFetchWaitExpired(state, t.brokerId);
    }
    case 'fetch':
      return sendFetch(state, t.node, t.brokerId, t.session);
    case 'produceTimeout': {
      const p = state.partitions[t.partitionId];
      if (!p || p.purgatoryCheckAtMs !== scheduled.atMs) return; // superseded by an earlier check
      p.purgatoryCheckAtMs = -1;
      return onProduceTimeout(state, p);
    }
    case 'clientRequestTimeout': {
      const producer = state.producers[t.producerId];
      if (!producer || producer.requestTimeoutCheckAtMs !== scheduled.atMs) return;
      producer.requestTimeoutCheckAtMs = -1;
      return onClientRequestTimeout(state, producer);
    }
    case 'clientDisconnected':
      return onClientDisconnected(state, t.producerId, t.requestId, t.brokerId);
    case 'consumerHeartbeat':
      return onConsumerHeartbeatTimer(state, t.consumerId, t.token);
    case 'consumerGroupHeartbeat':
      return onConsumerGroupHeartbeatTimer(state, t.consumerId, t.token, scheduled.atMs);
    case 'consumerAutoCommit':
      return onConsumerAutoCommit(state, t.consumerId, t.token);
    case 'consumerCommitProcessed':
      return onConsumerCommitProcessed(state, t.consumerId, t.token);
    case 'consumerRejoin':
      return onConsumerRejoin(state, t.consumerId, t.token);
    case 'consumerPoll':
      return onConsumerPoll(state, t.consumerId, t.token);
    case 'memberSessionExpiry':
      return onMemberSessionExpiry(state, t.groupId, t.memberId, t.heartbeatAtMs);
    case 'rebalanceTimeout':
      return onRebalanceTimeout(state, t.groupId, t.token);
    case 'initialRebalanceDelay':
      return onInitialRebalanceDelay(state, t.groupId, t.token);
    case 'retentionCheck':
      runRetention(state);
      schedule(state, state.nowMs + state.config.logRetentionCheckIntervalMs, t);
      return;
    case 'leaderImbalanceCheck':
      if (state.config.autoLeaderRebalanceEnable) rebalancePreferredLeaders(state);
      schedule(state, state.nowMs + state.config.leaderImbalanceCheckIntervalMs, t);
      return;
    case 'txnTimeoutCheck':
      return onTxnTimeoutCheck(state);
    case 'txnMarkerRetry':
      return onTxnMarkerRetry(state, t.transactionalId);
    case 'shareHeartbeat':
      return onShareHeartbeatTimer(state, t.consumerId, t.token);
    case 'sharePoll':
      return onSharePollTimer(state, t.consumerId, t.token);
    case 'shareRenew':
      return onShareRenew(state, t.consumerId, t.token, t.batchStartMs);
    case 'shareFetchLost':
      return onShareFetchLost(state, t);
    case 'shareRequestTimeout':
      return onShareRequestTimeout(state, t.consumerId, t.token, scheduled.atMs);
    case 'shareSessionExpiry':
      return onShareSessionExpiry(state, t.groupId, t.memberId, t.heartbeatAtMs);
    case 'shareLockExpiry':
      return onShareLockExpiry(state, t.groupId, t.partitionId);
    case 'shareFetchWaitExpired':
      return onShareFetchWaitExpired(state, t.brokerId);
    case 'uncleanElectionCheck':
      electOfflinePartitionsUncleanly(state);
      schedule(state, state.nowMs + state.config.uncleanLeaderElectionIntervalMs, t);
      return;
  }
}

function deliver(state: SimState, message: Message): void {
  const body = message.body;
  // What is already on the wire still arrives after its sender dies; a cut cable drops it.
  if (!isReachable(state, message.to) || isIsolated(state, message.from)) {
    if (body.kind === 'FetchRequest' || body.kind === 'FetchResponse') onFetchLost(state, message);
    if (body.kind === 'ShareFetchRequest' && isProcessDown(state, message.to))
      onShareFetchDropped(state, message);
    if (body.kind === 'ProduceRequest' && body.acks === 0) {
      for (const data of body.partitionData)
        for (const r of data.records) onDropped(state, r.recordId, Number(message.to.slice(7)));
    }
    // A dead process's socket closes, which even an acks=0 producer notices (it stops sending there).
    if (body.kind === 'ProduceRequest' && isProcessDown(state, message.to))
      notifyDisconnect(state, message.from, body.requestId, Number(message.to.slice(7)));
    return;
  }
  switch (body.kind) {
    case 'ProduceRequest':
      return handleProduceRequest(state, message);
    case 'ProduceResponse':
      return onProduceResponse(state, message);
    case 'FetchRequest':
      return handleFetchRequest(state, message);
    case 'FetchResponse':
      return handleFetchResponse(state, message);
    case 'BrokerHeartbeat':
      return onHeartbeatReceived(state, body.brokerId, body.brokerEpoch);
    case 'InitProducerIdRequest':
      return onInitProducerId(state, message);
    case 'EndTxnRequest':
      return onEndTxn(state, message);
    case 'WriteTxnMarkersRequest':
      return onWriteTxnMarkers(state, message);
    case 'WriteTxnMarkersResponse':
      return onWriteTxnMarkersResponse(state, message);
    case 'InitProducerIdResponse':
      return onInitProducerIdResponse(state, message, (p) => producerReady(state, p));
    case 'EndTxnResponse':
      onEndTxnResponse(state, message, (p) => producerReady(state, p));
      // A fenced exactly_once_v2 instance recovers in its poll loop (TaskMigratedException).
      if (body.error === 'PRODUCER_FENCED') wakeExactlyOnceConsumers(state, nodeInfo(message.to).key);
      return;
    case 'ShareGroupHeartbeatRequest':
      return onShareGroupHeartbeat(state, message);
    case 'ShareGroupHeartbeatResponse':
      return onShareHeartbeatResponse(state, message);
    case 'ShareFetchRequest':
      return onShareFetchRequest(state, message);
    case 'ShareFetchResponse':
      return onShareFetchResponse(state, message);
    case 'ShareAcknowledgeRequest':
      return onShareAcknowledgeRequest(state, message);
    default:
      if (message.to === COORDINATOR) return onCoordinatorMessage(state, message);
      return onGroupMessage(state, message);
  }
}

/** A transactional producer can send again: its rate resumes, or its exactly_once_v2 instance polls. */
function producerReady(state: SimState, p: ProducerState): void {
  if (p.ratePerSec > 0) startProducer(state, p);
  wakeExactlyOnceConsumers(state, p.id);
}

function isProcessDown(state: SimState, node: string): boolean {
  return state.brokers[node.slice(7)]?.status === 'stopped';
}

/** A connection to a dead process is refused or reset: the client hears about it one hop later. */
export function notifyDisconnect(
  state: SimState,
  producerNode: string,
  requestId: number,
  brokerId: number,
): void {
  const producerId = producerNode.slice(9);
  if (!state.producers[producerId]) return;
  schedule(state, state.nowMs + state.config.networkLatencyMs, {
    kind: 'clientDisconnected',
    producerId,
    requestId,
    brokerId,
  });
}

/** Run every timer due at or before `untilMs`, then leave the clock at `untilMs`. */
export function advanceTo(state: SimState, untilMs: number): void {
  if (untilMs < state.nowMs) throw new Error(`cannot advance backwards from ${state.nowMs} to ${untilMs}`);
  for (;;) {
    const next = state.timers[0];
    if (!next || next.atMs > untilMs) break;
    popTimer(state);
    state.nowMs = next.atMs;
    runTimer(state, next);
  }
  state.nowMs = untilMs;
}
