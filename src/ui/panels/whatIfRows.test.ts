import { describe, expect, it } from 'vitest';
import type { AuditView } from '../../engine/index';
import type { WhatIfResult } from '../../engine/worker/host';
import { headline, tone, whatIfRows } from './whatIfRows';

const audit = (over: Partial<AuditView> = {}): AuditView => ({
  produced: 61,
  acknowledged: 59,
  committed: 59,
  lost: 0,
  duplicated: 0,
  reordered: 0,
  failed: 0,
  aborted: 0,
  explanations: [],
  ...over,
});

const result = (over: Partial<WhatIfResult>): WhatIfResult => ({
  id: 'acks=1',
  atMs: 30_000,
  changed: ['producer checkout'],
  base: audit(),
  variant: audit(),
  baseGroups: null,
  variantGroups: null,
  error: null,
  open: null,
  ...over,
});

describe('what-if rows and answer', () => {
  it('leads with what got worse, in the audit’s words, before what merely changed', () => {
    const rows = whatIfRows(result({ variant: audit({ acknowledged: 60, lost: 3, reordered: 1 }) }));
    expect(headline('acks=1', rows)).toBe('With acks=1: 3 lost (this run 0), 1 reordered (this run 0).');
    expect(tone(rows.find((r) => r.name === 'lost')!)).toBe('worse');
    // Acknowledging more is not judged: acks=1 acknowledges sooner and loses some of it.
    expect(tone(rows.find((r) => r.name === 'acknowledged')!)).toBe('');
  });

  it('says what changed when nothing judged did, and that nothing did when so', () => {
    const more = whatIfRows(
      result({ id: 'min.insync.replicas=1', variant: audit({ acknowledged: 70, committed: 70 }) }),
    );
    expect(headline('min.insync.replicas=1', more)).toBe(
      'With min.insync.replicas=1: 70 acknowledged (this run 59), 70 committed (this run 59).',
    );
    expect(headline('acks=0', whatIfRows(result({})))).toBe(
      'With acks=0: the same outcome, every number below is equal.',
    );
  });

  it('adds the consumer groups’ rows when the run has groups, lag judged', () => {
    const rows = whatIfRows(
      result({
        id: 'group.protocol=consumer',
        baseGroups: { consumed: 172, lag: 27, redelivered: 0 },
        variantGroups: { consumed: 164, lag: 64, redelivered: 0 },
      }),
    );
    expect(rows.map((r) => r.name).slice(-3)).toEqual(['consumed', 'lag now', 'redelivered']);
    expect(headline('group.protocol=consumer', rows)).toBe(
      'With group.protocol=consumer: 64 lag now (this run 27).',
    );
    expect(tone(rows.find((r) => r.name === 'lag now')!)).toBe('worse');
    expect(whatIfRows(result({})).some((r) => r.name === 'consumed')).toBe(false);
  });
});
