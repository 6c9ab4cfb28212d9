// The share groups lesson quotes its run: offsets, delivery counts, who holds what and when. Replay it
// step by step, watching every 100 ms, so that a change in the engine that moves these numbers fails
// here and the narration gets updated with it.
import { describe, expect, it } from 'vitest';
import { partitionForKey, Simulation, type ShareGroupView } from '../engine/index';
import { toSetup } from './schema';
import { stepTimeline } from './runner';
import { lessonShareGroupsScenario as lesson } from './library/lessonShareGroups';

interface Seen {
  atMs: number;
  partitionId: string;
  offset: number;
  consumerId: string | null;
  deliveryCount: number;
  state: string;
}

/** Plays the lesson's steps as the runner does, noting each record's (state, holder, count) when it changes. */
function replay() {
  const sim = Simulation.create(toSetup(lesson), lesson.seed);
  const seen: Seen[] = [];
  const last = new Map<string, string>();
  const note = () => {
    const g = sim.view().shareGroups[0]!;
    for (const p of g.partitions)
      for (const r of p.inFlight) {
        const k = `${p.partitionId}@${r.offset}`;
        const v = `${r.state}/${r.consumerId}/${r.deliveryCount}`;
        if (last.get(k) === v) continue;
        last.set(k, v);
        seen.push({ ...r, atMs: sim.view().nowMs, partitionId: p.partitionId });
      }
  };
  const atEnd: Record<string, ShareGroupView> = {};
  const atStart: Record<string, ShareGroupView> = {};
  for (const [i, t] of stepTimeline(lesson).entries()) {
    const step = lesson.steps![i]!;
    for (const c of step.actions ?? []) expect(sim.dispatch(c as never).result.ok).toBe(true);
    atStart[step.id] = sim.view().shareGroups[0]!;
    for (let ms = t.startMs + 100; ms <= t.endMs; ms += 100) {
      sim.advanceTo(ms);
      note();
    }
    atEnd[step.id] = sim.view().shareGroups[0]!;
  }
  return { sim, seen, atEnd, atStart };
}

describe('lesson-share-groups', () => {
  const { sim, seen, atEnd, atStart } = replay();
  const events = (type: string) => sim.view().events.filter((e) => e.type === type);
  const holder = (g: ShareGroupView, consumerId: string) =>
    g.partitions.flatMap((p) =>
      p.inFlight
        .filter((r) => r.state === 'ACQUIRED' && r.consumerId === consumerId)
        .map((r) => `${p.partitionId}@${r.offset}:${r.key}`),
    );

  it('step 1: all four workers print, each partition shared by two', () => {
    const g = atEnd['more-workers-than-partitions']!;
    expect(g.members.map((m) => m.consumed)).toEqual([12, 8, 10, 9]);
    expect(g.members.map((m) => m.assigned.length)).toEqual([1, 1, 1, 1]);
  });

  it('step 2: J-4711 at offset 26 of print-jobs-1 goes to press-4 five times, then is ARCHIVED at 16.9 s', () => {
    expect(partitionForKey('J-4711', 2)).toBe(1);
    const deliveries = seen.filter((s) => s.partitionId === 'print-jobs-1' && s.offset === 26);
    expect(
      deliveries.filter((s) => s.state === 'ACQUIRED').map((s) => [s.consumerId, s.deliveryCount]),
    ).toEqual([1, 2, 3, 4, 5].map((n) => ['press-4', n]));
    expect(events('shareRecordArchived').map((e) => [e.atMs, e.text])).toEqual([
      [
        16_905,
        'Share group presses: offset 26 of print-jobs-1 reached share.delivery.count.limit (5 deliveries) and is ARCHIVED: it will not be delivered again.',
      ],
    ]);
  });

  it('steps 3-4: press-2 dies holding offsets 40 and 41; at 32.7 s press-4 gets them with delivery count 2', () => {
    expect(holder(atStart['worker-crashes']!, 'press-2')).toEqual([
      'print-jobs-1@40:J-74',
      'print-jobs-1@41:J-75',
    ]);
    expect(holder(atEnd['worker-crashes']!, 'press-2')).toEqual([
      'print-jobs-1@40:J-74',
      'print-jobs-1@41:J-75',
    ]);
    expect(events('shareRecordsReleased')[0]!.atMs).toBe(32_705);
    for (const offset of [40, 41])
      expect(
        seen.find((s) => s.offset === offset && s.partitionId === 'print-jobs-1' && s.deliveryCount === 2),
      ).toMatchObject({ consumerId: 'press-4', state: 'ACQUIRED' });
  });

  it('step 5: press-4 closes; its last ShareFetch acknowledges 40 and 41 and acquires 64 and 65, released at 35.2 s, which press-1 takes at 38.4 s with delivery count 1', () => {
    expect(holder(atStart['worker-closes']!, 'press-4')).toEqual([
      'print-jobs-1@40:J-74',
      'print-jobs-1@41:J-75',
    ]);
    const released = events('shareRecordsReleased').at(-1)!;
    expect(released.atMs).toBe(35_200);
    expect(released.text).toContain("press-4's share session closed, so 2 acquired records of print-jobs-1");
    const at = (offset: number, atMs: number) =>
      seen.find((x) => x.partitionId === 'print-jobs-1' && x.offset === offset && x.atMs === atMs);
    // Delivery count 0: acquired once (count 1) for press-4, and decremented when its session closed.
    for (const offset of [64, 65]) {
      expect(at(offset, 35_200)).toMatchObject({ state: 'AVAILABLE', deliveryCount: 0 });
      expect(at(offset, 38_400)).toMatchObject({
        state: 'ACQUIRED',
        consumerId: 'press-1',
        deliveryCount: 1,
      });
    }
  });
});
