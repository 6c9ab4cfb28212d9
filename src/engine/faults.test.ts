// Fault schedules against Kafka's published guarantees (docs/design.html, ProducerConfig.ACKS_DOC):
// with RF 3, min.insync.replicas=2, acks=all and clean election no acknowledged record is lost and
// per-key order holds; with acks=1 or unclean election records can be lost, and the audit says how many.
import { describe, expect, it } from 'vitest';
import { runChaos, type ChaosOptions } from './testing/chaos';

const base: ChaosOptions = { acks: 'all', unclean: false, idempotence: true, durationMs: 30_000, faults: 10 };
const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i);

describe('acks=all, min.insync.replicas=2, clean election', () => {
  it.each(SEEDS)('with seed %i: no acknowledged record is lost or reordered', (seed) => {
    const r = runChaos(seed, base);
    const replay = JSON.stringify(r.log);
    expect(r.acknowledged, `seed ${seed}`).toBeGreaterThan(0);
    expect(r.lost, `seed ${seed}: ${replay}`).toBe(0);
    expect(r.recountedLost, `seed ${seed}: ${replay}`).toBe(0);
    expect(r.reordered, `seed ${seed}: ${replay}`).toBe(0);
    expect(r.duplicated, `seed ${seed}: idempotence on: ${replay}`).toBe(0);
    expect(r.deterministic, `seed ${seed}`).toBe(true);
  });
});

describe.each([
  ['acks=1', { ...base, acks: 1 as const }],
  ['unclean election', { ...base, unclean: true }],
])('%s', (_name, options) => {
  it('loses records under some schedules, and the audit matches an independent recount every time', () => {
    let lostSomewhere = 0;
    for (const seed of SEEDS) {
      const r = runChaos(seed, options);
      expect(r.lost, `seed ${seed}: ${JSON.stringify(r.log)}`).toBe(r.recountedLost);
      lostSomewhere += r.lost > 0 ? 1 : 0;
    }
    expect(lostSomewhere).toBeGreaterThan(0);
  });
});
