// enable.idempotence as ProducerConfig.postProcessAndValidateIdempotenceConfigs resolves it (Kafka 3.0+,
// KIP-679): on by default; a default idempotence turns itself off, logging why, when acks is not all or
// retries is 0; an explicit enable.idempotence=true refuses those settings with a ConfigException.
import { describe, expect, it } from 'vitest';
import type { ProducerConfig } from '../types';
import { cluster } from '../testing/harness';
import { producerConfigProblem, resolveProducerConfig } from '../config';
import { leaderLog } from '../cluster/partition';
import { forEachRecord } from '../log/replicaLog';

function withProducer(config: Partial<ProducerConfig>) {
  return cluster(3)
    .topic('t', 1, 3, { config: { 'min.insync.replicas': 2 } })
    .producer({ id: 'p', topic: 't', ratePerSec: 50, keys: { kind: 'cycle', keys: ['a'] }, config })
    .build();
}

const idempotent = (sim: ReturnType<typeof withProducer>) => sim.view().producers[0]!.idempotence;
const notes = (sim: ReturnType<typeof withProducer>) =>
  sim
    .view()
    .events.filter((e) => e.type === 'idempotenceDisabled')
    .map((e) => e.text);

describe('enable.idempotence left at its default', () => {
  it('stays on with acks=all', () => {
    const sim = withProducer({});
    expect(idempotent(sim)).toBe(true);
    expect(notes(sim)).toEqual([]);
  });

  it.each([
    [{ acks: 1 } as const, "Idempotence will be disabled because acks is set to 1, not set to 'all'."],
    [{ acks: 0 } as const, "Idempotence will be disabled because acks is set to 0, not set to 'all'."],
    [{ retries: 0 }, 'Idempotence will be disabled because retries is set to 0.'],
  ])('turns itself off for %o and says so in Kafka’s log words', (config, text) => {
    const sim = withProducer(config);
    expect(idempotent(sim)).toBe(false);
    expect(notes(sim)).toEqual([`Producer p: ${text}`]);
    // Its batches carry no sequence numbers: the broker cannot drop a retried one.
    sim.advanceTo(2_000);
    const sequences: number[] = [];
    forEachRecord(leaderLog(sim.peekState().partitions['t-0']!)!, (r) => void sequences.push(r.sequence));
    expect(sequences.length).toBeGreaterThan(0);
    expect(new Set(sequences)).toEqual(new Set([-1]));
  });

  it('follows a later change of acks: off for acks=1, on again for acks=all', () => {
    const sim = withProducer({});
    expect(sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: { acks: 1 } }).result).toEqual({
      ok: true,
    });
    expect(idempotent(sim)).toBe(false);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: { acks: 'all' } });
    expect(idempotent(sim)).toBe(true);
  });
});

describe('enable.idempotence=true set explicitly', () => {
  it('refuses acks other than all and retries=0 with ProducerConfig’s ConfigException texts', () => {
    expect(producerConfigProblem({ 'enable.idempotence': true, acks: 1 })).toBe(
      'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
    );
    expect(producerConfigProblem({ 'enable.idempotence': true, retries: 0 })).toBe(
      'Must set retries to non-zero when using the idempotent producer.',
    );
    const sim = withProducer({});
    const refused = sim.dispatch({
      type: 'setProducerConfig',
      producerId: 'p',
      config: { 'enable.idempotence': true, acks: 0 },
    }).result;
    expect(refused).toEqual({ ok: false, error: expect.stringContaining('Must set acks to all') });
    expect(idempotent(sim)).toBe(true);
    expect(sim.view().producers[0]!.acks).toBe('all');
  });

  it('stays explicit across changes: acks=1 later is refused, not turned into a silent downgrade', () => {
    const sim = withProducer({ 'enable.idempotence': true });
    const r = sim.dispatch({ type: 'setProducerConfig', producerId: 'p', config: { acks: 1 } }).result;
    expect(r.ok).toBe(false);
  });

  it('a transactional.id with acks=1 loses its default idempotence, so Kafka names the transactional.id', () => {
    expect(producerConfigProblem({ 'transactional.id': 'tx', acks: 1 })).toBe(
      'Cannot set a transactional.id without also enabling idempotence.',
    );
    expect(resolveProducerConfig({ acks: 1, 'enable.idempotence': false }).note).toBeNull();
  });
});
