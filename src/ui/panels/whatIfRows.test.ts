import { describe, expect, it } from 'vitest';
import type { AuditView } from '../../engine/index';
import type { WhatIfResult } from '../../engine/worker/host';
import { headline, suggestedWhatIf, tone, whatIfRows } from './whatIfRows';

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

describe('the what-if a loss suggests', () => {
  it('names the setting that would have kept the record, from the audit’s explanation', () => {
    expect(
      suggestedWhatIf(
        'acks=1: leader 1 acknowledged offset 5 of orders-0 and lost leadership before any follower fetched it.',
      ),
    ).toBe('acks=all');
    expect(
      suggestedWhatIf('acks=0: the producer counted record 178 as sent, but broker 1 never received it.'),
    ).toBe('acks=all');
    expect(
      suggestedWhatIf(
        'unclean leader election: broker 3 became leader of t-0 (epoch 2) without offset 4 of t-0; broker 1, the last replica that held it, truncated it.',
      ),
    ).toBe('unclean.leader.election.enable=false');
    expect(
      suggestedWhatIf(
        'acks=all with only the leader in the ISR (min.insync.replicas=1): broker 2 alone held offset 3 of t-0.',
      ),
    ).toBe('min.insync.replicas=2');
    expect(
      suggestedWhatIf('offset 3 of t-0 was acknowledged with acks=all, then removed from every replica.'),
    ).toBeNull();
  });
});
