// The eager StickyAssignor (partition.assignment.strategy=sticky) over the classic protocol. An eager member
// revokes everything before it rejoins, so its JoinGroup owns nothing; the assignor remembers its last
// assignment and generation and sends them as subscription user data (StickyAssignor.onAssignment,
// subscriptionUserData, memberData), which is what keeps the assignment sticky across rebalances.
import { describe, expect, it } from 'vitest';
import type { ClientAssignor } from './types';
import { cluster } from '../testing/harness';

function group(strategy: ClientAssignor[], consumers: string[]) {
  return cluster(3)
    .topic('t', 6, 3)
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'partition.assignment.strategy': strategy },
      consumers: consumers.map((id) => ({ id })),
    })
    .build();
}

type Sim = ReturnType<typeof group>;
const assignment = (sim: Sim) =>
  new Map(sim.view().groups[0]!.members.map((m) => [m.id, [...m.assigned].sort()]));

describe('partition.assignment.strategy=sticky (eager)', () => {
  it('keeps every remaining member’s partitions when one leaves, and spreads only the leaver’s', () => {
    const sim = group(['sticky'], ['c1', 'c2', 'c3', 'c4']);
    sim.advanceTo(20_000);
    const before = assignment(sim);
    expect([...before.values()].flat()).toHaveLength(6);
    const leaverOwned = before.get('c1')!;
    expect(leaverOwned.length).toBeGreaterThan(0);
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.advanceTo(40_000);
    const after = assignment(sim);
    expect(sim.view().groups[0]!.state).toBe('Stable');
    for (const id of ['c2', 'c3', 'c4'])
      expect(after.get(id)).toEqual(expect.arrayContaining(before.get(id)!));
    const gained = ['c2', 'c3', 'c4'].flatMap((id) =>
      after.get(id)!.filter((p) => !before.get(id)!.includes(p)),
    );
    expect(gained.sort()).toEqual(leaverOwned);
  });

  it('still stops the world: members revoke everything before rejoining, then get the same partitions back', () => {
    const sim = group(['sticky'], ['c1', 'c2']);
    sim.advanceTo(20_000);
    const before = assignment(sim);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    let everyoneEmpty = false;
    for (let t = 20_100; t <= 40_000; t += 100) {
      sim.advanceTo(t);
      const g = sim.view().groups[0]!;
      if (g.rebalancing && g.members.every((m) => m.assigned.length === 0)) everyoneEmpty = true;
    }
    expect(everyoneEmpty).toBe(true);
    const after = assignment(sim);
    // 6 partitions over 3: each earlier member gives up one of its three and keeps two.
    for (const id of ['c1', 'c2']) {
      expect(after.get(id)).toHaveLength(2);
      expect(before.get(id)).toEqual(expect.arrayContaining(after.get(id)!));
    }
    expect(after.get('c3')).toHaveLength(2);
  });

  it('differs from range, which is not sticky, in the same situation', () => {
    const sim = group(['range'], ['c1', 'c2', 'c3', 'c4']);
    sim.advanceTo(20_000);
    const before = assignment(sim);
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.advanceTo(40_000);
    const after = assignment(sim);
    const kept = ['c2', 'c3', 'c4'].every((id) => before.get(id)!.every((p) => after.get(id)!.includes(p)));
    expect(kept).toBe(false);
  });
});
