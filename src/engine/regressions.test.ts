// Bugs found by scenario authors, each kept as the smallest run that showed it.
import { describe, expect, it } from 'vitest';
import { cluster } from './testing/harness';
import { Simulation } from './simulation';

const single = () =>
  cluster(3)
    .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] } })
    .producer({ id: 'p', topic: 't', ratePerSec: 5, keys: { kind: 'cycle', keys: ['a', 'b'] } });

describe('regressions', () => {
  it('fences a broker killed before its first heartbeat reached the controller', () => {
    const sim = single().build();
    // At t=0 no heartbeat has arrived yet; registration alone must start the session.
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(15_000);
    const p = sim.view().partitions[0]!;
    expect(sim.view().brokers.find((b) => b.id === 1)!.fenced).toBe(true);
    expect(p.leader).toBe(2);
    expect(p.isr).toEqual([2, 3]);
  });

  it('lets every follower catch up after two brokers die together and the last one later (stale epoch entry at the log end)', () => {
    // Before the fix, a follower of t-1 came back holding an epoch entry at its log end with no record in
    // that epoch, reported it on every fetch, was told it diverged, "truncated" to its own end and never
    // caught up (found by the lesson authors; 288 of 288 nearby timings showed it).
    const sim = cluster(3)
      .topic('t', 3, 3, { assignment: { 0: [1, 2, 3], 1: [2, 3, 1], 2: [3, 1, 2] } })
      .producer({ id: 'p', topic: 't', ratePerSec: 5, keys: { kind: 'cycle', keys: ['a', 'b'] } })
      .build();
    sim.advanceTo(33_000);
    sim.dispatch({ type: 'killBroker', brokerId: 2 });
    sim.dispatch({ type: 'killBroker', brokerId: 3 });
    sim.advanceTo(48_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(60_000);
    for (const b of [1, 2, 3]) sim.dispatch({ type: 'restartBroker', brokerId: b });
    sim.advanceTo(120_000);
    for (const p of sim.view().partitions) {
      expect(p.leader, p.id).not.toBeNull();
      expect([...p.isr].sort(), p.id).toEqual([1, 2, 3]);
      // Followers fetch continuously, so they trail the leader by at most what is in flight.
      const ends = p.replicaLogs.map((r) => r.logEndOffset);
      expect(Math.max(...ends) - Math.min(...ends), p.id).toBeLessThanOrEqual(5);
    }
  });
});

describe('regressions: a command at 0 ms', () => {
  it.each([
    ['killBroker', { type: 'killBroker', brokerId: 1 }],
    ['produce', { type: 'produce', producerId: 'p', key: 'a', value: 'x' }],
  ] as const)(
    '%s at 0 ms gives the same run live and replayed from its log (as a share link does)',
    (_, command) => {
      const builder = cluster(3)
        .topic('t', 3, 3, { assignment: { 0: [1, 2, 3], 1: [2, 3, 1], 2: [3, 1, 2] } })
        .producer({ id: 'p', topic: 't', ratePerSec: 5, keys: { kind: 'cycle', keys: ['a', 'b'] } });
      const live = builder.build(7);
      live.dispatch(command);
      live.advanceTo(20_000);
      const replayed = Simulation.replay(builder.definition, 7, live.commandLog(), 20_000);
      expect(replayed.hash()).toBe(live.hash());
    },
  );

  it('goes on after a command given deep in thinned history (the newest checkpoint left is far behind)', () => {
    // Before the fix, the fork dropped every checkpoint after the command, the newest left was seconds
    // behind, and the next advance was asked to pause at a time already past: "cannot advance
    // backwards". A teacher who rewound a long run and killed a broker there crashed the worker.
    const retained = cluster(3)
      .config({ networkLatencyMs: 2, logRetentionCheckIntervalMs: 1_000 })
      .topic('t', 2, 3, { config: { 'min.insync.replicas': 2, 'retention.ms': 2_000 } })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 200,
        keys: { kind: 'random', keys: ['a', 'b'] },
      }).definition;
    const sim = Simulation.create(retained, 8, { checkpointIntervalMs: 500, checkpointBudgetBytes: 600_000 });
    sim.advanceTo(30_000);
    sim.seek(9_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    expect(() => sim.advanceTo(12_000)).not.toThrow();
    expect(sim.hash()).toBe(Simulation.replay(retained, 8, sim.commandLog(), 12_000).hash());
  });
});

describe('regressions: a consumer restarted within one network hop', () => {
  type Protocol = 'classic' | 'consumer';
  const responseKind = { classic: 'JoinGroupResponse', consumer: 'ConsumerGroupHeartbeatResponse' } as const;

  it.each<Protocol>(['classic', 'consumer'])(
    'group.protocol=%s: drops the answer meant for its previous run instead of taking that run’s member id (NetworkClient never hands a new connection the responses of a closed one)',
    (protocol) => {
      // Before the fix, group messages carried no connection: a JoinGroupResponse (or a
      // ConsumerGroupHeartbeatResponse with an assignment) sent to c1 just before it was restarted reached
      // the new c1, which took the old member id and sent SyncGroup (or fetched the old assignment) with it.
      const sim = cluster(3)
        .topic('t', 2, 3)
        .producer({ id: 'p', topic: 't', ratePerSec: 5, keys: { kind: 'cycle', keys: ['a', 'b'] } })
        .group({
          groupId: 'g',
          topic: 't',
          config: { 'group.protocol': protocol, 'session.timeout.ms': 10_000 },
          consumers: [{ id: 'c1' }, { id: 'c2' }],
        })
        .build();
      const inFlight = () =>
        sim
          .peekState()
          .timers.flatMap((t) => (t.timer.kind === 'deliver' ? [t.timer.message] : []))
          .filter((m) => m.to === 'consumer-c1' && m.body.kind === responseKind[protocol]);
      let answer;
      while (!answer) {
        sim.advanceBy(10);
        answer = inFlight().find((m) => {
          const body = m.body as { memberId: string; error: string | null };
          return body.memberId !== '' && body.error === null;
        });
      }
      const oldMemberId = (answer.body as { memberId: string }).memberId;
      sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
      sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
      const c1 = () => sim.view().groups[0]!.members.find((m) => m.id === 'c1')!;
      for (let i = 0; i < 100; i++) {
        sim.advanceBy(10);
        expect(c1().memberId).not.toBe(oldMemberId);
      }
      // The previous run's membership goes when its session times out (KIP-848: 45 s, broker-side).
      sim.advanceBy(60_000);
      expect(sim.view().groups[0]!.state).toBe('Stable');
      expect(c1().assigned).toHaveLength(1);
    },
  );
});
