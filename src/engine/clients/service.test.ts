// Services: event-driven orchestration, dead-letter topics and head-of-line blocking.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import type { SimulationSetup } from '../setup';
import { recordsOf } from '../log/replicaLog';

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
});
