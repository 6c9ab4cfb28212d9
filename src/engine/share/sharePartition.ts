// The share-partition's state machine (SharePartition in Kafka's share-partition leader), as pure
// functions of its state. A record enters the window AVAILABLE the first time a member fetches past it;
// acquiring it locks it to one member (ACQUIRED) and counts a delivery; the member ACCEPTs it
// (ACKNOWLEDGED), RELEASEs it (AVAILABLE again) or REJECTs it (ARCHIVED); a lock that runs out releases
// it. A record released after share.delivery.count.limit deliveries is ARCHIVED instead: a poison pill
// cannot circle for ever. The start offset (SPSO) moves past every leading record that is done with.
import type { AcknowledgeType, InFlightRecord, SharePartitionState, ShareRecordState } from './types';

export function newSharePartition(partitionId: string): SharePartitionState {
  return { partitionId, startOffset: -1, endOffset: -1, inFlight: [], stateEpoch: 0 };
}

/** The first fetch sets the start: share.auto.offset.reset's end of the log or its start. */
export function initialize(sp: SharePartitionState, startOffset: number): void {
  sp.startOffset = startOffset;
  sp.endOffset = startOffset;
  sp.inFlight = [];
}

/** Retention or a reset moved the log start past records in the window: they are gone (archived). */
export function moveStartTo(sp: SharePartitionState, logStartOffset: number): void {
  if (sp.startOffset >= logStartOffset) return;
  sp.inFlight = sp.inFlight.filter((r) => r.offset >= logStartOffset);
  sp.startOffset = logStartOffset;
  if (sp.endOffset < logStartOffset) sp.endOffset = logStartOffset;
  advanceStart(sp);
}

/** Records AVAILABLE in the window, oldest first: they are acquired before new ones (redeliveries). */
export function availableInWindow(sp: SharePartitionState): InFlightRecord[] {
  return sp.inFlight.filter((r) => r.state === 'AVAILABLE');
}

/** Acquire an in-flight record, or a new one appended after the in-flight records. */
export function acquire(
  sp: SharePartitionState,
  record: InFlightRecord | { offset: number },
  memberId: string,
  lockUntilMs: number,
): InFlightRecord {
  let r = 'state' in record ? record : undefined;
  if (!r) {
    r = { offset: record.offset, state: 'AVAILABLE', deliveryCount: 0, memberId: '', lockUntilMs: -1 };
    sp.inFlight.push(r);
    sp.endOffset = record.offset + 1;
  }
  r.state = 'ACQUIRED';
  r.deliveryCount++;
  r.memberId = memberId;
  r.lockUntilMs = lockUntilMs;
  return r;
}

/** Skip offsets that can never be delivered (transaction markers, aborted records): archived at once. */
export function skipTo(sp: SharePartitionState, offset: number): void {
  if (offset > sp.endOffset) sp.endOffset = offset;
  advanceStart(sp);
}

/** Records acquired and not yet acknowledged: what share.partition.max.record.locks counts. */
export function inFlightCount(sp: SharePartitionState): number {
  return sp.endOffset - sp.startOffset;
}

function release(r: InFlightRecord, limit: number): 'AVAILABLE' | 'ARCHIVED' {
  r.state = r.deliveryCount >= limit ? 'ARCHIVED' : 'AVAILABLE';
  r.memberId = '';
  r.lockUntilMs = -1;
  return r.state;
}

export type AckOutcome = 'ACKNOWLEDGED' | 'AVAILABLE' | 'ARCHIVED' | 'RENEWED' | 'INVALID_RECORD_STATE';

/**
 * A member's acknowledgement of one record. Only the member holding the record's lock may acknowledge it;
 * anything else (lock ran out, record moved on) is INVALID_RECORD_STATE and changes nothing. RENEW keeps
 * the record ACQUIRED and restarts its lock, to run out at `renewedLockUntilMs`.
 */
export function acknowledge(
  sp: SharePartitionState,
  offset: number,
  memberId: string,
  type: AcknowledgeType,
  deliveryCountLimit: number,
  renewedLockUntilMs = -1,
): AckOutcome {
  const r = find(sp, offset);
  if (!r || r.state !== 'ACQUIRED' || r.memberId !== memberId) return 'INVALID_RECORD_STATE';
  if (type === 'RENEW') {
    r.lockUntilMs = renewedLockUntilMs;
    return 'RENEWED';
  }
  let outcome: AckOutcome;
  if (type === 'ACCEPT') {
    r.state = 'ACKNOWLEDGED';
    r.memberId = '';
    r.lockUntilMs = -1;
    outcome = 'ACKNOWLEDGED';
  } else if (type === 'REJECT') {
    r.state = 'ARCHIVED';
    r.memberId = '';
    r.lockUntilMs = -1;
    outcome = 'ARCHIVED';
  } else outcome = release(r, deliveryCountLimit);
  advanceStart(sp);
  return outcome;
}

/**
 * Acquisition locks that ran out by `expiredBy`: the records are AVAILABLE again, or ARCHIVED once they
 * have been delivered share.delivery.count.limit times. Or every lock `memberId` holds, because its share
 * session closed (the consumer closed or left the group): those records never reached the application,
 * so the delivery is not counted (KAFKA-17541) and they are never archived for it. Returns what changed.
 */
export function releaseLocks(
  sp: SharePartitionState,
  deliveryCountLimit: number,
  which: { expiredBy: number } | { memberId: string },
): { offset: number; state: ShareRecordState; deliveryCount: number }[] {
  const out: { offset: number; state: ShareRecordState; deliveryCount: number }[] = [];
  for (const r of sp.inFlight) {
    if (r.state !== 'ACQUIRED') continue;
    if ('expiredBy' in which) {
      if (r.lockUntilMs > which.expiredBy) continue;
      out.push({ offset: r.offset, state: release(r, deliveryCountLimit), deliveryCount: r.deliveryCount });
    } else if (r.memberId === which.memberId) {
      r.deliveryCount = Math.max(0, r.deliveryCount - 1);
      out.push({
        offset: r.offset,
        state: release(r, Number.POSITIVE_INFINITY),
        deliveryCount: r.deliveryCount,
      });
    }
  }
  advanceStart(sp);
  return out;
}

/**
 * The delivery count from which a redelivered record is handed out alone (SharePartition's throttling of
 * records that keep failing): max(2, ceil(limit / 2)), 3 for the default limit of 5.
 */
export function throttleFrom(deliveryCountLimit: number): number {
  return Math.max(2, Math.ceil(deliveryCountLimit / 2));
}

function find(sp: SharePartitionState, offset: number): InFlightRecord | undefined {
  // Ascending offsets, usually dense: try the direct index first.
  const guess = sp.inFlight[offset - sp.startOffset];
  if (guess?.offset === offset) return guess;
  return sp.inFlight.find((r) => r.offset === offset);
}

/** The SPSO moves past leading records that are acknowledged or archived (and past gaps before them). */
function advanceStart(sp: SharePartitionState): void {
  let done = 0;
  while (done < sp.inFlight.length) {
    const s = sp.inFlight[done]!.state;
    if (s !== 'ACKNOWLEDGED' && s !== 'ARCHIVED') break;
    done++;
  }
  if (done > 0) sp.inFlight.splice(0, done);
  sp.startOffset = sp.inFlight[0]?.offset ?? sp.endOffset;
}
