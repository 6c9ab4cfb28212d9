// A broker killed and restarted before broker.session.timeout.ms: ClusterControlManager.registerBroker
// refuses the new process (DuplicateBrokerRegistrationException) while the old one's session is valid,
// the controller fences the old process when it expires (its leaderships move, as after any crash), and
// only then does the new process register, catch up and rejoin the ISR as a follower.
import { describe, expect, it } from 'vitest';
import { cluster } from '../testing/harness';

function killAndRestart(restartAfterMs: number) {
  const sim = cluster(3)
    .topic('t', 1, 3, { assignment: { '0': [1, 2, 3] } })
    .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'null' } })
    .build();
  sim.advanceTo(20_000);
  expect(sim.view().partitions[0]!.leader).toBe(1);
  sim.dispatch({ type: 'killBroker', brokerId: 1 });
  sim.advanceTo(20_000 + restartAfterMs);
  const { events } = sim.dispatch({ type: 'restartBroker', brokerId: 1 });
  return { sim, events };
}

describe('restarting a crashed broker', () => {
  it('within the session: the new process waits for the old one to be fenced, so leadership still moves', () => {
    const { sim, events } = killAndRestart(3_000);
    expect(events.map((e) => e.type)).toEqual(['brokerRegistrationRefused']);
    expect(events[0]!.text).toContain('Another broker is registered with that broker id.');
    expect(sim.view().brokers.find((b) => b.id === 1)!.status).toBe('stopped');
    const later = sim.advanceTo(60_000).map((e) => e.type);
    // Fenced first, then the new process registers.
    expect(later.indexOf('brokerFenced')).toBeGreaterThanOrEqual(0);
    expect(later.indexOf('brokerRestarted')).toBeGreaterThan(later.indexOf('brokerFenced'));
    const p = sim.view().partitions[0]!;
    expect(p.leader).not.toBe(1);
    expect(p.leaderEpoch).toBe(1);
    expect([...p.isr].sort()).toEqual([1, 2, 3]);
    expect(sim.view().audit.lost).toBe(0);
  });

  it('refuses a second restart while the first waits, saying when it registers', () => {
    const { sim } = killAndRestart(1_000);
    const again = sim.dispatch({ type: 'restartBroker', brokerId: 1 }).result;
    expect(again).toEqual({
      ok: false,
      error: expect.stringMatching(/already restarting: it registers .* at \d+\.\d s/),
    });
  });

  it('after the session expired: registers at once', () => {
    const { sim, events } = killAndRestart(12_000);
    expect(events.map((e) => e.type)).toContain('brokerRestarted');
    expect(sim.view().brokers.find((b) => b.id === 1)!.status).toBe('running');
  });
});
