// Services: event-driven orchestration, dead-letter topics and head-of-line blocking.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import type { ServiceSetup, SimulationSetup } from '../setup';
import { recordsOf } from '../log/replicaLog';
import { isPoisonPill } from './service';
import { partitionForKey } from './murmur2';

function shop(deadLetterTopic: string | null): Simulation {
  const setup: SimulationSetup = {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    topics: [
      { name: 'order_placed', partitions: 1, replicationFactor: 3 },
      { name: 'inventory_reserved', partitions: 1, replicationFactor: 3 },
      { name: 'orders-dlq', partitions: 1, replicationFactor: 3 },
    ],
    producers: [{ id: 'web', topic: 'order_placed', ratePerSec: 0, keys: { kind: 'null' } }],
    groups: [],
    services: [
      {
        id: 'inventory',
        inputTopic: 'order_placed',
        outputTopic: 'inventory_reserved',
        deadLetterTopic,
        valueTemplate: '{"orderId":"{key}","status":"reserved"}',
        poisonKeys: ['O-bad'],
        maxRetries: 2,
      },
    ],
  };
  const sim = Simulation.create(setup, 1);
  for (const key of ['O-1', 'O-2', 'O-bad', 'O-3', 'O-4'])
    sim.dispatch({ type: 'produce', producerId: 'web', key });
  sim.advanceTo(15_000);
  return sim;
}

const leo = (sim: Simulation, partition: string) =>
  sim.view().partitions.find((p) => p.id === partition)!.logEndOffset;

