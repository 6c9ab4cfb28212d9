// The consumer's connection to the group coordinator. Each run of a consumer opens its own: its requests
// carry the run's connectionId and the coordinator's responses echo it. A response for an earlier run (one
// still on the wire when the consumer was restarted) is dropped, as NetworkClient never hands a new
// connection the responses to requests sent on a closed one.
import type { SimState } from '../types';
import type { ConsumerState, GroupMessageBody, WithoutConnection } from '../groups/types';
import { consumerNode, COORDINATOR, send } from '../sim/network';

type Request = Extract<
  GroupMessageBody,
  {
    kind:
      | 'JoinGroupRequest'
      | 'SyncGroupRequest'
      | 'HeartbeatRequest'
      | 'LeaveGroupRequest'
      | 'OffsetCommitRequest'
      | 'ConsumerGroupHeartbeatRequest';
  }
>;

export function sendToCoordinator(
  state: SimState,
  consumer: ConsumerState,
  body: WithoutConnection<Request>,
): void {
  send(state, consumerNode(consumer.id), COORDINATOR, { ...body, connectionId: consumer.connectionId });
}

/** Whether a response belongs to this run of the consumer. */
export function isForThisRun(consumer: ConsumerState, body: GroupMessageBody): boolean {
  return body.connectionId === consumer.connectionId;
}
