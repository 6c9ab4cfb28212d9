// The network: every message is a timer that fires on delivery. A message to or from a stopped or
// isolated node is dropped, as a cut cable or a dead process would drop it; the sender learns only by
// timeouts, which is what makes failures interesting.
import type { BrokerState, Message, MessageBody, NodeId, SimState } from '../types';
import {
  ALWAYS_UP_NODE,
  BROKER_NODE,
  CONSUMER_NODE,
  PRODUCER_NODE,
  SHARE_NODE,
  brokerNode,
  consumerNode,
  nodeInfo,
  producerNode,
} from '../cluster/nodeKeys';
import { schedule } from './timers';

export const CONTROLLER: NodeId = 'controller';
/** The group coordinator; always available, like the controller (see Simplifications). */
export const COORDINATOR: NodeId = 'coordinator';
export { brokerNode, consumerNode, producerNode };

export function brokerOf(state: SimState, node: NodeId): BrokerState | undefined {
  const info = nodeInfo(node);
  return info.kind === BROKER_NODE ? state.brokers[info.key] : undefined;
}

/** Whether a node can send and receive right now. */
export function isReachable(state: SimState, node: NodeId): boolean {
  const info = nodeInfo(node);
  switch (info.kind) {
    case ALWAYS_UP_NODE:
      return true;
    case BROKER_NODE: {
      const broker = state.brokers[info.key];
      return broker !== undefined && broker.status === 'running' && !broker.isolated;
    }
    case CONSUMER_NODE:
      return state.consumers[info.key]?.status === 'running';
    case PRODUCER_NODE:
      return state.producers[info.key] !== undefined;
    case SHARE_NODE:
      return state.shareConsumers[info.key]?.status === 'running';
    default:
      return false;
  }
}

export function isIsolated(state: SimState, node: NodeId): boolean {
  return brokerOf(state, node)?.isolated ?? false;
}

export function send(
  state: SimState,
  from: NodeId,
  to: NodeId,
  body: MessageBody,
  extraDelayMs = 0,
): boolean {
  if (!isReachable(state, from)) return false;
  const message: Message = {
    id: state.nextId++,
    from,
    to,
    sentAtMs: state.nowMs,
    deliverAtMs: state.nowMs + state.config.networkLatencyMs + extraDelayMs,
    body,
  };
  schedule(state, message.deliverAtMs, { kind: 'deliver', message });
  return true;
}