describe('services', () => {
  it('produce one output record per input record, keeping the key', () => {
    const sim = shop('orders-dlq');
    const out =
      sim.peekState().partitions['inventory_reserved-0']!.logs[
        sim.view().partitions.find((p) => p.id === 'inventory_reserved-0')!.leader
      ]!;
    expect(recordsOf(out).map((r) => r.key)).toEqual(['O-1', 'O-2', 'O-3', 'O-4']);
    expect(recordsOf(out)[0]!.value).toBe('{"orderId":"O-1","status":"reserved"}');
  });

  it('send a poison pill to the dead-letter topic after its retries, then move on', () => {
    const sim = shop('orders-dlq');
    expect(leo(sim, 'orders-dlq-0')).toBe(1);
    expect(leo(sim, 'inventory_reserved-0')).toBe(4);
    expect(
      sim.view().events.some((e) => e.type === 'deadLettered' && e.text.includes('after 3 attempts')),
    ).toBe(true);
  });

  it('block everything behind a poison pill without a dead-letter topic (head-of-line blocking)', () => {
    const sim = shop(null);
    expect(leo(sim, 'inventory_reserved-0')).toBe(2);
    const group = sim.view().groups.find((g) => g.groupId === 'inventory')!;
    expect(group.partitions[0]!.position).toBe(2);
    expect(sim.view().events.filter((e) => e.type === 'serviceStuck')).toHaveLength(1);
  });

  it('write the dead letter only once the retries are spent, and hold the records behind it meanwhile', () => {
    const setup: SimulationSetup = {
      brokers: [{ id: 1 }],
      topics: [
        { name: 'in', partitions: 1, replicationFactor: 1 },
        { name: 'out', partitions: 1, replicationFactor: 1 },
        { name: 'dlt', partitions: 1, replicationFactor: 1 },
      ],
      producers: [{ id: 'web', topic: 'in', ratePerSec: 0, keys: { kind: 'null' } }],
      groups: [],
      services: [
        {
          id: 'svc',
          inputTopic: 'in',
          outputTopic: 'out',
          deadLetterTopic: 'dlt',
          maxRetries: 4,
          retryBackoffMs: 2_000,
        },
      ],
    };
    const sim = Simulation.create(setup, 3);
    sim.advanceTo(5_000);
    // A malformed payload (not JSON) is a poison pill, whatever its key.
    sim.dispatch({
      type: 'produce',
      producerId: 'web',
      key: 'O-1',
      value: '{"orderId":"O-1","total":12,50}',
    });
    sim.dispatch({ type: 'produce', producerId: 'web', key: 'O-1', value: '{"orderId":"O-1","event":"x"}' });
    sim.advanceTo(9_000);
    expect(leo(sim, 'dlt-0')).toBe(0);
    expect(leo(sim, 'out-0')).toBe(0);
    expect(sim.view().events.find((e) => e.type === 'processingFailed')?.text).toContain(
      'it retries it 4 more times, 2000 ms apart',
    );
    sim.advanceTo(16_000);
    expect(leo(sim, 'dlt-0')).toBe(1);
    expect(leo(sim, 'out-0')).toBe(1);
    const dead = sim.view().events.find((e) => e.type === 'deadLettered')!;
    expect(dead.atMs).toBeGreaterThanOrEqual(5_000 + 4 * 2_000);
    expect(dead.text).toContain('after 5 attempts');
  });

  it('move on once a dead-letter producer named <service>-dlq is added to a stuck service', () => {
    const sim = shop(null);
    expect(leo(sim, 'inventory_reserved-0')).toBe(2);
    sim.dispatch({
      type: 'addProducer',
      producer: { id: 'inventory-dlq', topic: 'orders-dlq', ratePerSec: 0, keys: { kind: 'null' } },
    });
    sim.advanceTo(20_000);
    expect(leo(sim, 'orders-dlq-0')).toBe(1);
    expect(leo(sim, 'inventory_reserved-0')).toBe(4);
    // Removing it again leaves the next poison pill stuck.
    sim.dispatch({ type: 'removeProducer', producerId: 'inventory-dlq' });
    sim.dispatch({ type: 'produce', producerId: 'web', key: 'O-bad' });
    sim.dispatch({ type: 'produce', producerId: 'web', key: 'O-5' });
    sim.advanceTo(25_000);
    expect(leo(sim, 'orders-dlq-0')).toBe(1);
    expect(leo(sim, 'inventory_reserved-0')).toBe(4);
  });

  it('block only the partition with the poison pill when each partition has its own instance', () => {
    const setup: SimulationSetup = {
      brokers: [{ id: 1 }],
      topics: [
        { name: 'in', partitions: 2, replicationFactor: 1 },
        { name: 'out', partitions: 2, replicationFactor: 1 },
      ],
      producers: [{ id: 'web', topic: 'in', ratePerSec: 0, keys: { kind: 'null' } }],
      groups: [],
      services: [{ id: 'svc', inputTopic: 'in', outputTopic: 'out', instances: 2, poisonKeys: ['bad'] }],
    };
    const sim = Simulation.create(setup, 5);
    sim.advanceTo(5_000);
    sim.dispatch({ type: 'produce', producerId: 'web', key: 'bad', partition: 0 });
    for (let i = 0; i < 10; i++) {
      sim.dispatch({ type: 'produce', producerId: 'web', key: `k${i}`, partition: 0 });
      sim.dispatch({ type: 'produce', producerId: 'web', key: `k${i}`, partition: 1 });
    }
    sim.advanceTo(20_000);
    const parts = sim.view().groups.find((g) => g.groupId === 'svc')!.partitions;
    expect(parts.find((p) => p.partitionId === 'in-0')!.lag).toBe(11);
    expect(parts.find((p) => p.partitionId === 'in-1')!.lag).toBe(0);
  });

  it('dead-letter to the failed record’s partition number when the dead-letter topic has it', () => {
    const setup = (dltPartitions: number): SimulationSetup => ({
      brokers: [{ id: 1 }],
      topics: [
        { name: 'in', partitions: 3, replicationFactor: 1 },
        { name: 'in.DLT', partitions: dltPartitions, replicationFactor: 1 },
      ],
      producers: [{ id: 'web', topic: 'in', ratePerSec: 0, keys: { kind: 'null' } }],
      groups: [],
      services: [{ id: 'svc', inputTopic: 'in', deadLetterTopic: 'in.DLT', maxRetries: 0 }],
    });
    const hws = (dltPartitions: number) => {
      const sim = Simulation.create(setup(dltPartitions), 9);
      sim.advanceTo(5_000);
      // 'a' hashes to partition 0 (murmur2), but the failed record sits on partition 2.
      sim.dispatch({ type: 'produce', producerId: 'web', key: 'a', value: 'oops', partition: 2 });
      sim.advanceTo(8_000);
      return sim
        .view()
        .partitions.filter((p) => p.topic === 'in.DLT')
        .map((p) => p.highWatermark);
    };
    expect(partitionForKey('a', 2)).toBe(0);
    expect(hws(3)).toEqual([0, 0, 1]);
    expect(hws(2)).toEqual([1, 0]);
  });

  it('start from earliest by default, as Kafka Streams does (StreamsConfig consumer default overrides), and from the high watermark with auto.offset.reset=latest', () => {
    const run = (config: ServiceSetup['config']) => {
      const setup: SimulationSetup = {
        brokers: [{ id: 1 }],
        topics: [
          { name: 'in', partitions: 1, replicationFactor: 1 },
          { name: 'out', partitions: 1, replicationFactor: 1 },
        ],
        producers: [{ id: 'web', topic: 'in', ratePerSec: 0, keys: { kind: 'null' } }],
        groups: [],
        services: [{ id: 'svc', inputTopic: 'in', outputTopic: 'out', ...(config ? { config } : {}) }],
      };
      const sim = Simulation.create(setup, 7);
      // Five records land before the service's group has its first assignment
      // (group.initial.rebalance.delay.ms), so nothing is committed when it first fetches.
      for (const key of ['O-1', 'O-2', 'O-3', 'O-4', 'O-5'])
        sim.dispatch({ type: 'produce', producerId: 'web', key });
      sim.advanceTo(10_000);
      sim.dispatch({ type: 'produce', producerId: 'web', key: 'O-6' });
      sim.dispatch({ type: 'produce', producerId: 'web', key: 'O-7' });
      sim.advanceTo(20_000);
      const out = sim.peekState().partitions['out-0']!.logs[1]!;
      return recordsOf(out).map((r) => r.key);
    };
    const all = ['O-1', 'O-2', 'O-3', 'O-4', 'O-5', 'O-6', 'O-7'];
    expect(run(undefined)).toEqual(all);
    expect(run({ 'auto.offset.reset': 'earliest' })).toEqual(all);
    expect(run({ 'auto.offset.reset': 'latest' })).toEqual(['O-6', 'O-7']);
  });

  it('treat a tombstone as processable and a JSON value as healthy', () => {
    const svc = { poisonKeys: ['bad'] };
    const rec = (key: string | null, value: string | null) =>
      ({ offset: 0, key, value }) as Parameters<typeof isPoisonPill>[1];
    expect(isPoisonPill(svc, rec('a', null))).toBe(false);
    expect(isPoisonPill(svc, rec('a', '{"ok":1}'))).toBe(false);
    expect(isPoisonPill(svc, rec('a', 'not json'))).toBe(true);
    expect(isPoisonPill(svc, rec('bad', '{"ok":1}'))).toBe(true);
  });

  it('stop taking input while its output producer is blocked on buffer.memory, like a Streams thread blocked in send()', () => {
    const setup: SimulationSetup = {
      brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
      clusterConfig: { networkLatencyMs: 2 },
      topics: [
        { name: 'in', partitions: 1, replicationFactor: 3 },
        // The output lives on broker 3 alone: once it dies, nothing the service writes is acknowledged.
        { name: 'out', partitions: 1, replicationFactor: 1, assignment: { 0: [3] } },
      ],
      producers: [{ id: 'web', topic: 'in', ratePerSec: 1_000, keys: { kind: 'null' } }],
      groups: [],
      services: [{ id: 'svc', inputTopic: 'in', outputTopic: 'out' }],
    };
    const sim = Simulation.create(setup, 1);
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'killBroker', brokerId: 3 });
    const events = sim.advanceTo(25_000);
    const state = sim.peekState();
    const out = state.producers[state.consumers[state.consumerIds[0]!]!.service!.outputProducerId!]!;
    // Bounded by buffer.memory (1 MiB) rather than by the ~23,000 records that arrived meanwhile.
    expect(out.bufferedBytes).toBeLessThanOrEqual(out.config['buffer.memory'] + 200);
    expect(out.queue.length).toBeLessThan(23_000 / 2);
    expect(events.some((e) => e.type === 'producerBlocked' && e.text.startsWith('Service svc:'))).toBe(true);
    // The input waits in Kafka instead: the service's lag grows.
    expect(sim.view().groups.find((g) => g.groupId === 'svc')!.totalLag).toBeGreaterThan(10_000);
    sim.dispatch({ type: 'restartBroker', brokerId: 3 });
    sim.advanceTo(60_000);
    expect(sim.view().producers.find((p) => p.id === out.id)!.blocked).toBe(false);
  });

  it('stop at a poison pill while its dead-letter producer is blocked on buffer.memory', () => {
    const setup: SimulationSetup = {
      brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
      clusterConfig: { networkLatencyMs: 2 },
      topics: [
        { name: 'in', partitions: 1, replicationFactor: 3 },
        { name: 'dlq', partitions: 1, replicationFactor: 1, assignment: { 0: [3] } },
      ],
      producers: [
        { id: 'web', topic: 'in', ratePerSec: 200, keys: { kind: 'cycle', keys: ['bad'] } },
        // The service's dead-letter producer, with a small buffer.
        {
          id: 'svc-dlq',
          topic: 'dlq',
          ratePerSec: 0,
          keys: { kind: 'null' },
          config: { 'buffer.memory': 2_000 },
        },
      ],
      groups: [],
      services: [{ id: 'svc', inputTopic: 'in', poisonKeys: ['bad'], maxRetries: 0, retryBackoffMs: 0 }],
    };
    const sim = Simulation.create(setup, 1);
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'killBroker', brokerId: 3 });
    const events = sim.advanceTo(20_000);
    const dlq = sim.peekState().producers['svc-dlq']!;
    expect(dlq.bufferedBytes).toBeLessThanOrEqual(2_000 + 300);
    expect(events.some((e) => e.type === 'producerBlocked' && e.text.includes('svc-dlq'))).toBe(true);
    expect(sim.view().groups.find((g) => g.groupId === 'svc')!.totalLag).toBeGreaterThan(2_000);
  });
});
