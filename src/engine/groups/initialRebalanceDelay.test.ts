// group.initial.rebalance.delay.ms as GroupMetadataManager.tryCompleteInitialRebalanceElseSchedule runs it:
// a new group (generation 0) waits one delay from its first member's join; when the delay ends and a member
// joined during it, it waits another delay (at most what is left of the rebalance timeout), and completes
// after the first delay in which nobody new joined. Joins do not restart the delay from the join.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../index';
import { cluster } from '../testing/harness';

function run(consumers: string[], config: Record<string, number> = {}) {
  const sim = cluster(3)
    .topic('t', 6, 3)
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config,
      consumers: consumers.map((id) => ({ id })),
    })
    .build();
  const events: SimEvent[] = [];
  return { sim, events, advance: (t: number) => events.push(...sim.advanceTo(t)) };
}

const at = (events: SimEvent[], type: string) => events.filter((e) => e.type === type).map((e) => e.atMs);

describe('group.initial.rebalance.delay.ms (3000 ms by default)', () => {
  it('forms a lone member’s group one delay after its join', () => {
    const { events, advance } = run(['c1']);
    advance(20_000);
    const [started] = at(events, 'rebalanceStarted');
    expect(at(events, 'generationStarted')).toEqual([started! + 3_000]);
  });

  it('waits a second delay when more members joined during the first, as three consumers started together do', () => {
    const { events, advance } = run(['c1', 'c2', 'c3']);
    advance(20_000);
    const [started] = at(events, 'rebalanceStarted');
    // The others joined a few milliseconds after c1: within the first delay, so one more delay follows.
    expect(at(events, 'generationStarted')).toEqual([started! + 6_000]);
  });

  it('extends from the end of the delay, not from the late member’s join', () => {
    const { sim, events, advance } = run(['c1']);
    advance(2_000);
    const [started] = at(events, 'rebalanceStarted');
    // c2 joins about 1.4 s into the first delay: Kafka waits until started + 6 000, not join + 3 000.
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c2' });
    advance(20_000);
    expect(at(events, 'generationStarted')).toEqual([started! + 6_000]);
    expect(sim.view().groups[0]!.members.map((m) => m.assigned.length)).toEqual([3, 3]);
  });

  it('never waits longer than the rebalance timeout (max.poll.interval.ms), however many members keep joining', () => {
    const { sim, events, advance } = run(['c1'], { 'max.poll.interval.ms': 7_000 });
    advance(1_000);
    const [started] = at(events, 'rebalanceStarted');
    // A new member in every window: 3 000, then 3 000, then the last 1 000 of the 7 000 budget.
    for (const [i, t] of [1_000, 4_000, 6_500].entries()) {
      advance(started! + t);
      sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: `n${i}` });
    }
    advance(30_000);
    expect(at(events, 'generationStarted')[0]).toBe(started! + 7_000);
  });
});
