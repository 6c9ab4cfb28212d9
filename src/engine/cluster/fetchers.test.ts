// Fetch per broker, as Kafka does it:
// - ReplicaFetcherThread.buildFetch: a follower runs one fetcher per source broker (num.replica.fetchers=1),
//   whose FetchRequest carries every partition it follows from that leader, each with its fetch offset,
//   lastFetchedEpoch and currentLeaderEpoch.
// - AbstractFetch.prepareFetchRequests: a consumer sends one FetchRequest per broker for its fetchable
//   partitions led there, and none to a node with a fetch pending.
// - DelayedFetch.tryComplete: a parked fetch completes as soon as any of its partitions has data
//   (fetch.min.bytes=1), else after replica.fetch.wait.max.ms.
// - AbstractFetcherThread.processFetchRequest handles each partition's result on its own: one partition
//   may diverge (truncation on fetch) while another brings records in the same response.
import { describe, expect, it } from 'vitest';
import type { Message, MessageBody, SimState } from '../types';
import type { Simulation } from '../simulation';
import { cluster } from '../testing/harness';
import { backlog } from '../testing/fetchWatch';

type FetchRequest = Extract<MessageBody, { kind: 'FetchRequest' }>;
type FetchResponse = Extract<MessageBody, { kind: 'FetchResponse' }>;

