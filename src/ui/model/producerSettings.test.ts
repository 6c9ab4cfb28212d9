import { describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/index';
import type { LoggedCommand } from '../../engine/index';
import { describeKeys, producerSettings, removedClients } from './producerSettings';
import { nextConsumerId, nextProducerId } from './ids';

const orders = findScenario('orders')!;

describe('settings and names derived from the command log', () => {
  const log: LoggedCommand[] = [
    {
      atMs: 1_000,
      command: {
        type: 'setProducerConfig',
        producerId: 'checkout',
        config: { acks: 1 },
        keys: { kind: 'null' },
      },
    },
    { atMs: 2_000, command: { type: 'addConsumer', groupId: 'billing', consumerId: 'billing-2' } },
    { atMs: 3_000, command: { type: 'removeConsumer', consumerId: 'billing-2' } },
    { atMs: 4_000, command: { type: 'removeProducer', producerId: 'checkout' } },
  ];

  it('reads a producer’s keys and configs as of the current time', () => {
    expect(producerSettings(orders, log, 500).get('checkout')!.config.acks).toBe('all');
    const later = producerSettings(orders, log, 1_000).get('checkout')!;
    expect(later.config.acks).toBe(1);
    expect(describeKeys(later.keys)).toBe('no key (sticky partitioner)');
    expect(producerSettings(orders, log, 4_000).has('checkout')).toBe(false);
  });

  it('hides removed clients from the time they were removed (a rewind brings them back)', () => {
    expect([...removedClients(log, 2_500)]).toEqual([]);
    expect([...removedClients(log, 3_000)]).toEqual(['consumer-billing-2']);
    expect([...removedClients(log, 9_000)].sort()).toEqual(['consumer-billing-2', 'producer-checkout']);
  });

  it('never reuses a name the engine has seen, even of a member that left', () => {
    expect(nextConsumerId('billing', orders, log, ['billing-1'])).toBe('billing-3');
    expect(nextProducerId(orders, log, ['checkout'])).toBe('producer-1');
  });
});
