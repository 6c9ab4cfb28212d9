// The partition leader's side of WriteTxnMarkers: a control record, COMMIT or ABORT for the producer id,
// appended like any record and replicated like one. It closes the producer's open transaction in the
// log's transaction state, so the last stable offset can move past it once the marker is replicated; an
// ABORT also marks the transaction's records aborted in the delivery audit. As Kafka appends markers
// with requiredAcks=-1, the leader confirms a marker only once the high watermark has passed it: a
// marker lost with its leader is then sent again by the coordinator, to the next one.
import type { LogRecord, Message, MessageBody, PartitionState, SimState, TxnMarkerResult } from '../types';
import { onAborted } from '../audit/audit';
import { RECORD_OVERHEAD_BYTES } from '../config';
import { brokerNode, COORDINATOR, send } from '../sim/network';
import { appendRecords, forEachInRange } from '../log/replicaLog';
import { TXN_ABORT, TXN_COMMIT, TXN_DATA } from '../log/txnIndex';
import { effectiveMinIsr, leaderLog } from './partition';
import { maybeIncrementHighWatermark } from './replication';
import { completeParkedFetches } from './delayedFetch';
import { brokerIdOf } from './nodeKeys';

export function onWriteTxnMarkers(state: SimState, message: Message): void {
  const body = message.body as Extract<MessageBody, { kind: 'WriteTxnMarkersRequest' }>;
  const brokerId = brokerIdOf(message.to);
  const refused: TxnMarkerResult[] = [];
  const appendedTo: PartitionState[] = [];
  for (const partitionId of body.partitions) {
    const p = state.partitions[partitionId];
    const log = p && p.leader === brokerId ? leaderLog(p) : undefined;
    if (!p || !log) {
      refused.push({ partitionId, error: 'NOT_LEADER_OR_FOLLOWER' });
      continue;
    }
    if (p.isr.length < effectiveMinIsr(state, p)) {
      refused.push({ partitionId, error: 'NOT_ENOUGH_REPLICAS' });
      continue;
    }
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
    p.pendingMarkers.push({
      offset: marker.offset,
      leaderEpoch: p.leaderEpoch,
      transactionalId: body.transactionalId,
    });
    appendedTo.push(p);
  }
  if (refused.length > 0)
    send(state, message.to, COORDINATOR, {
      kind: 'WriteTxnMarkersResponse',
      transactionalId: body.transactionalId,
      results: refused,
    });
  for (const p of appendedTo) {
    maybeIncrementHighWatermark(state, p);
    completeParkedFetches(state, p);
  }
}

/** The high watermark moved: markers it passed are confirmed; those of an older leader epoch are dropped. */
export function completeTxnMarkers(state: SimState, p: PartitionState): void {
  if (p.pendingMarkers.length === 0) return;
  const log = leaderLog(p);
  const kept: PartitionState['pendingMarkers'] = [];
  for (const m of p.pendingMarkers) {
    if (m.leaderEpoch !== p.leaderEpoch || !log) continue;
    if (log.highWatermark <= m.offset) {
      kept.push(m);
      continue;
    }
    send(state, brokerNode(p.leader), COORDINATOR, {
      kind: 'WriteTxnMarkersResponse',
      transactionalId: m.transactionalId,
      results: [{ partitionId: p.id, error: null }],
    });
  }
  p.pendingMarkers = kept;
}
