// The log's reads and its producer-sequence cache against answers computed from the records themselves.
import { describe, expect, it } from 'vitest';
import type { LogRecord, ReplicaLog } from '../types';
import { createRng, nextInt } from '../rng';
import { chunksOf } from './recordChunks';
import {
  appendRecords,
  createReplicaLog,
  deleteOldest,
  forEachInRange,
  lastSequenceOf,
  readRange,
  rebuildLastSequences,
  recordsOf,
  tailRecords,
  truncateTo,
} from './replicaLog';

const record = (offset: number, producerId: number, sequence: number): LogRecord => ({
  offset,
  leaderEpoch: 0,
  key: null,
  value: 'v',
  timestampMs: 0,
  timestampType: 'CreateTime',
  sizeBytes: 71,
  recordId: offset + 1,
  producerId,
  sequence,
  txn: 0,
});

/** What lastSequenceOf answered before it had a cache: a scan of the log from the end. */
function scanned(log: ReplicaLog, producerId: number): { sequence: number; offset: number } | null {
  const records = recordsOf(log);
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.producerId === producerId && r.sequence >= 0) return { sequence: r.sequence, offset: r.offset };
  }
  return null;
}

describe('replica log', () => {
  it('answers lastSequenceOf as a scan of the log would, through appends, truncation and retention', () => {
    const rng = createRng(7);
    const log = createReplicaLog(1);
    const nextSeq = [0, 0, 0, 0];
    for (let step = 0; step < 2_000; step++) {
      const op = nextInt(rng, 10);
      if (op < 7) {
        const producerId = nextInt(rng, 4);
        // Producer 3 is not idempotent: its records carry no sequence.
        const sequence = producerId === 3 ? -1 : nextSeq[producerId]!++;
        appendRecords(log, [record(log.logEndOffset, producerId, sequence)]);
      } else if (op === 7) {
        truncateTo(log, log.logEndOffset - nextInt(rng, 5));
      } else {
        log.highWatermark = log.logEndOffset;
        deleteOldest(log, nextInt(rng, 4));
      }
      for (const producerId of [0, 1, 2, 3])
        expect(lastSequenceOf(log, producerId), `step ${step}`).toEqual(scanned(log, producerId));
    }
  });

  it('rebuilds the producer cache after compaction rewrote the log', () => {
    const log = createReplicaLog(1);
    appendRecords(log, [record(0, 1, 0), record(1, 2, 0), record(2, 1, 1)]);
    log.records = chunksOf(recordsOf(log).filter((r) => r.offset !== 2));
    rebuildLastSequences(log);
    expect(lastSequenceOf(log, 1)).toEqual({ sequence: 0, offset: 0 });
    expect(lastSequenceOf(log, 2)).toEqual({ sequence: 0, offset: 1 });
  });

  it('reads ranges across compaction gaps as a filter over the records would', () => {
    const log = createReplicaLog(1);
    const offsets = [0, 2, 3, 7, 8, 9, 15, 300, 301, 302];
    log.records = chunksOf(offsets.map((o) => record(o, 1, -1)));
    log.logEndOffset = 303;
    for (let from = 0; from <= 304; from++) {
      for (const to of [from, from + 1, from + 5, 400]) {
        const want = offsets.filter((o) => o >= from && o < to);
        // Three records of 71 bytes fit in 213 bytes.
        expect(readRange(log, from, to, 3 * 71).map((r) => r.offset)).toEqual(want.slice(0, 3));
        const visited: number[] = [];
        forEachInRange(log, from, to, (r) => visited.push(r.offset));
        expect(visited).toEqual(want);
      }
    }
    expect(tailRecords(log, 2).map((r) => r.offset)).toEqual([301, 302]);
  });

  it('fills a fetch up to its byte limit, and always returns one record even when it alone is larger (replica.fetch.max.bytes)', () => {
    const log = createReplicaLog(1);
    log.records = chunksOf([0, 1, 2, 3].map((o) => record(o, 1, -1)));
    log.logEndOffset = 4;
    expect(readRange(log, 0, 4, 10).map((r) => r.offset)).toEqual([0]);
    expect(readRange(log, 0, 4, 141).map((r) => r.offset)).toEqual([0]);
    expect(readRange(log, 0, 4, 142).map((r) => r.offset)).toEqual([0, 1]);
    expect(readRange(log, 1, 4, 1_048_576).map((r) => r.offset)).toEqual([1, 2, 3]);
  });
});
