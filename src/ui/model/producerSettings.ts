// A producer's current settings (key distribution, rate, configs) and which producers were removed.
// The view carries only a few of them, so they are derived from the scenario plus the command log up to
// the current time: deterministic, and right after a rewind or a fork as well.
import {
  resolveProducerConfig,
  type KeyStrategy,
  type LoggedCommand,
  type ProducerConfig,
} from '../../engine/index';
import type { Scenario } from '../../scenarios/index';

export interface ProducerSettings {
  topic: string;
  ratePerSec: number;
  keys: KeyStrategy;
  config: ProducerConfig;
  /** What was set explicitly: a default enable.idempotence turns itself off for acks other than all. */
  originals: Partial<ProducerConfig>;
}

export function producerSettings(
  scenario: Scenario,
  log: readonly LoggedCommand[],
  nowMs: number,
): Map<string, ProducerSettings> {
  const out = new Map<string, ProducerSettings>();
  for (const p of scenario.producers)
    out.set(p.id, {
      topic: p.topic,
      ratePerSec: p.ratePerSec,
      keys: p.keys,
      ...configs(withoutUndefined(p.config ?? {})),
    });
  for (const { atMs, command: c } of log) {
    if (atMs > nowMs) break;
    if (c.type === 'addProducer' && !out.has(c.producer.id)) {
      out.set(c.producer.id, {
        topic: c.producer.topic,
        ratePerSec: c.producer.ratePerSec,
        keys: c.producer.keys,
        ...configs(c.producer.config ?? {}),
      });
    } else if (c.type === 'setProducerConfig') {
      const s = out.get(c.producerId);
      if (!s) continue;
      out.set(c.producerId, {
        ...s,
        ...configs({ ...s.originals, ...c.config }),
        ...(c.ratePerSec !== undefined ? { ratePerSec: c.ratePerSec } : {}),
        ...(c.keys ? { keys: c.keys } : {}),
      });
    } else if (c.type === 'removeProducer') {
      out.delete(c.producerId);
    }
  }
  return out;
}

function configs(originals: Partial<ProducerConfig>): Pick<ProducerSettings, 'config' | 'originals'> {
  return { config: resolveProducerConfig(originals).config, originals };
}

/**
 * Node ids of the producers and consumers removed by a command at or before `nowMs`: the diagram no
 * longer draws them. (A crashed consumer is not removed: it stays in its group until its session ends.)
 */
export function removedClients(log: readonly LoggedCommand[], nowMs: number): Set<string> {
  const removed = new Set<string>();
  for (const { atMs, command: c } of log) {
    if (atMs > nowMs) break;
    if (c.type === 'removeProducer') removed.add(`producer-${c.producerId}`);
    else if (c.type === 'removeConsumer') removed.add(`consumer-${c.consumerId}`);
    else if (c.type === 'restartConsumer' || c.type === 'addConsumer')
      removed.delete(`consumer-${c.consumerId}`);
  }
  return removed;
}

export function describeKeys(keys: KeyStrategy): string {
  switch (keys.kind) {
    case 'cycle':
      return `keys ${keys.keys.join(', ')} in turn`;
    case 'random':
      return `random key of ${keys.keys.length}`;
    case 'null':
      return 'no key (sticky partitioner)';
    case 'unique':
      return 'a new key per record';
  }
}

function withoutUndefined<T extends object>(o: T): Partial<ProducerConfig> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<ProducerConfig>;
}
