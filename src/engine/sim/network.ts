// The network: every message is a timer that fires on delivery. A message to or from a stopped or
// isolated node is dropped, as a cut cable or a dead process would drop it; the sender learns only by
// timeouts, which is what makes failures interesting.
import type { BrokerState, Message, MessageBody, NodeId, SimState } from '../types';
import { schedule } from './timers';

export const CONTROLLER: NodeId = 'controller';
/** The group coordinator; always available, like the controller (see Simplifications). */
export const COORDINATOR: NodeId = 'coordinator';
export const brokerNode = (id: number): NodeId => `broker-${id}`;
export const producerNode = (id: string): NodeId => `producer-${id}`;
export const consumerNode = (id: string): NodeId => `consumer-${id}`;

export function brokerOf(state: SimState, node: NodeId): BrokerState | undefined {
  return node.startsWith('broker-') ? state.brokers[node.slice(7)] : undefined;
}

/** Whether a node can send and receive right now. */
export function isReachable(state: SimState, node: NodeId): boolean {
  if (node === CONTROLLER || node === COORDINATOR) return true;
  const broker = brokerOf(state, node);
  if (broker) return broker.status === 'running' && !broker.isolated;
  if (node.startsWith('consumer-')) return state.consumers[node.slice(9)]?.status === 'running';
  if (node.startsWith('producer-')) return state.producers[node.slice(9)] !== undefined;
  return false;
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
