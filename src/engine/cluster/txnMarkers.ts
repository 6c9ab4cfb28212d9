// The partition leader's side of WriteTxnMarkers: a control record, COMMIT or ABORT for the producer id,
// appended like any record and replicated like one. It closes the producer's open transaction in the
// log's transaction state, so the last stable offset can move past it once the marker is replicated; an
// ABORT also marks the transaction's records aborted in the delivery audit.
import type { LogRecord, Message, MessageBody, SimState, TxnMarkerResult } from '../types';
import { onAborted } from '../audit/audit';
import { RECORD_OVERHEAD_BYTES } from '../config';
import { COORDINATOR, send } from '../sim/network';
import { appendRecords, forEachInRange } from '../log/replicaLog';
import { TXN_ABORT, TXN_COMMIT, TXN_DATA } from '../log/txnIndex';
import { leaderLog } from './partition';
import { maybeIncrementHighWatermark } from './replication';
import { completeParkedFetches } from './delayedFetch';
import { brokerIdOf } from './nodeKeys';

export function onWriteTxnMarkers(state: SimState, message: Message): void {
  const body = message.body as Extract<MessageBody, { kind: 'WriteTxnMarkersRequest' }>;
  const brokerId = brokerIdOf(message.to);
  const results: TxnMarkerResult[] = body.partitions.map((partitionId) => {
    const p = state.partitions[partitionId];
    const log = p && p.leader === brokerId ? leaderLog(p) : undefined;
    if (!p || !log) return { partitionId, error: 'NOT_LEADER_OR_FOLLOWER' };
    const first = log.txns.open[body.producerId];
    const marker: LogRecord = {
      offset: log.logEndOffset,
      leaderEpoch: p.leaderEpoch,
      key: null,
      value: null,
      timestampMs: state.nowMs,
      timestampType: state.topics[p.topic]!.config['message.timestamp.type'],
      sizeBytes: RECORD_OVERHEAD_BYTES,
      recordId: -1,
      producerId: body.producerId,
      sequence: -1,
      txn: body.committed ? TXN_COMMIT : TXN_ABORT,
    };
    appendRecords(log, [marker]);
    if (!body.committed && first !== undefined)
      forEachInRange(log, first, marker.offset, (r) => {
        if (r.txn === TXN_DATA && r.producerId === body.producerId) onAborted(state, r.recordId);
      });
    maybeIncrementHighWatermark(state, p);
    completeParkedFetches(state, p);
    return { partitionId, error: null };
  });
  send(state, message.to, COORDINATOR, {
    kind: 'WriteTxnMarkersResponse',
    transactionalId: body.transactionalId,
    results,
  });
}
