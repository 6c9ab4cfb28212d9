// How the coordinator answers a consumer: on the connection the request came on (the request's
// connectionId), or, for an answer it parked (JoinGroup at the rebalance barrier, a follower's SyncGroup),
// on the connection of the member's latest request. An answer for a connection its consumer has since
// closed is dropped by the consumer (clients/toCoordinator.ts).
import type { SimState } from '../types';
import type { GroupMessageBody, WithoutConnection } from './types';
import { consumerNode, COORDINATOR, send } from '../sim/network';

/** A consumer's connection: who to answer, and on which of its runs' connections. */
export interface Connection {
  consumerId: string;
  connectionId: number;
}

export function reply(state: SimState, to: Connection, body: WithoutConnection<GroupMessageBody>): void {
  send(state, COORDINATOR, consumerNode(to.consumerId), {
    ...body,
    connectionId: to.connectionId,
  } as GroupMessageBody);
}
