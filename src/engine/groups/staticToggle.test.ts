// setGroupInstanceId: a consumer restarted with another group.instance.id, in Kafka's terms (KIP-345):
// closing a dynamic member sends LeaveGroup, closing a static one does not, and a static member that
// comes back within session.timeout.ms takes its old place without a rebalance.
import { describe, expect, it } from 'vitest';
import { cluster } from '../testing/harness';

const build = (instanceIds: [string | null, string | null]) =>
  cluster(3)
    .topic('t', 3, 3)
    .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'random', keys: ['a', 'b', 'c'] } })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'session.timeout.ms': 30_000 },
      consumers: [
        { id: 'c1', groupInstanceId: instanceIds[0] },
        { id: 'c2', groupInstanceId: instanceIds[1] },
      ],
    })
    .build();

type Sim = ReturnType<typeof build>;
const group = (sim: Sim) => sim.view().groups[0]!;
const member = (sim: Sim, id: string) => group(sim).members.find((m) => m.id === id)!;

describe('setGroupInstanceId', () => {
  it('makes a dynamic member static: it leaves with LeaveGroup, rejoins, and from then on restarts without a rebalance', () => {
    const sim = build([null, null]);
    sim.advanceTo(10_000);
    const before = group(sim).generation;
    const { result, events } = sim.dispatch({
      type: 'setGroupInstanceId',
      consumerId: 'c1',
      groupInstanceId: 'c1-host',
    });
    expect(result).toEqual({ ok: true });
    expect(events.map((e) => e.text).join(' ')).toContain('It closed with LeaveGroup');
    sim.advanceTo(15_000);
    // The LeaveGroup rebalanced at once, well inside session.timeout.ms.
    expect(group(sim).generation).toBeGreaterThan(before);
    expect(group(sim).state).toBe('Stable');
    expect(member(sim, 'c1').groupInstanceId).toBe('c1-host');
    expect(member(sim, 'c1').assigned.length).toBeGreaterThan(0);
    // Now static: a restart within session.timeout.ms keeps the generation and the partitions.
    const stable = group(sim).generation;
    const owned = member(sim, 'c1').assigned;
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.advanceTo(20_000);
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    sim.advanceTo(30_000);
    expect(group(sim).generation).toBe(stable);
    expect(member(sim, 'c1').assigned).toEqual(owned);
  });

  it('makes a static member dynamic: no LeaveGroup, so the group waits for the old membership until session.timeout.ms', () => {
    const sim = build(['c1-host', 'c2-host']);
    sim.advanceTo(10_000);
    const before = group(sim).generation;
    const { events } = sim.dispatch({ type: 'setGroupInstanceId', consumerId: 'c1', groupInstanceId: null });
    expect(events.map((e) => e.text).join(' ')).toContain('It closed without LeaveGroup');
    // The new dynamic member's JoinGroup starts a rebalance, which cannot finish without the old static member.
    sim.advanceTo(35_000);
    expect(group(sim).state).toBe('PreparingRebalance');
    expect(group(sim).generation).toBe(before);
    // 30 s after its last heartbeat (heartbeat.interval.ms = 3 s before the close) the coordinator removes it.
    const removed = sim.advanceTo(45_000).find((e) => e.type === 'memberRemoved')!;
    expect(removed.text).toContain('session.timeout.ms (30000 ms)');
    expect(removed.atMs).toBeGreaterThan(10_000 + 30_000 - 3_000);
    expect(removed.atMs).toBeLessThanOrEqual(10_000 + 30_000);
    expect(group(sim).generation).toBe(before + 1);
    expect(group(sim).state).toBe('Stable');
    expect(member(sim, 'c1').groupInstanceId).toBeNull();
    expect(member(sim, 'c1').memberId).toMatch(/^c1-/);
  });

  it('refuses a no-op and a group.instance.id another consumer of the group already uses', () => {
    const sim = build(['c1-host', null]);
    sim.advanceTo(5_000);
    const same = sim.dispatch({ type: 'setGroupInstanceId', consumerId: 'c1', groupInstanceId: 'c1-host' });
    expect(same.result).toEqual({ ok: false, error: 'Consumer c1 already has group.instance.id=c1-host.' });
    const taken = sim.dispatch({ type: 'setGroupInstanceId', consumerId: 'c2', groupInstanceId: 'c1-host' });
    expect(taken.result).toEqual({
      ok: false,
      error:
        'group.instance.id c1-host is already used by consumer c1 in group g: each static member needs its own.',
    });
    const unknown = sim.dispatch({ type: 'setGroupInstanceId', consumerId: 'nobody', groupInstanceId: null });
    expect(unknown.result.ok).toBe(false);
    expect(member(sim, 'c2').groupInstanceId).toBeNull();
  });

  it('is deterministic and survives a seek across it', () => {
    const run = () => {
      const sim = build([null, null]);
      sim.advanceTo(8_000);
      sim.dispatch({ type: 'setGroupInstanceId', consumerId: 'c2', groupInstanceId: 'c2-host' });
      sim.advanceTo(20_000);
      return sim;
    };
    const a = run();
    const hash = a.hash();
    expect(run().hash()).toBe(hash);
    a.seek(5_000);
    a.seek(20_000);
    expect(a.hash()).toBe(hash);
  });
});
