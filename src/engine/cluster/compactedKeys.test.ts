// A compacted topic refuses records without a key (LogValidator.validateKey): the leader answers the batch
// with INVALID_RECORD, "Compacted topic cannot accept message without key in topic partition …", and the
// producer fails it without retrying (InvalidRecordException is not retriable). Keyed records are fine.
import { describe, expect, it } from 'vitest';
import type { CleanupPolicy } from '../types';
import { cluster } from '../testing/harness';

function compacted(policy: CleanupPolicy, keys: 'null' | 'keyed') {
  return cluster(3)
    .topic('c', 1, 3, { config: { 'cleanup.policy': policy } })
    .producer({
      id: 'p',
      topic: 'c',
      ratePerSec: 10,
      keys: keys === 'null' ? { kind: 'null' } : { kind: 'cycle', keys: ['a', 'b'] },
    })
    .build();
}

describe('a compacted topic and null keys', () => {
  it.each(['compact', 'compact,delete'] as const)(
    'cleanup.policy=%s refuses them, and nothing is written',
    (policy) => {
      const sim = compacted(policy, 'null');
      sim.advanceTo(5_000);
      const v = sim.view();
      expect(v.partitions[0]!.highWatermark).toBe(0);
      expect(v.audit.acknowledged).toBe(0);
      expect(v.audit.failed).toBeGreaterThan(20);
      expect(
        v.events.some(
          (e) =>
            e.text ===
            'INVALID_RECORD: Compacted topic cannot accept message without key in topic partition c-0.',
        ),
      ).toBe(true);
      // Not retried: each record fails after its first attempt.
      expect(v.events.some((e) => /gave up on record \d+: INVALID_RECORD\.$/.test(e.text))).toBe(true);
    },
  );

  it('accepts keyed records, and delete alone accepts null keys', () => {
    const keyed = compacted('compact', 'keyed');
    keyed.advanceTo(5_000);
    expect(keyed.view().audit.failed).toBe(0);
    expect(keyed.view().partitions[0]!.highWatermark).toBeGreaterThan(20);
    const plain = compacted('delete', 'null');
    plain.advanceTo(5_000);
    expect(plain.view().audit.failed).toBe(0);
  });
});
