// The Sender sends one ProduceRequest per broker, carrying at most one batch for each partition that broker
// leads (RecordAccumulator.drain, Sender.sendProduceRequests); max.in.flight.requests.per.connection counts
// requests per broker connection (NetworkClient's InFlightRequests); an acks=all request is answered once,
// when every partition in it is done (DelayedProduce); each partition's result is handled on its own.
import { describe, expect, it } from 'vitest';
import { auditEntry } from '../audit/entries';
import { cluster } from '../testing/harness';
import type { ProducerConfig, SimState } from '../types';

/** Partitions 0 and 3 led by broker 1, 1 and 4 by broker 2, 2 and 5 by broker 3. */
const SIX = { 0: [1, 2, 3], 1: [2, 3, 1], 2: [3, 1, 2], 3: [1, 3, 2], 4: [2, 1, 3], 5: [3, 2, 1] };

function sixPartitions(config: Partial<ProducerConfig>) {
  return cluster(3)
    .config({ networkLatencyMs: 2 })
    .topic('t', 6, 3, { assignment: SIX })
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec: 1_000,
      keys: { kind: 'random', keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
      config,
    })
    .build();
}

/** Per request in flight now: the broker it went to and the partitions it carries. */
function requestsInFlight(state: SimState): Map<number, { brokerId: number; partitions: Set<number> }> {
  const requests = new Map<number, { brokerId: number; partitions: Set<number> }>();
  for (const f of state.producers['p']!.inFlight) {
    const r = requests.get(f.requestId) ?? { brokerId: f.brokerId, partitions: new Set<number>() };
    r.partitions.add(f.partition);
    requests.set(f.requestId, r);
  }
  return requests;
}

describe('produce requests per broker (Sender)', () => {
  it('sends one request per broker with the ready batches of several partitions it leads', () => {
    const sim = sixPartitions({ 'linger.ms': 20 });
    let widest = 0;
    for (let t = 1_000; t <= 3_000; t += 1) {
      sim.advanceTo(t);
      for (const r of requestsInFlight(sim.peekState() as SimState).values()) {
        widest = Math.max(widest, r.partitions.size);
        // Every partition a request carries is led by the broker it went to.
        for (const part of r.partitions) expect(SIX[part as keyof typeof SIX][0]).toBe(r.brokerId);
      }
    }
    expect(widest).toBe(2);
  });

  it('counts max.in.flight.requests.per.connection per broker, not per partition', () => {
    const sim = sixPartitions({ 'max.in.flight.requests.per.connection': 1, 'linger.ms': 0 });
    let mostPerBroker = 0;
    for (let t = 1_000; t <= 3_000; t += 1) {
      sim.advanceTo(t);
      const perBroker = new Map<number, number>();
      for (const r of requestsInFlight(sim.peekState() as SimState).values())
        perBroker.set(r.brokerId, (perBroker.get(r.brokerId) ?? 0) + 1);
      mostPerBroker = Math.max(mostPerBroker, ...perBroker.values());
    }
    expect(mostPerBroker).toBe(1);
    expect(sim.view().audit.acknowledged).toBeGreaterThan(1_000);
  });

  /** Broker 1 leads both partitions; partition 0's follower is broker 3, partition 1's is broker 2. */
  function twoOnOneLeader(minInsyncReplicas: number) {
    return cluster(3)
      .config({ networkLatencyMs: 2 })
      .topic('t', 2, 2, {
        assignment: { 0: [1, 3], 1: [1, 2] },
        config: { 'min.insync.replicas': minInsyncReplicas },
      })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'null' },
        config: { 'linger.ms': 20 },
      })
      .build();
  }

  it('answers an acks=all request once, when every partition in it is committed', () => {
    const sim = twoOnOneLeader(1);
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 2_000 });
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'slow', partition: 0 });
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'fast', partition: 1 });
    const ids = (sim.peekState() as SimState).producers['p']!.queue.map((q) => q.recordId);
    sim.advanceTo(2_100);
    // One request carried both batches: partition 1 is committed, but its answer waits for partition 0.
    expect(requestsInFlight(sim.peekState() as SimState).size).toBe(1);
    const fast = auditEntry((sim.peekState() as SimState).audit, ids[1]!)!;
    expect(fast.committed).toBe(true);
    expect(fast.acked).toBe(false);
    sim.advanceTo(8_000);
    const [slowAck, fastAck] = ids.map(
      (id) => auditEntry((sim.peekState() as SimState).audit, id)!.ackedAtMs,
    );
    expect(slowAck).toBeGreaterThan(2_100);
    expect(fastAck).toBe(slowAck);
  });

  it('retries only the batch of the partition that failed; the other one in the request is acknowledged', () => {
    const sim = twoOnOneLeader(2);
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'killBroker', brokerId: 3 });
    // Once broker 3 is fenced, partition 0's ISR is [1]: below min.insync.replicas=2.
    sim.advanceTo(15_000);
    expect(sim.view().partitions.find((p) => p.id === 't-0')!.isr).toEqual([1]);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'refused', partition: 0 });
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'ok', partition: 1 });
    const ids = (sim.peekState() as SimState).producers['p']!.queue.map((q) => q.recordId);
    sim.advanceTo(15_100);
    const state = sim.peekState() as SimState;
    expect(auditEntry(state.audit, ids[1]!)!.acked).toBe(true);
    expect(auditEntry(state.audit, ids[0]!)!.acked).toBe(false);
    const retried = [
      ...state.producers['p']!.queue,
      ...state.producers['p']!.inFlight.flatMap((f) => f.records),
    ];
    expect(retried.map((r) => [r.recordId, r.attempt > 0])).toEqual([[ids[0], true]]);
    expect(
      state.events.some((e) => e.type === 'produceRejected' && e.text.startsWith('NOT_ENOUGH_REPLICAS:')),
    ).toBe(true);
  });
});
