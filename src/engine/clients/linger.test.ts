// linger.ms, as RecordAccumulator.ready applies it: a batch that is not full waits until linger.ms has
// passed since its first record was appended; a full batch leaves at once; so does every batch while
// send() is blocked on buffer.memory (the pool is exhausted) or while the producer closes (a flush).
// Kafka 4.0 made 5 ms the default (KIP-1030).
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRODUCER_CONFIG, RECORD_OVERHEAD_BYTES } from '../config';
import { cluster } from '../testing/harness';
import type { ProducerConfig, SimState } from '../types';

function producer(config: Partial<ProducerConfig>, ratePerSec = 0) {
  const sim = cluster(3)
    .config({ networkLatencyMs: 2 })
    .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] } })
    .producer({ id: 'p', topic: 't', ratePerSec, keys: { kind: 'cycle', keys: ['k'] }, config })
    .build();
  const p = () => (sim.peekState() as SimState).producers['p']!;
  return { sim, p };
}

/** Records in the requests the producer has sent and not yet had answered. */
const inFlightRecords = (p: { inFlight: { records: unknown[] }[] }) =>
  p.inFlight.reduce((n, f) => n + f.records.length, 0);

describe('linger.ms (RecordAccumulator.ready)', () => {
  it('defaults to 5 ms, as since Kafka 4.0 (KIP-1030)', () => {
    expect(DEFAULT_PRODUCER_CONFIG['linger.ms']).toBe(5);
  });

  it('holds a lone record for linger.ms, then sends it', () => {
    const { sim, p } = producer({ 'linger.ms': 20 });
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v' });
    sim.advanceTo(1_019);
    expect(p().inFlight).toHaveLength(0);
    expect(p().queue).toHaveLength(1);
    sim.advanceTo(1_020);
    expect(inFlightRecords(p())).toBe(1);
  });

  it('with linger.ms=0 sends the record at once', () => {
    const { sim, p } = producer({ 'linger.ms': 0 });
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v' });
    expect(inFlightRecords(p())).toBe(1);
  });

  it('counts linger.ms from the first record of the batch: later records join it and leave with it', () => {
    const { sim, p } = producer({ 'linger.ms': 20 });
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'a' });
    sim.advanceTo(1_015);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'b' });
    sim.advanceTo(1_020);
    expect(p().inFlight).toHaveLength(1);
    expect(p().inFlight[0]!.records.map((r) => r.value)).toEqual(['a', 'b']);
  });

  it('sends a full batch without waiting; the rest lingers', () => {
    // Each record is RECORD_OVERHEAD_BYTES + 1 (key) + 1 (value): batch.size fits exactly three.
    const size = RECORD_OVERHEAD_BYTES + 2;
    const { sim, p } = producer({ 'linger.ms': 10_000, 'batch.size': 3 * size });
    sim.advanceTo(1_000);
    for (const v of ['a', 'b', 'c', 'd'])
      sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: v });
    expect(p().inFlight.map((f) => f.records.map((r) => r.value))).toEqual([['a', 'b', 'c']]);
    expect(p().queue.map((r) => r.value)).toEqual(['d']);
    sim.advanceTo(1_000 + 9_999);
    expect(p().queue.map((r) => r.value)).toEqual(['d']);
    sim.advanceTo(1_000 + 10_000);
    expect(p().queue).toHaveLength(0);
  });

  it('at 5,000 records/s batches what 5 ms bring, where linger.ms=0 sends smaller batches', () => {
    const batchSizes = (lingerMs: number) => {
      const { sim, p } = producer({ 'linger.ms': lingerMs }, 5_000);
      const sizes: number[] = [];
      const seen = new Set<number>();
      for (let t = 1; t <= 200; t++) {
        sim.advanceTo(t);
        for (const f of p().inFlight)
          if (!seen.has(f.requestId)) {
            seen.add(f.requestId);
            sizes.push(f.records.length);
          }
      }
      return sizes;
    };
    const lingering = batchSizes(5);
    // 5 records/ms for 5 ms: each batch holds the 25 appended while it lingered, give or take a tick.
    for (const n of lingering.slice(1)) expect(n).toBeGreaterThanOrEqual(24);
    expect(Math.min(...batchSizes(0).slice(1))).toBeLessThan(24);
  });

  it('sends at once while send() is blocked on buffer.memory (the pool is exhausted)', () => {
    const size = RECORD_OVERHEAD_BYTES + 2;
    // Room for two records: the third send() blocks, and a blocked send() ends the lingering at once.
    // Were the two to linger their full 10 s, nothing would be acknowledged before 11,000 ms.
    const { sim } = producer({ 'linger.ms': 10_000, 'buffer.memory': 2 * size, 'max.block.ms': 60_000 });
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 1_000 });
    sim.advanceTo(1_200);
    expect(sim.view().audit.acknowledged).toBeGreaterThanOrEqual(10);
  });

  it('sends at once when the producer is removed: close() flushes', () => {
    const { sim, p } = producer({ 'linger.ms': 10_000 });
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v' });
    expect(p().queue).toHaveLength(1);
    sim.dispatch({ type: 'removeProducer', producerId: 'p' });
    sim.advanceTo(1_001);
    expect(p().queue).toHaveLength(0);
  });

  it('refuses a negative linger.ms and a delivery.timeout.ms below linger.ms + request.timeout.ms', () => {
    const { sim } = producer({});
    const negative = sim.dispatch({
      type: 'setProducerConfig',
      producerId: 'p',
      config: { 'linger.ms': -1 },
    });
    expect(!negative.result.ok && negative.result.error).toContain(
      'Invalid value -1 for configuration linger.ms: Value must be at least 0',
    );
    const tight = sim.dispatch({
      type: 'setProducerConfig',
      producerId: 'p',
      config: { 'linger.ms': 1_000, 'request.timeout.ms': 30_000, 'delivery.timeout.ms': 30_500 },
    });
    expect(!tight.result.ok && tight.result.error).toContain(
      'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
    );
  });
});
