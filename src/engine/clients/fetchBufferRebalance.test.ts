// Fetched records the application has not been given are not consumed, so Kafka drops them whenever the
// partition or its position changes hands (FetchBuffer.retainAll on revocation, close() clearing the
// buffer, a seek), and whoever reads the partition next starts from the committed offset. Delivery stays
// at-least-once: nothing is skipped, and only records the application was given after the last commit
// are delivered again.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import { leaderLog } from '../cluster/partition';
import { recordsOf } from '../log/replicaLog';
import { backlog, FetchWatch } from '../testing/fetchWatch';

const group = (sim: Simulation) => sim.peekState().groups.g!;

describe('fetched records change hands only through the committed offset', () => {
  it('drops the fetched records of revoked partitions (eager rebalance), and fetches again what it gets back', () => {
    const sim = backlog(1_000, 2);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c1', processingTimeMs: 4 });
    const c1 = new FetchWatch(sim, 'c1');
    c1.advanceTo(30_000, () => c1.buffered('t-0') > 0 && c1.buffered('t-1') > 0);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c2' });
    let revokedAtMs = -1;
    c1.advanceTo(40_000, () => {
      revokedAtMs = c1.consumer().assigned.length === 0 ? sim.peekState().nowMs : -1;
      return revokedAtMs >= 0;
    });
    // onJoinPrepare revoked both partitions; their fetched records went with them.
    expect(revokedAtMs).toBeGreaterThan(0);
    expect(c1.consumer().fetchBuffer).toEqual([]);
    // The commit onJoinPrepare made lands one hop later; c1 is rejoining, so it commits nothing else.
    c1.advanceTo(revokedAtMs + 300);
    const committed = { ...group(sim).committed };
    c1.advanceTo(60_000);
    // c1 gets t-0 back (RangeAssignor) and fetches it again from its committed offset…
    expect(c1.consumer().assigned).toEqual(['t-0']);
    expect(committed['t-0']).toBeLessThan(1_000);
    expect(c1.fetchesOf('t-0').find((f) => f.sentAtMs > revokedAtMs)!.fetchOffset).toBe(committed['t-0']);
    // …and never again returns records of t-1 from poll().
    expect(c1.pollsOf('t-1').filter((p) => p.atMs > revokedAtMs)).toEqual([]);
    expect(group(sim).skipped).toBe(0);
    expect(group(sim).redelivered).toBe(0);
    expect(group(sim).processedUpTo).toEqual({ 't-0': 1_000, 't-1': 1_000 });
  });

  it('hands a closed consumer’s partition on at the offset it committed, not past the records it had only fetched', () => {
    const sim = backlog(2_000, 1, {}, [{ id: 'c1', processingTimeMs: 2 }, { id: 'c2' }]);
    const c1 = new FetchWatch(sim, 'c1');
    const c2 = new FetchWatch(sim, 'c2');
    // RangeAssignor gives the only partition to c1 (its member id sorts first).
    c1.advanceTo(30_000, () => c1.buffered('t-0') === 1_000);
    const position = c1.consumer().positions['t-0']!;
    expect(position).toBe(1_000);
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    expect(c1.consumer().fetchBuffer).toEqual([]);
    c2.advanceTo(60_000);
    // close() committed the position (what poll() returned); c2 starts there.
    expect(c2.fetchesOf('t-0')[0]!.fetchOffset).toBe(position);
    expect(group(sim).skipped).toBe(0);
    expect(group(sim).redelivered).toBe(0);
    expect(group(sim).processedUpTo['t-0']).toBe(2_000);
  });

  it('after a crash, redelivers exactly what poll() returned since the last commit, and none of the records only fetched', () => {
    const config = { 'auto.commit.interval.ms': 1_000, 'session.timeout.ms': 6_000 };
    const sim = backlog(3_000, 1, config, [{ id: 'c1', processingTimeMs: 2 }, { id: 'c2' }]);
    const c1 = new FetchWatch(sim, 'c1');
    const c2 = new FetchWatch(sim, 'c2');
    // A crash in the middle of the third poll's work (1,500 records in hand or done, 1,500 fetched after them).
    c1.advanceTo(30_000, () => c1.consumer().positions['t-0'] === 1_500);
    c1.advanceTo(sim.peekState().nowMs + 500);
    const position = c1.consumer().positions['t-0']!;
    const committed = group(sim).committed['t-0']!;
    expect([position, c1.buffered('t-0')]).toEqual([1_500, 1_500]);
    expect(committed).toBeLessThan(position);
    sim.dispatch({ type: 'crashConsumer', consumerId: 'c1' });
    c2.advanceTo(60_000);
    expect(c2.fetchesOf('t-0')[0]!.fetchOffset).toBe(committed);
    expect(group(sim).redelivered).toBe(position - committed);
    expect(group(sim).skipped).toBe(0);
    expect(group(sim).processedUpTo['t-0']).toBe(3_000);
  });

  it('drops the fetched records behind a record a service cannot process, as its seek back to it does, and fetches them again', () => {
    const sim = Simulation.create(
      {
        brokers: [{ id: 1 }],
        topics: ['in', 'out', 'dlt'].map((name) => ({ name, partitions: 1, replicationFactor: 1 })),
        producers: [{ id: 'web', topic: 'in', ratePerSec: 0, keys: { kind: 'null' } }],
        groups: [],
        services: [
          {
            id: 'svc',
            inputTopic: 'in',
            outputTopic: 'out',
            deadLetterTopic: 'dlt',
            poisonKeys: ['O-bad'],
            maxRetries: 1,
            processingTimeMs: 100,
            // Two records a poll: the poll that meets the pill leaves O-4 in the fetch buffer.
            config: { 'max.poll.records': 2 },
          },
        ],
      },
      1,
    );
    for (const key of ['O-1', 'O-2', 'O-bad', 'O-3', 'O-4'])
      sim.dispatch({ type: 'produce', producerId: 'web', key });
    const svc = new FetchWatch(sim, 'svc-1');
    svc.advanceTo(15_000, () => svc.buffered('in-0') === 3);
    expect(svc.fetchesOf('in-0').map((f) => f.fetchOffset)).toEqual([0]);
    svc.advanceTo(15_000, () => sim.view().events.some((e) => e.type === 'processingFailed'));
    // Spring Kafka's error handler seeks back to the failed record: O-4, fetched and not returned, is gone.
    expect(svc.consumer().positions['in-0']).toBe(2);
    expect(svc.buffered('in-0')).toBe(0);
    svc.advanceTo(15_000);
    expect(
      svc
        .fetchesOf('in-0')
        .map((f) => f.fetchOffset)
        .slice(0, 2),
    ).toEqual([0, 2]);
    // Every record is handled once: O-bad goes to the dead-letter topic, the others to the output.
    const keys = (topic: string) =>
      recordsOf(leaderLog(sim.peekState().partitions[`${topic}-0`]!)!).map((r) => r.key);
    expect(keys('out')).toEqual(['O-1', 'O-2', 'O-3', 'O-4']);
    expect(keys('dlt')).toEqual(['O-bad']);
  });
});
