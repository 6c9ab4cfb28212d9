import { describe, expect, it } from 'vitest';
import type { PartitionRow, ReplicaModel } from '../model/model';
import { layoutPartitionLog } from './partitionLog';

const rec = (offset: number) => ({
  offset,
  key: `k${offset % 3}`,
  value: null,
  leaderEpoch: 0,
  recordId: offset,
});

function replica(brokerId: number, leo: number, role: ReplicaModel['role']): ReplicaModel {
  return {
    partitionId: 't-0',
    brokerId,
    role,
    preferred: brokerId === 1,
    logStartOffset: 0,
    logEndOffset: leo,
    highWatermark: 40,
    tail: Array.from({ length: Math.min(12, leo) }, (_, i) => rec(leo - Math.min(12, leo) + i)),
    partitionOffline: false,
  };
}

const row = { highWatermark: 40 } as PartitionRow;

describe('partition log layout', () => {
  it('aligns replicas by offset over a window of the newest offsets and summarises the rest', () => {
    const l = layoutPartitionLog(row, [replica(1, 44, 'leader'), replica(2, 42, 'isr')], [], 800, 16);
    expect(l.firstOffset).toBe(44 - l.columns.length);
    expect(l.earlier).toBe(l.firstOffset);
    const leader = l.rows[0]!;
    const follower = l.rows[1]!;
    const at = (r: typeof leader, o: number) => r.cells.find((c) => c.offset === o)!.x;
    expect(at(leader, 41)).toBe(at(follower, 41));
    expect(follower.cells.some((c) => c.offset >= 42)).toBe(false);
    expect(leader.leoX).toBeGreaterThan(follower.leoX!);
  });

  it('marks records at or above the high watermark as uncommitted and draws the HW line between them', () => {
    const l = layoutPartitionLog(row, [replica(1, 44, 'leader')], [], 800, 16);
    const cells = l.rows[0]!.cells;
    expect(cells.filter((c) => c.uncommitted).map((c) => c.offset)).toEqual([40, 41, 42, 43]);
    expect(l.hwX).toBe(cells.find((c) => c.offset === 40)!.x);
  });

  it('places each group at its committed offset, pinned to the left edge when it is older than the window', () => {
    const l = layoutPartitionLog(
      row,
      [replica(1, 44, 'leader')],
      [
        { groupId: 'near', committed: 41, lag: 3 },
        { groupId: 'far', committed: 2, lag: 42 },
        { groupId: 'none', committed: null, lag: null },
      ],
      800,
      16,
    );
    expect(l.markers.map((m) => m.groupId)).toEqual(['near', 'far']);
    expect(l.markers[0]!.x).toBe(l.rows[0]!.cells.find((c) => c.offset === 41)!.x);
    expect(l.markers[1]!.beforeWindow).toBe(true);
    expect(l.markers[1]!.label).toContain('lag 42');
    expect(l.markers[0]!.anchor).toBe('end');
    expect(l.markers[1]!.anchor).toBe('start');
  });

  it('shows fewer columns in a narrow panel', () => {
    const wide = layoutPartitionLog(row, [replica(1, 44, 'leader')], [], 900, 16);
    const narrow = layoutPartitionLog(row, [replica(1, 44, 'leader')], [], 330, 16);
    expect(narrow.columns.length).toBeLessThan(wide.columns.length);
    expect(narrow.columns.length).toBeGreaterThanOrEqual(4);
  });
});
