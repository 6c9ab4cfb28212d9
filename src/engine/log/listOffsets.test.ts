// ListOffsets by timestamp against a log whose timestamps are out of offset order, as CreateTime allows.
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../types';
import { appendRecords, createReplicaLog, deleteOldest } from './replicaLog';
import { offsetForTimestamp } from './listOffsets';

const record = (offset: number, timestampMs: number): LogRecord => ({
  offset,
  leaderEpoch: 0,
  key: null,
  value: 'v',
  timestampMs,
  timestampType: 'CreateTime',
  sizeBytes: 71,
  recordId: offset + 1,
  producerId: 1,
  sequence: -1,
  txn: 0,
});

function log(timestamps: number[], highWatermark: number) {
  const l = createReplicaLog(1);
  appendRecords(
    l,
    timestamps.map((t, i) => record(i, t)),
  );
  l.highWatermark = highWatermark;
  return l;
}

describe('offsetForTimestamp (ListOffsets by timestamp)', () => {
  it('gives the earliest offset whose timestamp is at or after the target, in offset order', () => {
    const l = log([1_500, 1_000, 3_000, 2_000], 4);
    expect(offsetForTimestamp(l, 0)).toBe(0);
    // Offset 1 holds exactly 1000, but offset 0 (1500) comes first.
    expect(offsetForTimestamp(l, 1_000)).toBe(0);
    expect(offsetForTimestamp(l, 1_600)).toBe(2);
    // Offset 3 (2000) is closer to the target, but offset 2 (3000) comes first.
    expect(offsetForTimestamp(l, 2_000)).toBe(2);
    expect(offsetForTimestamp(l, 3_001)).toBeNull();
  });

  it('answers none when the first match is at or above the high watermark (Partition.fetchOffsetForTimestamp)', () => {
    const l = log([1_000, 2_000, 3_000], 2);
    expect(offsetForTimestamp(l, 2_000)).toBe(1);
    expect(offsetForTimestamp(l, 2_500)).toBeNull();
  });

  it('never gives an offset retention has deleted', () => {
    const l = log([5_000, 1_000, 2_000], 3);
    deleteOldest(l, 1);
    expect(offsetForTimestamp(l, 1_500)).toBe(2);
  });
});
