import { describe, expect, it } from 'vitest';
import type { RecordTrace } from '../../engine/index';
import { createEngineHost } from '../../engine/worker/host';
import { structureOf } from '../model/structure';
import { layoutFollowPath, type FollowContext } from './followPath';
import { layoutDiagram, type Box } from './layout';

const layout = () =>
  layoutDiagram(structureOf(createEngineHost().load({ scenario: 'orders' }).view, new Set()), 1270, 900, 18);

const trace = (over: Partial<RecordTrace> = {}): RecordTrace => ({
  recordId: 9,
  producer: 'checkout',
  partitionId: 'orders-0',
  key: 'alice',
  value: null,
  acks: 'all',
  sentAtMs: 1_150,
  timestampMs: 1_200,
  replicas: [
    { brokerId: 1, offsets: [4], belowHighWatermark: true, appendedAtMs: 1_200 },
    { brokerId: 2, offsets: [4], belowHighWatermark: true, appendedAtMs: 1_650 },
    { brokerId: 3, offsets: [], belowHighWatermark: false, appendedAtMs: null },
  ],
  acknowledged: false,
  acknowledgedAtMs: null,
  committed: false,
  committedAtMs: null,
  lost: false,
  lostAtMs: null,
  processedBy: [],
  firstConsumedAtMs: {},
  explanation: null,
  ...over,
});

const ctx = (over: Partial<FollowContext> = {}): FollowContext => ({
  leader: 1,
  down: new Set(),
  groups: [{ groupId: 'billing', owner: 'billing-1' }],
  ...over,
});

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the followed record’s path', () => {
  it('runs producer → leader → each follower → the owning member, solid where the record has been', () => {
    const p = layoutFollowPath(layout(), trace(), ctx())!;
    expect(p.stops.map((s) => [s.key, s.state])).toEqual([
      ['producer', 'pending'],
      ['broker-1', 'done'],
      ['broker-2', 'done'],
      ['broker-3', 'pending'],
      ['group-billing', 'pending'],
    ]);
    expect(p.stops.map((s) => s.n)).toEqual([1, 2, 3, 4, 5]);
    expect(p.stops[1]!.label).toBe('leader 1 · offset 4 · at 1.2 s');
    expect(p.stops[2]!.label).toBe('follower 2 · offset 4 · at 1.65 s');
    expect(p.stops[3]!.label).toBe('follower 3 · not yet');
    expect(p.stops[4]!.label).toBe('billing-1 · not yet processed');
    expect(p.legs.map((l) => l.state)).toEqual(['done', 'done', 'pending', 'pending']);
  });

  it('ends each leg where its stop is, and keeps labels apart and inside the diagram', () => {
    const l = layout();
    const p = layoutFollowPath(l, trace(), ctx())!;
    for (const [i, leg] of p.legs.entries()) {
      const end = leg.d.split(' ').slice(-2).map(Number);
      expect(end).toEqual([p.stops[i + 1]!.at.x, p.stops[i + 1]!.at.y]);
    }
    for (const [i, a] of p.stops.entries()) {
      expect(a.box.x).toBeGreaterThanOrEqual(0);
      expect(a.box.x + a.box.width).toBeLessThanOrEqual(l.width);
      for (const b of p.stops.slice(i + 1)) expect(overlap(a.box, b.box)).toBe(false);
      // No label hides a stop's marker.
      for (const b of p.stops)
        expect(overlap(a.box, { x: b.at.x - 6, y: b.at.y - 6, width: 12, height: 12 })).toBe(false);
    }
  });

  it('marks a stopped follower as stopped and a lost record as lost everywhere it is gone', () => {
    const down = layoutFollowPath(layout(), trace(), ctx({ down: new Set([3]) }))!;
    expect(down.stops.find((s) => s.key === 'broker-3')!.label).toBe('follower 3 · stopped');
    const lost = layoutFollowPath(
      layout(),
      trace({
        acknowledged: true,
        lost: true,
        replicas: [1, 2, 3].map((brokerId) => ({
          brokerId,
          offsets: [],
          belowHighWatermark: false,
          appendedAtMs: 1_200,
        })),
      }),
      ctx({ leader: 2 }),
    )!;
    expect(lost.stops.map((s) => s.state)).toEqual(['done', 'lost', 'lost', 'lost', 'lost']);
    expect(lost.stops[1]!.label).toBe('leader 2 · lost');
  });

  it('goes to the group card when no member owns the partition, and starts at the leader without a producer', () => {
    const p = layoutFollowPath(
      layout(),
      trace({ producer: 'gone' }),
      ctx({ groups: [{ groupId: 'billing', owner: null }] }),
    )!;
    expect(p.stops[0]!.key).toBe('broker-1');
    expect(p.stops.at(-1)!.label).toBe('group billing · no member owns it');
  });

  it('labels the acknowledgement and the group’s first poll with the engine’s times, to the millisecond', () => {
    const p = layoutFollowPath(
      layout(),
      trace({
        acknowledged: true,
        acknowledgedAtMs: 2_003,
        processedBy: ['billing'],
        firstConsumedAtMs: { billing: 2_400 },
      }),
      ctx(),
    )!;
    expect(p.stops[0]!.label).toBe('checkout · acked at 2.003 s');
    expect(p.stops.at(-1)!.label).toBe('billing-1 · processed (polled at 2.4 s)');
  });
});

describe('the followed record’s path to a share group', () => {
  const withShare = () => {
    const s = structureOf(createEngineHost().load({ scenario: 'orders' }).view, new Set());
    return layoutDiagram(
      { ...s, shareGroups: [{ groupId: 'workers', topic: 'orders', members: ['workers-1', 'workers-2'] }] },
      1270,
      900,
      18,
    );
  };

  it('ends at the member holding the record’s lock, then says the group acknowledged it', () => {
    const held = layoutFollowPath(
      withShare(),
      trace(),
      ctx({ groups: [], shareGroups: [{ groupId: 'workers', holder: 'workers-2' }] }),
    )!;
    const last = held.stops[held.stops.length - 1]!;
    expect([last.key, last.state, last.label]).toEqual([
      'sharegroup-workers',
      'pending',
      'workers-2 · ACQUIRED, not yet acknowledged',
    ]);
    const done = layoutFollowPath(
      withShare(),
      trace({ processedBy: ['workers'], firstConsumedAtMs: { workers: 2_000 } }),
      ctx({ groups: [], shareGroups: [{ groupId: 'workers', holder: null }] }),
    )!;
    expect(done.stops[done.stops.length - 1]!.label).toBe(
      'share group workers · acknowledged (polled at 2.0 s)',
    );
  });
});