/** Every message sent until `untilMs`, watched in 10 ms steps (a hop is 200 ms, so none goes unseen). */
function messagesUntil(sim: Simulation, untilMs: number, seen = new Map<number, Message>()): Message[] {
  while (sim.peekState().nowMs < untilMs) {
    sim.advanceTo(Math.min(untilMs, sim.peekState().nowMs + 10));
    for (const { timer } of (sim.peekState() as SimState).timers)
      if (timer.kind === 'deliver') seen.set(timer.message.id, timer.message);
  }
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

const requestsFrom = (messages: Message[], node: string) =>
  messages.filter((m) => m.from === node && m.body.kind === 'FetchRequest');
const partitionsOf = (m: Message) => (m.body as FetchRequest).partitions.map((p) => p.partitionId);

describe('fetching per broker', () => {
  it('a follower sends one fetch per leader, carrying every partition it follows from that leader', () => {
    // Broker 1 follows t-1 and t-4 from broker 2 and t-2 and t-5 from broker 3.
    const sim = cluster(3)
      .topic('t', 6, 3, {
        assignment: { 0: [1, 2, 3], 1: [2, 3, 1], 2: [3, 1, 2], 3: [1, 2, 3], 4: [2, 3, 1], 5: [3, 1, 2] },
      })
      .build();
    const requests = requestsFrom(messagesUntil(sim, 3_000), 'broker-1');
    expect(new Set(requests.map((m) => m.to))).toEqual(new Set(['broker-2', 'broker-3']));
    for (const m of requests)
      expect(partitionsOf(m)).toEqual(m.to === 'broker-2' ? ['t-1', 't-4'] : ['t-2', 't-5']);
    const first = (requests.find((m) => m.to === 'broker-2')!.body as FetchRequest).partitions[0]!;
    expect(first).toMatchObject({ fetchOffset: 0, lastFetchedEpoch: -1, currentLeaderEpoch: 0 });
    // One request at a time per leader: with nothing to fetch each waits replica.fetch.wait.max.ms.
    const toLeader2 = requests.filter((m) => m.to === 'broker-2');
    for (let i = 1; i < toLeader2.length; i++)
      expect(toLeader2[i]!.sentAtMs - toLeader2[i - 1]!.sentAtMs).toBeGreaterThanOrEqual(500 + 2 * 200);
  });

  it('a consumer sends one fetch per broker for the partitions that broker leads, one at a time', () => {
    // t-0…t-5 with replicas placed round-robin: broker 1 leads two of them, as do brokers 2 and 3.
    const sim = backlog(10, 6, {}, [{ id: 'c1' }]);
    const messages = messagesUntil(sim, 8_000);
    const requests = requestsFrom(messages, 'consumer-c1');
    const leaders = Object.fromEntries(sim.view().partitions.map((p) => [p.id, p.leader]));
    for (const b of [1, 2, 3]) {
      const toBroker = requests.filter((m) => m.to === `broker-${b}`);
      const led = Object.keys(leaders).filter((pid) => leaders[pid] === b);
      expect(led).toHaveLength(2);
      // The first fetch asks for both partitions the broker leads; later ones only for those fetchable.
      expect(partitionsOf(toBroker[0]!).sort()).toEqual(led.sort());
      for (const m of toBroker) expect(partitionsOf(m).every((pid) => led.includes(pid))).toBe(true);
      // No second fetch to a broker while one is pending there.
      const answers = messages.filter((m) => m.from === `broker-${b}` && m.to === 'consumer-c1');
      for (let i = 1; i < toBroker.length; i++)
        expect(toBroker[i]!.sentAtMs).toBeGreaterThanOrEqual(answers[i - 1]!.deliverAtMs);
    }
  });

  it('answers a parked fetch as soon as any one of its partitions gets data', () => {
    const sim = cluster(2)
      .topic('t', 2, 2, { assignment: { 0: [1, 2], 1: [1, 2] } })
      .producer({ id: 'p', topic: 't', ratePerSec: 0, keys: { kind: 'null' }, config: { acks: 1 } })
      .build();
    const seen = new Map<number, Message>();
    messagesUntil(sim, 3_000, seen);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v', partition: 1 });
    const messages = messagesUntil(sim, 4_000, seen);
    const produce = messages.find((m) => m.body.kind === 'ProduceRequest')!;
    const answer = messages.find(
      (m) =>
        m.to === 'broker-2' &&
        m.body.kind === 'FetchResponse' &&
        m.body.responses.some((r) => r.records.length > 0),
    )!;
    // Answered when the leader appended, not when replica.fetch.wait.max.ms ran out for the fetch.
    expect(answer.sentAtMs).toBe(produce.deliverAtMs);
    const parked = messages.filter(
      (m) => m.from === 'broker-2' && m.body.kind === 'FetchRequest' && m.deliverAtMs < answer.sentAtMs,
    );
    expect(answer.sentAtMs - parked.at(-1)!.deliverAtMs).toBeLessThan(500);
    const results = (answer.body as FetchResponse).responses;
    expect(results.map((r) => [r.partitionId, r.records.length])).toEqual([
      ['t-0', 0],
      ['t-1', 1],
    ]);
    // On the diagram the response brings t-1's record to t-1's row; t-0's empty result draws nothing.
    sim.seek(answer.sentAtMs + 1);
    const views = sim.view().messages.filter((m) => m.id === answer.id);
    expect(views.map((m) => [m.partitionId, m.keys])).toEqual([['t-1', ['k']]]);
  });

  it('handles each partition of one response on its own: one truncates while another appends', () => {
    const sim = cluster(3)
      .topic('t', 2, 3, { assignment: { 0: [1, 2, 3], 1: [1, 2, 3] } })
      .producer({ id: 'p', topic: 't', ratePerSec: 0, keys: { kind: 'null' }, config: { acks: 1 } })
      .build();
    sim.advanceTo(1_000);
    // Only broker 1 gets t-0's record: its followers are slow, and it crashes.
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 60_000 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 60_000 });
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v', partition: 0 });
    sim.advanceTo(2_500);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 });
    sim.advanceTo(20_000);
    expect(sim.view().partitions.map((p) => p.leader)).toEqual([2, 2]);
    // The new leader gets a record on t-1, then broker 1 returns as a follower of both partitions.
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'w', partition: 1 });
    sim.advanceTo(21_000);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    const messages = messagesUntil(sim, 25_000);
    const answer = messages.find((m) => m.to === 'broker-1' && m.body.kind === 'FetchResponse')!;
    const [t0, t1] = (answer.body as FetchResponse).responses;
    expect(t0).toMatchObject({ partitionId: 't-0', divergingEpoch: { epoch: 0, endOffset: 0 } });
    expect(t1).toMatchObject({ partitionId: 't-1', divergingEpoch: null, error: null });
    expect(t1!.records).toHaveLength(1);
    const view = sim.view();
    const leoOf = (pid: string) =>
      view.partitions.find((p) => p.id === pid)!.replicaLogs.find((r) => r.brokerId === 1)!.logEndOffset;
    expect([leoOf('t-0'), leoOf('t-1')]).toEqual([0, 1]);
    expect(view.events.some((e) => e.type === 'truncated' && e.partitionId === 't-0')).toBe(true);
  });
});
