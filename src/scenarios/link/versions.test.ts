// Old links keep working: a link in a legacy format is read in its own format and migrated step by step.
import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink, SHARE_LINK_VERSION, type ShareRun } from './index';
import { legacyV0 } from './testing/links';
import { orders, realisticRun } from './testing/runs';
import { MIGRATIONS, READERS } from './versions';

/** The same run as the legacy v0 format wrote it. */
const asV0 = (run: ShareRun) =>
  legacyV0({
    scenario: run.scenario,
    seed: run.seed,
    position: run.positionMs,
    log: run.actions.map(({ atMs, command }) => ({ at: atMs, command })),
  });

describe('format versions', () => {
  it('has a reader for every version up to the current one and a migration out of every older one', () => {
    for (let v = 0; v <= SHARE_LINK_VERSION; v++)
      expect(READERS[v], `reader for v${v}`).toBeTypeOf('function');
    for (let v = 0; v < SHARE_LINK_VERSION; v++)
      expect(MIGRATIONS[v], `migration v${v}→v${v + 1}`).toBeTypeOf('function');
  });

  it('a legacy v0 link opens as the same run, and says it was migrated', () => {
    const run = realisticRun(30);
    expect(decodeShareLink(asV0(run))).toStrictEqual({
      ok: true,
      run,
      migratedFrom: 0,
      otherEngineVersion: 1,
    });
    expect(decodeShareLink(encodeShareLink(run))).toStrictEqual({ ok: true, run });
  });

  it('a legacy v0 link with an inline scenario opens too', () => {
    const run: ShareRun = {
      scenario: { ...orders, title: 'Old lesson' },
      seed: 5,
      actions: [],
      positionMs: 3000,
    };
    expect(decodeShareLink(asV0(run))).toStrictEqual({
      ok: true,
      run,
      migratedFrom: 0,
      otherEngineVersion: 1,
    });
  });

  it('a bad action in a v0 link is reported like one in a v1 link', () => {
    const log = [{ at: 10, command: { type: 'killBroker' } }];
    expect(decodeShareLink(legacyV0({ scenario: 'orders', seed: 1, position: 0, log }))).toStrictEqual({
      ok: false,
      error: 'Action 1 (killBroker) has no brokerId.',
    });
  });

  it('a v0 link that already has a field under its new name is refused, not overwritten', () => {
    const doc = { scenario: 'orders', seed: 1, position: 0, positionMs: 99, log: [] };
    expect(decodeShareLink(legacyV0(doc))).toStrictEqual({
      ok: false,
      error: `The link's data has an unexpected field "positionMs".`,
    });
  });

  it('a v0 link whose data is not an object says so', () => {
    expect(decodeShareLink(legacyV0(5))).toStrictEqual({
      ok: false,
      error: "The link's data is not a Kafkascope run: found 5.",
    });
  });
});
