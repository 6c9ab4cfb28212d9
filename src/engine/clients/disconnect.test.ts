// A broker process that dies closes its sockets, and the producer's NetworkClient sees the connection
// close one hop later: from then on that broker is not "ready" (NetworkClient.ready), so the Sender leaves
// its partitions' batches in the accumulator, without spending retries, until the broker runs again or
// the controller moves leadership and the producer sends to the new leader. Only what was written into
// the dead socket before the close was seen is at risk.
import { describe, expect, it } from 'vitest';
import type { ProducerConfig } from '../types';
import { cluster } from '../testing/harness';

function run(config: Partial<ProducerConfig>, replicationFactor = 3) {
  const sim = cluster(3)
    .topic('t', 1, replicationFactor, {
      config: { 'min.insync.replicas': Math.min(2, replicationFactor) },
      assignment: { '0': [1, 2, 3].slice(0, replicationFactor) },
    })
    .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'cycle', keys: ['a'] }, config })
    .build();
  sim.advanceTo(3_000);
  expect(sim.view().partitions[0]!.leader).toBe(1);
  sim.dispatch({ type: 'killBroker', brokerId: 1 });
  return sim;
}

describe('a producer whose leader’s process dies', () => {
  it('hears the connection close and says so', () => {
    const sim = run({});
    sim.advanceTo(4_000);
    const heard = sim.view().events.filter((e) => e.type === 'producerDisconnected');
    expect(heard).toHaveLength(1);
    expect(heard[0]!.text).toMatch(/Producer p lost its connection to broker 1/);
  });

  it('with acks=0 loses only what it sent before it noticed, not everything until the failover', () => {
    const sim = run({ acks: 0 });
    sim.advanceTo(30_000);
    const a = sim.view().audit;
    // broker.session.timeout.ms is 9 s: sending blind until then would lose ~180 records at 20/s.
    expect(a.lost).toBeGreaterThan(0);
    expect(a.lost).toBeLessThanOrEqual(20);
    expect(sim.view().partitions[0]!.leader).not.toBe(1);
    expect(a.committed).toBeGreaterThan(500);
  });

  it('with retries=3 fails no record during a failover: batches wait instead of burning retries', () => {
    const sim = run({ retries: 3 });
    sim.advanceTo(30_000);
    const a = sim.view().audit;
    expect(a.failed).toBe(0);
    expect(a.lost).toBe(0);
    expect(a.duplicated).toBe(0);
  });

  it('sends to the same broker again once it restarts, when no other replica could lead', () => {
    const sim = run({}, 1);
    sim.advanceTo(10_000);
    const waiting = sim.peekState().producers['p']!.queue.length;
    expect(waiting).toBeGreaterThan(50);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(30_000);
    expect(sim.peekState().producers['p']!.queue.length).toBeLessThan(5);
    expect(sim.view().audit.failed).toBe(0);
    expect(sim.peekState().producers['p']!.disconnectedFrom).toEqual([]);
  });
});
