// The producer's retry backoff since Kafka 3.7 (KIP-580): ExponentialBackoff(retry.backoff.ms, 2,
// retry.backoff.max.ms, 0.2) evaluated at the batch's earlier attempts, and no backoff at all for a retry
// whose partition has a new leader (KIP-951, RecordAccumulator.shouldBackoff).
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRODUCER_CONFIG } from '../config';
import { createState } from '../sim/createState';
import { cluster } from '../testing/harness';
import { retryBackoffMs } from './retryBackoff';

const state = () => createState({ brokers: [{ id: 1 }], topics: [], producers: [], groups: [] }, 42);

describe('retryBackoffMs', () => {
  it('doubles from retry.backoff.ms (100) per attempt up to retry.backoff.max.ms (1000), within ±20 %', () => {
    const s = state();
    const bounds = [
      [80, 120],
      [160, 240],
      [320, 480],
      [640, 960],
      [800, 1_000],
      [800, 1_000],
    ];
    for (const [attempts, [low, high]] of bounds.entries()) {
      const draws = Array.from({ length: 400 }, () => retryBackoffMs(s, DEFAULT_PRODUCER_CONFIG, attempts));
      expect(Math.min(...draws), `attempt ${attempts}`).toBeGreaterThanOrEqual(low!);
      expect(Math.max(...draws), `attempt ${attempts}`).toBeLessThanOrEqual(high!);
      // Jitter, not a constant: the draws spread over most of the range.
      expect(Math.max(...draws) - Math.min(...draws)).toBeGreaterThan((high! - low!) / 2);
    }
  });

  it('is the constant retry.backoff.ms when retry.backoff.max.ms leaves no room above it', () => {
    const config = { ...DEFAULT_PRODUCER_CONFIG, 'retry.backoff.ms': 500, 'retry.backoff.max.ms': 500 };
    expect(new Set([0, 1, 5].map((a) => retryBackoffMs(state(), config, a)))).toEqual(new Set([500]));
  });
});

describe('a retry to a new leader (KIP-951)', () => {
  it('goes at once, without waiting its backoff', () => {
    const sim = cluster(3)
      .config({ networkLatencyMs: 50 })
      .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config: { 'min.insync.replicas': 2 } })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 100,
        keys: { kind: 'cycle', keys: ['k'] },
        // Without idempotence, so that only NOT_LEADER_OR_FOLLOWER sends batches back (an idempotent
        // producer's later batches may also meet OUT_OF_ORDER_SEQUENCE_NUMBER at the new leader, and
        // those, failed by the leader they went to, do wait out their backoff).
        config: { 'enable.idempotence': false, 'retry.backoff.ms': 5_000, 'retry.backoff.max.ms': 5_000 },
      })
      .build();
    sim.advanceTo(5_000);
    // Leadership moves at once; requests on their way to broker 1 come back NOT_LEADER_OR_FOLLOWER.
    sim.dispatch({ type: 'shutdownBroker', brokerId: 1 });
    const events = sim.advanceTo(6_000);
    expect(sim.view().partitions[0]!.leader).toBe(2);
    expect(sim.peekState().producers['p']!.queue.filter((r) => r.attempt > 0)).toEqual([]);
    expect(sim.view().audit.failed).toBe(0);
    // Without KIP-951 the retried records would still wait in the queue for their 5 s backoff here
    // (the assertion on the queue above); they went to broker 2 instead.
    expect(events.some((e) => e.type === 'leaderElected')).toBe(false);
  });
});
