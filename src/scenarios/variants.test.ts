// What-if variants change one setting, where Kafka lets it change, and nothing else.
import { describe, expect, it } from 'vitest';
import type { Scenario } from './schema';
import { applyVariant, variantsFor } from './variants';

const base: Scenario = {
  version: 1,
  id: 'v',
  title: 'Variants',
  description: 'A test scenario.',
  seed: 1,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [
    { name: 'three', partitions: 1, replicationFactor: 3, config: { 'min.insync.replicas': 2 } },
    { name: 'one', partitions: 1, replicationFactor: 1 },
  ],
  producers: [
    { id: 'plain', topic: 'three', ratePerSec: 1, keys: { kind: 'null' } },
    {
      id: 'txn',
      topic: 'three',
      ratePerSec: 1,
      keys: { kind: 'null' },
      config: { 'transactional.id': 'tx' },
    },
  ],
  groups: [
    {
      groupId: 'coop',
      topic: 'three',
      config: { 'partition.assignment.strategy': ['cooperative-sticky'] },
      consumers: [{ id: 'c1' }],
    },
    {
      groupId: 'next',
      topic: 'three',
      config: { 'group.protocol': 'consumer', 'group.remote.assignor': 'range' },
      consumers: [{ id: 'n1' }],
    },
  ],
  steps: [{ id: 's', title: 'A step', narration: 'Narrated.', runForMs: 1_000 }],
};

const applied = (id: string) => {
  const a = applyVariant(base, [], id);
  if ('error' in a) throw new Error(a.error);
  return a;
};

describe('what-if variants', () => {
  it('leaves a transactional producer at acks=all with idempotence, as Kafka requires', () => {
    const a = applied('acks=1');
    expect(a.changed).toEqual(['producer plain']);
    expect(a.scenario.producers[0]!.config).toEqual({ acks: 1, 'enable.idempotence': false });
    expect(a.scenario.producers[1]!.config).toEqual({ 'transactional.id': 'tx' });
  });

  it('sets min.insync.replicas only on topics with that many replicas', () => {
    expect(applied('min.insync.replicas=3').changed).toEqual(['topic three']);
    expect(applied('min.insync.replicas=1').changed).toEqual(['topic three']);
    expect(variantsFor(base, []).map((v) => v.id)).not.toContain('min.insync.replicas=2');
  });

  it('drops the setting the other group protocol refuses or ignores', () => {
    const toConsumer = applied('group.protocol=consumer');
    expect(toConsumer.changed).toEqual(['group coop']);
    expect(toConsumer.scenario.groups[0]!.config).toEqual({ 'group.protocol': 'consumer' });
    const toClassic = applied('group.protocol=classic');
    expect(toClassic.changed).toEqual(['group next']);
    expect(toClassic.scenario.groups[1]!.config).toEqual({ 'group.protocol': 'classic' });
    // The assignor applies to classic groups only.
    expect(applied('partition.assignment.strategy=range').changed).toEqual(['group coop']);
  });

  it('opens as a sandbox named after the change, and says why it cannot be otherwise', () => {
    const a = applied('unclean.leader.election.enable=true');
    expect(a.scenario.title).toBe('Variants (what if unclean.leader.election.enable=true)');
    expect(a.scenario.steps).toBeUndefined();
    expect(a.scenario.description).toMatch(/^What if: Every topic allows unclean leader election/);
    expect(applyVariant(base, [], 'acks=2')).toEqual({ error: 'There is no what-if called "acks=2".' });
    expect(applyVariant(base, [], 'unclean.leader.election.enable=false')).toEqual({
      error: 'unclean.leader.election.enable=false is already what this run uses.',
    });
  });
});
