// The chunked record array against a plain array doing the same operations, and copy-on-write: a
// shared copy (a checkpoint) never sees what either side does afterwards.
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../types';
import { createRng, nextInt } from '../rng';
import {
  LOG_CHUNK_RECORDS,
  chunkAt,
  chunkCount,
  chunksOf,
  dropFront,
  emptyChunks,
  forEachChunked,
  lowerBound,
  pushRecord,
  shareChunks,
  sliceChunks,
  truncateChunks,
  type RecordChunks,
} from './recordChunks';

const record = (offset: number): LogRecord => ({
  offset,
  leaderEpoch: 0,
  key: null,
  value: `v${offset}`,
  timestampMs: offset,
  timestampType: 'CreateTime',
  sizeBytes: 72,
  recordId: offset + 1,
  producerId: 1,
  sequence: offset,
  txn: 0,
});

const offsets = (rc: RecordChunks): number[] => sliceChunks(rc, 0, chunkCount(rc)).map((r) => r.offset);

describe('chunked records', () => {
  it('keeps records in order across chunk boundaries, with O(1) positions', () => {
    const rc = emptyChunks();
    for (let i = 0; i < 3 * LOG_CHUNK_RECORDS + 5; i++) pushRecord(rc, record(i));
    expect(chunkCount(rc)).toBe(3 * LOG_CHUNK_RECORDS + 5);
    expect(rc.chunks.map((c) => c.records.length)).toEqual([
      LOG_CHUNK_RECORDS,
      LOG_CHUNK_RECORDS,
      LOG_CHUNK_RECORDS,
      5,
    ]);
    expect(chunkAt(rc, LOG_CHUNK_RECORDS).offset).toBe(LOG_CHUNK_RECORDS);
    expect(lowerBound(rc, 300)).toBe(300);
  });

  it('deletes from the front without touching the chunks, and drops chunks once they are used up', () => {
    const rc = emptyChunks();
    for (let i = 0; i < 2 * LOG_CHUNK_RECORDS; i++) pushRecord(rc, record(i));
    expect(dropFront(rc, 10).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rc.head).toBe(10);
    expect(chunkAt(rc, 0).offset).toBe(10);
    dropFront(rc, LOG_CHUNK_RECORDS);
    expect(rc.chunks).toHaveLength(1);
    expect(chunkAt(rc, 0).offset).toBe(LOG_CHUNK_RECORDS + 10);
    dropFront(rc, chunkCount(rc));
    expect(rc).toEqual({ head: 0, chunks: [] });
  });

  it('finds offsets across compaction gaps', () => {
    const rc = chunksOf([1, 4, 9, 10, 30].map(record));
    expect(lowerBound(rc, 0)).toBe(0);
    expect(lowerBound(rc, 5)).toBe(2);
    expect(lowerBound(rc, 10)).toBe(3);
    expect(lowerBound(rc, 31)).toBe(5);
  });

  it('keeps a shared copy unchanged while the original appends, truncates and deletes', () => {
    const rc = emptyChunks();
    for (let i = 0; i < LOG_CHUNK_RECORDS + 7; i++) pushRecord(rc, record(i));
    const checkpoint = shareChunks(rc);
    const before = offsets(checkpoint);
    pushRecord(rc, record(LOG_CHUNK_RECORDS + 7));
    truncateChunks(rc, LOG_CHUNK_RECORDS + 3);
    dropFront(rc, 5);
    expect(offsets(checkpoint)).toEqual(before);
    // And the other way round: the copy writing leaves the original alone.
    const now = offsets(rc);
    truncateChunks(checkpoint, 2);
    pushRecord(checkpoint, record(2));
    expect(offsets(rc)).toEqual(now);
  });

  it('matches a plain array under random operations, and every checkpoint stays as it was taken', () => {
    const rng = createRng(42);
    const rc = emptyChunks();
    let model: number[] = [];
    let next = 0;
    const checkpoints: { rc: RecordChunks; model: number[] }[] = [];
    for (let step = 0; step < 3_000; step++) {
      const op = nextInt(rng, 10);
      if (op < 6) {
        const n = 1 + nextInt(rng, 40);
        for (let i = 0; i < n; i++) {
          pushRecord(rc, record(next));
          model.push(next++);
        }
      } else if (op === 6) {
        const keep = nextInt(rng, model.length + 1);
        expect(truncateChunks(rc, keep).map((r) => r.offset)).toEqual(model.slice(keep));
        model = model.slice(0, keep);
      } else if (op === 7) {
        const n = nextInt(rng, Math.min(model.length, 300) + 1);
        expect(dropFront(rc, n).map((r) => r.offset)).toEqual(model.slice(0, n));
        model = model.slice(n);
      } else {
        checkpoints.push({ rc: shareChunks(rc), model: [...model] });
      }
      expect(chunkCount(rc)).toBe(model.length);
    }
    expect(offsets(rc)).toEqual(model);
    for (const c of checkpoints) expect(offsets(c.rc)).toEqual(c.model);
    const visited: number[] = [];
    forEachChunked(rc, (r) => {
      visited.push(r.offset);
    });
    expect(visited).toEqual(model);
  });
});
