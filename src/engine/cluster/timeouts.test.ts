// Request timeouts are armed once per producer and once per purgatory, at the earliest deadline, rather
// than once per request. These tests pin the deadlines themselves to Kafka's rules, so that the cheaper
// bookkeeping cannot move them: the producer gives up on a request request.timeout.ms after sending it
// (NetworkClient's in-flight request timeout, which closes the connection and so fails every request in
// flight on it), and the leader answers REQUEST_TIMED_OUT once the
// request has waited its timeout in purgatory (DelayedProduce; kafka-reference.md §3.4, acks=all).
import { describe, expect, it } from 'vitest';
import { cluster } from '../testing/harness';
import type { ProducerConfig, SimState } from '../types';

const LATENCY = 2;
const TIMEOUT = 1_000;

/** acks=all on one partition whose followers cannot fetch in time: nothing completes before its timeout. */
function stalled(config: Partial<ProducerConfig> = {}) {
  const sim = cluster(3)
    .config({ networkLatencyMs: LATENCY, replicaLagTimeMaxMs: 60_000 })
    .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config: { 'min.insync.replicas': 2 } })
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec: 0,
      keys: { kind: 'cycle', keys: ['k'] },
      // linger.ms=0: each record is sent the moment it is produced, so the deadlines below are exact.
      config: {
        'request.timeout.ms': TIMEOUT,
        'retry.backoff.ms': 10_000,
        'delivery.timeout.ms': 120_000,
        'linger.ms': 0,
        ...config,
      },
    })
    .build();
  sim.advanceTo(1_000);
  sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 50_000 });
  sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 50_000 });
  // Let the followers' fetches already on the wire land, so that the next ones are the slow ones.
  sim.advanceTo(1_100);
  return sim;
}

const state = (sim: ReturnType<typeof stalled>) => sim.peekState() as SimState;
const inFlight = (sim: ReturnType<typeof stalled>) => state(sim).producers['p']!.inFlight.length;
const waiting = (sim: ReturnType<typeof stalled>) => state(sim).partitions['t-0']!.purgatory.length;

describe('request timeouts (request.timeout.ms)', () => {
  it('at the first request past its deadline, closes the connection: every request in flight on it fails', () => {
    const sim = stalled();
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'a' }); // sent at 1100
    sim.advanceTo(1_400);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'b' }); // sent at 1400
    sim.advanceTo(1_100 + TIMEOUT - 1);
    expect(inFlight(sim)).toBe(2);
    const events = sim.advanceTo(1_100 + TIMEOUT);
    // NetworkClient.handleTimedOutRequests: the later request goes with the connection, before its own
    // deadline, and both fail as disconnected (NETWORK_EXCEPTION), to be retried.
    expect(inFlight(sim)).toBe(0);
    expect(state(sim).producers['p']!.lastError).toBe('NETWORK_EXCEPTION');
    expect(events.find((e) => e.type === 'producerRequestTimedOut')!.text).toContain(
      'Disconnected from node 1 due to timeout',
    );
    expect(state(sim).producers['p']!.queue.map((r) => r.attempt)).toEqual([1, 1]);
  });

  it('fails a request waiting in purgatory exactly its timeout after it arrived', () => {
    const sim = stalled();
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'a' });
    sim.advanceTo(1_300);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'b' });
    sim.advanceTo(1_100 + LATENCY + TIMEOUT - 1);
    expect(waiting(sim)).toBe(2);
    sim.advanceTo(1_100 + LATENCY + TIMEOUT);
    expect(waiting(sim)).toBe(1);
    sim.advanceTo(1_300 + LATENCY + TIMEOUT - 1);
    expect(waiting(sim)).toBe(1);
    sim.advanceTo(1_300 + LATENCY + TIMEOUT);
    expect(waiting(sim)).toBe(0);
  });

  it('does not time out requests that were answered in time', () => {
    const sim = cluster(3)
      .config({ networkLatencyMs: LATENCY })
      .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config: { 'min.insync.replicas': 2 } })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { 'request.timeout.ms': TIMEOUT },
      })
      .build();
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'a' });
    sim.advanceTo(1_500);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'b' });
    sim.advanceTo(1_000 + 3 * TIMEOUT);
    expect(state(sim).producers['p']!.lastError).toBeNull();
    expect(sim.view().audit.acknowledged).toBe(2);
    expect(sim.view().audit.duplicated).toBe(0);
  });
});

describe('delivery.timeout.ms for a batch in flight (Sender.getExpiredInflightBatches)', () => {
  it('fails the batch at its deadline, though its request has not timed out', () => {
    const sim = stalled({
      'enable.idempotence': false,
      'max.in.flight.requests.per.connection': 1,
      'request.timeout.ms': 10_000,
      'delivery.timeout.ms': 10_000,
    });
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'a' }); // in flight from 1100
    sim.advanceTo(1_400);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'b' }); // waits for the one slot
    // At 11 100 a's request and its delivery.timeout.ms both end: a fails, and b leaves in its place,
    // with a request due at 21 100; but b was created at 1 400, so its delivery.timeout.ms ends at 11 400.
    sim.advanceTo(11_399);
    expect(sim.view().audit.failed).toBe(1);
    const inFlight = state(sim).producers['p']!.inFlight;
    expect(inFlight.map((f) => [f.records.length, f.timeoutAtMs])).toEqual([[1, 21_100]]);
    const events = sim.advanceTo(11_400);
    expect(sim.view().audit.failed).toBe(2);
    expect(state(sim).producers['p']!.inFlight).toEqual([]);
    expect(events.find((e) => e.type === 'produceFailed')!.text).toMatch(
      /TimeoutException: Expiring 1 record\(s\) for t-0:10000 ms has passed since batch creation\.$/,
    );
    // The answer that comes later changes nothing: b stays failed, not acknowledged.
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 });
    sim.advanceTo(80_000);
    expect(sim.view().audit.failed).toBe(2);
  });
});
