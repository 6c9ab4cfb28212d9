// The static-membership toggle travels in share links: code 23, consumer id then group.instance.id.
import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink, type ShareRun } from './index';
import { packRun } from './layout';

const run = (groupInstanceId: string | null): ShareRun => ({
  scenario: 'orders',
  seed: 42,
  positionMs: 9_000,
  actions: [
    { atMs: 4_000, command: { type: 'setGroupInstanceId', consumerId: 'billing-1', groupInstanceId } },
  ],
});

describe('setGroupInstanceId in a share link', () => {
  it('packs as code 23 with both fields, and comes back identical for a static and a dynamic member', () => {
    expect(packRun(run('billing-1'))[3]).toEqual([[4_000, 23, 'billing-1', 'billing-1']]);
    expect(packRun(run(null))[3]).toEqual([[4_000, 23, 'billing-1', null]]);
    for (const r of [run('billing-1'), run(null)])
      expect(decodeShareLink(encodeShareLink(r))).toStrictEqual({ ok: true, run: r });
  });

  it('refuses to share the command without its group.instance.id, saying why', () => {
    const bad = {
      ...run(null),
      actions: [{ atMs: 0, command: { type: 'setGroupInstanceId', consumerId: 'c' } }],
    };
    expect(() => encodeShareLink(bad as unknown as ShareRun)).toThrow(
      'Action 1 (setGroupInstanceId) has no groupInstanceId',
    );
  });
});
