import { describe, expect, it } from 'vitest';
import type { PartitionRow, ReplicaModel } from '../model/model';
import type { SharePartitionView } from '../../engine/index';
import { holderLabel, layoutPartitionLog, lostIn, type ShareInput } from './partitionLog';

const rec = (offset: number) => ({
  offset,
  key: `k${offset % 3}`,
  value: null,
  leaderEpoch: 0,
  recordId: offset,
  timestampMs: 100 * offset,
  timestampType: 'CreateTime' as const,
  txn: null,
  aborted: false,
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

  it('gives each cell its record’s timestamp and who set it, for the cell’s tooltip', () => {
    const l = layoutPartitionLog(row, [replica(1, 44, 'leader')], [], 800, 16);
    const cell = l.rows[0]!.cells.find((c) => c.offset === 42)!;
    expect([cell.timestampMs, cell.timestampType]).toEqual([4_200, 'CreateTime']);
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

describe('lost records in the partition log', () => {
  const explanations = [
    {
      atMs: 5_000,
      recordId: 31,
      partitionId: 't-0',
      offset: 41,
      text: 'acks=1: leader 1 acknowledged offset 41 of t-0 and lost leadership before any follower fetched it.',
    },
    {
      atMs: 5_000,
      recordId: 32,
      partitionId: 't-10',
      offset: 7,
      text: 'unclean leader election: broker 2 became leader of t-10 (epoch 3) without offset 7 of t-10; broker 1, the last replica that held it, truncated it.',
    },
    {
      atMs: 5_100,
      recordId: 33,
      partitionId: 't-0',
      offset: 12,
      text: 'offset 12 of t-0 was acknowledged with acks=all, then removed from every replica.',
    },
  ];

  it('takes each lost record’s partition and offset from the audit’s explanation fields', () => {
    expect(lostIn(explanations, 't-0').map((r) => [r.recordId, r.offset])).toEqual([
      [31, 41],
      [33, 12],
    ]);
    expect(lostIn(explanations, 't-10').map((r) => r.offset)).toEqual([7]);
    expect(lostIn(explanations, 't-1')).toEqual([]);
  });

  it('draws lost records in a row of their own, at their offsets, and counts those before the window', () => {
    const l = layoutPartitionLog(
      row,
      [replica(1, 44, 'leader'), replica(2, 44, 'isr')],
      [{ groupId: 'g', committed: 40, lag: 0 }],
      800,
      16,
      lostIn(explanations, 't-0'),
    );
    expect(l.lost!.y).toBe(l.rows[1]!.y + l.rowHeight);
    expect(l.lost!.cells.map((c) => c.offset)).toEqual([41]);
    expect(l.lost!.cells[0]!.x).toBe(l.rows[0]!.cells.find((c) => c.offset === 41)!.x);
    expect(l.lost!.before).toEqual([12]);
    // The group markers move below the lost row.
    expect(l.markers[0]!.y).toBeGreaterThan(l.lost!.y + l.rowHeight);
    expect(layoutPartitionLog(row, [replica(1, 44, 'leader')], [], 800, 16).lost).toBeNull();
  });
});

function sharePartition(startOffset: number, states: SharePartitionView['inFlight']): ShareInput {
  return {
    groupId: 'workers',
    members: ['workers-1', 'workers-2', 'workers-3'],
    partition: {
      partitionId: 't-0',
      startOffset,
      endOffset: startOffset + states.length,
      highWatermark: 44,
      lag: 3,
      counts: { AVAILABLE: 0, ACQUIRED: 0, ACKNOWLEDGED: 0, ARCHIVED: 0 },
      inFlight: states,
    },
  };
}

const inFlight = (
  offset: number,
  state: SharePartitionView['inFlight'][number]['state'],
  consumerId: string | null = null,
  deliveryCount = 1,
) => ({ offset, state, deliveryCount, consumerId, lockUntilMs: consumerId ? 30_000 : -1, key: null });

describe('share-partition rows', () => {
  it('draws a share group’s in-flight records under the replicas, at their offsets, with the SPSO', () => {
    const replicas = [replica(1, 44, 'leader'), replica(2, 44, 'isr')];
    const share = sharePartition(41, [
      inFlight(41, 'ACQUIRED', 'workers-2', 3),
      inFlight(42, 'ACKNOWLEDGED'),
      inFlight(43, 'AVAILABLE', null, 2),
    ]);
    const l = layoutPartitionLog(row, replicas, [], 800, 16, [], [share]);
    const r = l.shareRows[0]!;
    expect(r.y).toBe(l.rows[1]!.y + l.rowHeight);
    expect(r.cells.map((c) => [c.offset, c.state, c.deliveryCount])).toEqual([
      [41, 'ACQUIRED', 3],
      [42, 'ACKNOWLEDGED', 1],
      [43, 'AVAILABLE', 2],
    ]);
    const at = (o: number) => l.rows[0]!.cells.find((c) => c.offset === o)!.x;
    expect(r.cells[0]!.x).toBe(at(41));
    expect(r.spsoX).toBe(at(41));
    expect(r.cells[0]!.holderLabel).toBe('w2');
    // The high watermark's line and the markers go under the share rows.
    expect(l.rowsBottom).toBe(r.y + r.height);
  });

  it('pins the SPSO to the window’s edge and counts the records before it when it is older than the window', () => {
    const share = sharePartition(2, [inFlight(2, 'ACQUIRED', 'workers-1'), inFlight(3, 'AVAILABLE')]);
    const l = layoutPartitionLog(row, [replica(1, 44, 'leader')], [], 800, 16, [], [share]);
    const r = l.shareRows[0]!;
    expect(r.spsoBefore).toBe(true);
    expect(r.spsoX).toBe(l.labelWidth);
    expect([r.cells.length, r.earlier]).toEqual([0, 2]);
    expect(r.earlierByState).toEqual({ AVAILABLE: 1, ACQUIRED: 1, ACKNOWLEDGED: 0, ARCHIVED: 0 });
  });

  it('names a holder whole when it fits, else by its first letter and what tells it apart', () => {
    const members = ['workers-1', 'workers-2', 'workers-10'];
    expect(holderLabel('w1', ['w1', 'w2'], 4)).toBe('w1');
    expect(holderLabel('workers-2', members, 4)).toBe('w2');
    expect(holderLabel('workers-10', members, 4)).toBe('w10');
    expect(holderLabel('alice', ['alice', 'bob'], 3)).toBe('ali');
  });
});
