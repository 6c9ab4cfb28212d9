// How long a failed batch waits before its retry, as the producer computes it since Kafka 3.7 (KIP-580,
// RecordAccumulator with an ExponentialBackoff: multiplier 2, jitter 0.2): retry.backoff.ms doubled per
// earlier attempt, up to retry.backoff.max.ms, times a random factor in [0.8, 1.2) from the seeded stream.
import type { ProducerConfig, SimState } from '../types';
import { nextUint32 } from '../rng';

const JITTER = 0.2;

/** The backoff before retry number `attempts` + 1 (`attempts` earlier retries; 0 for the first). */
export function retryBackoffMs(state: SimState, config: ProducerConfig, attempts: number): number {
  const initial = config['retry.backoff.ms'];
  const max = config['retry.backoff.max.ms'];
  // ExponentialBackoff: without room above the initial interval it is a constant, without jitter.
  if (max <= initial) return initial;
  if (initial === 0) return 0;
  const expMax = Math.log2(max / initial);
  const term = initial * 2 ** Math.min(attempts, expMax);
  const factor = 1 - JITTER + 2 * JITTER * (nextUint32(state.rng.retries) / 2 ** 32);
  return Math.min(Math.floor(factor * term), max);
}
