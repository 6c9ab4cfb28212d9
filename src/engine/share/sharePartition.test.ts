// The share-partition's state machine against Kafka's SharePartition rules (KIP-932; Kafka 4.2's
// SharePartition and InFlightState): acquisition counts a delivery, RELEASE and lock expiry make a record
// AVAILABLE or, at share.delivery.count.limit, ARCHIVED; only the lock holder may acknowledge; the start
// offset moves only past a contiguous run of ACKNOWLEDGED/ARCHIVED records; a closed session's release is
// not counted as a delivery.
import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  acquire,
  availableInWindow,
  initialize,
  inFlightCount,
  moveStartTo,
  newSharePartition,
  releaseLocks,
  skipTo,
  throttleFrom,
} from './sharePartition';

function window(first: number, n: number, member = 'm1', lockUntil = 1_000) {
  const sp = newSharePartition('t-0');
  initialize(sp, first);
  for (let o = first; o < first + n; o++) acquire(sp, { offset: o }, member, lockUntil);
  return sp;
}

describe('SharePartition', () => {
  it('acquires new records with delivery count 1 and moves the end offset', () => {
    const sp = window(10, 3);
    expect(sp.inFlight.map((r) => [r.offset, r.state, r.deliveryCount])).toEqual([
      [10, 'ACQUIRED', 1],
      [11, 'ACQUIRED', 1],
      [12, 'ACQUIRED', 1],
    ]);
    expect([sp.startOffset, sp.endOffset, inFlightCount(sp)]).toEqual([10, 13, 3]);
  });

  it('ACCEPT acknowledges, REJECT archives, and the start offset moves past them', () => {
    const sp = window(0, 3);
    expect(acknowledge(sp, 0, 'm1', 'ACCEPT', 5)).toBe('ACKNOWLEDGED');
    expect(sp.startOffset).toBe(1);
    expect(acknowledge(sp, 1, 'm1', 'REJECT', 5)).toBe('ARCHIVED');
    expect(sp.startOffset).toBe(2);
  });

  it('one unacknowledged record holds the start offset back, and counts towards the in-flight limit', () => {
    const sp = window(0, 4);
    for (const o of [1, 2, 3]) acknowledge(sp, o, 'm1', 'ACCEPT', 5);
    expect(sp.startOffset).toBe(0);
    expect(inFlightCount(sp)).toBe(4);
    acknowledge(sp, 0, 'm1', 'ACCEPT', 5);
    expect([sp.startOffset, sp.endOffset, sp.inFlight.length]).toEqual([4, 4, 0]);
  });

  it('only the member holding the lock may acknowledge: anything else is INVALID_RECORD_STATE', () => {
    const sp = window(0, 2);
    expect(acknowledge(sp, 0, 'm2', 'ACCEPT', 5)).toBe('INVALID_RECORD_STATE');
    acknowledge(sp, 1, 'm1', 'ACCEPT', 5);
    expect(acknowledge(sp, 1, 'm1', 'ACCEPT', 5)).toBe('INVALID_RECORD_STATE');
    expect(sp.inFlight[0]!.state).toBe('ACQUIRED');
  });

  it('RELEASE makes a record AVAILABLE again, redelivered before new ones with its count raised', () => {
    const sp = window(0, 2);
    expect(acknowledge(sp, 0, 'm1', 'RELEASE', 5)).toBe('AVAILABLE');
    expect(availableInWindow(sp).map((r) => r.offset)).toEqual([0]);
    const again = acquire(sp, availableInWindow(sp)[0]!, 'm2', 2_000);
    expect([again.offset, again.deliveryCount, again.memberId]).toEqual([0, 2, 'm2']);
  });

  it('a record released with share.delivery.count.limit deliveries is ARCHIVED, not made available', () => {
    const sp = window(0, 1);
    const limit = 3;
    for (let delivery = 1; delivery < limit; delivery++) {
      expect(acknowledge(sp, 0, 'm1', 'RELEASE', limit)).toBe('AVAILABLE');
      acquire(sp, sp.inFlight[0]!, 'm1', 1_000);
    }
    expect(sp.inFlight[0]!.deliveryCount).toBe(limit);
    expect(acknowledge(sp, 0, 'm1', 'RELEASE', limit)).toBe('ARCHIVED');
    expect(sp.startOffset).toBe(1);
  });

  it('RENEW keeps the record ACQUIRED by its holder and restarts its lock; from anyone else it is INVALID_RECORD_STATE', () => {
    const sp = window(0, 1, 'm1', 500);
    expect(acknowledge(sp, 0, 'm2', 'RENEW', 5, 9_000)).toBe('INVALID_RECORD_STATE');
    expect(acknowledge(sp, 0, 'm1', 'RENEW', 5, 9_000)).toBe('RENEWED');
    expect([sp.inFlight[0]!.state, sp.inFlight[0]!.lockUntilMs, sp.inFlight[0]!.deliveryCount]).toEqual([
      'ACQUIRED',
      9_000,
      1,
    ]);
    expect(releaseLocks(sp, 5, { expiredBy: 500 })).toEqual([]);
  });

  it('an expired lock releases the record (AVAILABLE, count kept) and archives it at the limit', () => {
    const sp = window(0, 2, 'm1', 500);
    acquire(sp, { offset: 2 }, 'm1', 900);
    const released = releaseLocks(sp, 5, { expiredBy: 500 });
    expect(released.map((r) => [r.offset, r.state, r.deliveryCount])).toEqual([
      [0, 'AVAILABLE', 1],
      [1, 'AVAILABLE', 1],
    ]);
    expect(sp.inFlight[2]!.state).toBe('ACQUIRED');
    // A record already delivered `limit` times is archived when its lock runs out.
    const last = window(0, 1, 'm1', 100);
    last.inFlight[0]!.deliveryCount = 5;
    expect(releaseLocks(last, 5, { expiredBy: 100 })[0]!.state).toBe('ARCHIVED');
  });

  it('a closed share session releases its records uncounted and never archives them (KAFKA-17541)', () => {
    const sp = window(0, 2);
    acquire(sp, { offset: 2 }, 'm2', 1_000);
    sp.inFlight[0]!.deliveryCount = 5;
    const released = releaseLocks(sp, 5, { memberId: 'm1' });
    expect(released.map((r) => [r.offset, r.state, r.deliveryCount])).toEqual([
      [0, 'AVAILABLE', 4],
      [1, 'AVAILABLE', 0],
    ]);
    expect(sp.inFlight[2]!.memberId).toBe('m2');
  });

  it('the log start moving past the window drops what is below it', () => {
    const sp = window(0, 3);
    moveStartTo(sp, 2);
    expect([sp.startOffset, sp.inFlight.map((r) => r.offset)]).toEqual([2, [2]]);
    moveStartTo(sp, 10);
    expect([sp.startOffset, sp.endOffset, sp.inFlight.length]).toEqual([10, 10, 0]);
  });

  it('offsets that are never delivered (markers) are stepped over', () => {
    const sp = window(0, 1);
    skipTo(sp, 2);
    expect([sp.startOffset, sp.endOffset]).toEqual([0, 2]);
    acknowledge(sp, 0, 'm1', 'ACCEPT', 5);
    expect(sp.startOffset).toBe(2);
  });

  it('throttles from max(2, ceil(limit / 2)) deliveries: 3 for the default 5', () => {
    expect([throttleFrom(5), throttleFrom(2), throttleFrom(3), throttleFrom(10)]).toEqual([3, 2, 2, 5]);
  });
});
