// buffer.memory and max.block.ms (ProducerConfig docs; BufferPool.allocate): records the brokers have not
// acknowledged hold producer memory; when it is full, send() blocks for up to max.block.ms and then
// throws BufferExhaustedException. A producer faster than its cluster therefore slows to the cluster's
// pace instead of queueing without bound.
import { describe, expect, it } from 'vitest';
import { cluster } from '../testing/harness';
import type { ProducerConfig, SimState } from '../types';

const BUFFER = 4_000;

function flooding(config: Partial<ProducerConfig> = {}, rf = 3) {
  return cluster(3)
    .topic('t', 1, rf, { assignment: { 0: [1, 2, 3].slice(0, rf) } })
    .producer({
      id: 'p',
      topic: 't',
      // Far above what one partition replicates with the default 200 ms network.
      ratePerSec: 2_000,
      keys: { kind: 'cycle', keys: ['k'] },
      config: { 'buffer.memory': BUFFER, ...config },
    })
    .build();
}

const producer = (sim: ReturnType<typeof flooding>) => (sim.peekState() as SimState).producers['p']!;

describe('buffer.memory and max.block.ms', () => {
  it('blocks send() while buffer.memory is full, so the producer runs at the pace of the acknowledgements', () => {
    const sim = flooding();
    const events = sim.advanceTo(20_000);
    const p = producer(sim);
    const v = sim.view();
    // One record may cross the line: send() blocks only once the buffer is full.
    expect(p.bufferedBytes).toBeLessThanOrEqual(BUFFER + 200);
    expect(p.produced).toBeLessThan(2_000 * 20);
    // Blocking loses nothing: every record the application handed over is acknowledged or still buffered.
    expect(v.audit.lost).toBe(0);
    expect(v.audit.failed).toBe(0);
    expect(p.produced - v.audit.acknowledged).toBe(
      p.queue.length + p.inFlight.reduce((n, f) => n + f.records.length, 0),
    );
    expect(events.filter((e) => e.type === 'producerBlocked').length).toBeGreaterThan(0);
    expect(events.find((e) => e.type === 'producerBlocked')!.text).toMatch(
      /buffer\.memory \(4000 bytes\) is full/,
    );
  });

  it('frees the memory of every acknowledged record', () => {
    const sim = flooding();
    sim.advanceTo(5_000);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 });
    sim.advanceTo(60_000);
    const p = producer(sim);
    expect(sim.view().audit.acknowledged).toBe(p.produced);
    expect(p.bufferedBytes).toBe(0);
  });

  it('throws BufferExhaustedException once send() has blocked for max.block.ms', () => {
    // RF 1 on broker 1, which dies: nothing is acknowledged, so nothing frees the buffer.
    const sim = flooding({ 'max.block.ms': 5_000, 'delivery.timeout.ms': 120_000 }, 1);
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(30_000);
    const blockedAt = producer(sim).blockedSinceMs;
    expect(blockedAt).toBeGreaterThan(1_000);
    const events = sim.advanceTo(blockedAt + 5_000);
    const thrown = events.filter((e) => e.type === 'produceFailed');
    expect(thrown.map((e) => e.atMs)).toEqual([blockedAt + 5_000]);
    expect(thrown[0]!.text).toMatch(
      /send\(\) threw BufferExhaustedException: Failed to allocate \d+ bytes within the configured max blocking time 5000 ms\. Total memory: 4000 bytes\. Available memory: \d+ bytes\. Poolable size: \d+ bytes/,
    );
    expect(producer(sim).lastError).toBe('BufferExhaustedException');
  });

  it('gives the memory of records that fail back (delivery.timeout.ms) and then sends again', () => {
    const sim = flooding(
      { 'max.block.ms': 5_000, 'delivery.timeout.ms': 20_000, 'request.timeout.ms': 10_000 },
      1,
    );
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(40_000);
    const p = producer(sim);
    expect(sim.view().audit.failed).toBeGreaterThan(0);
    // Failed records released their bytes, so the buffer holds only what is still queued or in flight.
    expect(p.bufferedBytes).toBeLessThanOrEqual(BUFFER + 200);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(80_000);
    expect(sim.view().audit.acknowledged).toBeGreaterThan(0);
  });

  it('sends again at once when buffer.memory is raised while send() is blocked', () => {
    const sim = flooding({}, 1);
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(20_000);
    expect(producer(sim).blockedSinceMs).toBeGreaterThanOrEqual(0);
    const before = producer(sim).produced;
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: { 'buffer.memory': 4 * BUFFER } });
    sim.advanceTo(20_001);
    expect(producer(sim).produced).toBeGreaterThan(before);
  });

  it('is no longer blocked once its rate is set to 0: the application stopped calling send()', () => {
    const sim = flooding({}, 1);
    sim.advanceTo(1_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(20_000);
    expect(sim.view().producers[0]!.blocked).toBe(true);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 });
    expect(sim.view().producers[0]!.blocked).toBe(false);
    sim.advanceTo(90_000);
    expect(sim.view().producers[0]!.blocked).toBe(false);
  });

  it('refuses a hand-sent record while the buffer is full, in words that say why', () => {
    const sim = flooding();
    sim.advanceTo(3_000);
    expect(producer(sim).blockedSinceMs).toBeGreaterThanOrEqual(0);
    const { result } = sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'by hand' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(
      /buffer\.memory \(4000 bytes\) is full .* send\(\) would block for up to max\.block\.ms \(60000 ms\)/,
    );
  });

  it('with max.block.ms=0, throws at once and keeps trying at its rate', () => {
    const sim = flooding({ 'max.block.ms': 0 });
    const events = sim.advanceTo(5_000);
    expect(producer(sim).blockedSinceMs).toBe(-1);
    expect(events.some((e) => e.type === 'produceFailed' && /max blocking time 0 ms/.test(e.text))).toBe(
      true,
    );
    expect(producer(sim).bufferedBytes).toBeLessThanOrEqual(BUFFER + 200);
  });
});
