// A link says which engine behaviour made it (src/engine/version.ts): new links carry this engine's,
// links from before versions were recorded read as 1, and a link from any other engine still opens,
// with the difference reported so that the UI can say its numbers may differ.
import { describe, expect, it } from 'vitest';
import { ENGINE_BEHAVIOUR_VERSION } from '../../engine/index';
import { decodeShareLink, encodeShareLink, type ShareRun } from './index';
import { unseal } from './envelope';
import { packRun } from './layout';
import { legacyV0, rawV1, rawV2 } from './testing/links';
import { realisticRun } from './testing/runs';

const run: ShareRun = realisticRun(12);

const errorOf = (payload: string): string => {
  const result = decodeShareLink(payload);
  if (result.ok) throw new Error(`expected an error for ${payload.slice(0, 80)}`);
  return result.error;
};

describe('the engine behaviour version in a link', () => {
  it('a new link carries this engine’s version in front of the run, and opens here without a note', () => {
    const payload = encodeShareLink(run);
    expect(payload.startsWith('v2.')).toBe(true);
    expect(unseal(payload.slice('v2.'.length))).toStrictEqual({
      ok: true,
      value: [ENGINE_BEHAVIOUR_VERSION, packRun(run)],
    });
    expect(decodeShareLink(payload)).toStrictEqual({ ok: true, run });
  });

  it('a v1 link, made before versions were recorded, opens as the same run made by engine behaviour 1', () => {
    expect(decodeShareLink(rawV1(packRun(run)))).toStrictEqual({
      ok: true,
      run,
      migratedFrom: 1,
      otherEngineVersion: 1,
    });
    const lesson: ShareRun = {
      ...run,
      scenario: 'taxi-booking',
      lesson: { index: 0, starts: [1], ends: [] },
    };
    expect(decodeShareLink(rawV1(packRun(lesson)))).toMatchObject({ ok: true, otherEngineVersion: 1 });
  });

  it('a v0 link is engine behaviour 1 too', () => {
    const doc = { scenario: 'orders', seed: 3, position: 0, log: [] };
    expect(decodeShareLink(legacyV0(doc))).toStrictEqual({
      ok: true,
      run: { scenario: 'orders', seed: 3, positionMs: 0, actions: [] },
      migratedFrom: 0,
      otherEngineVersion: 1,
    });
  });

  it('a link from a newer engine opens, and says which', () => {
    const newer = ENGINE_BEHAVIOUR_VERSION + 1;
    expect(decodeShareLink(rawV2([newer, packRun(run)]))).toStrictEqual({
      ok: true,
      run,
      otherEngineVersion: newer,
    });
  });

  it('re-sharing an old link gives a link of this engine (the run on screen is this engine’s)', () => {
    const opened = decodeShareLink(rawV1(packRun(run)));
    expect(opened.ok && decodeShareLink(encodeShareLink(opened.run))).toStrictEqual({ ok: true, run });
  });

  it.each([
    [0, '0'],
    [-1, '-1'],
    [1.5, '1.5'],
    ['2', '"2"'],
    [null, 'null'],
  ])('refuses engine behaviour version %j with a sentence', (version, quoted) => {
    expect(errorOf(rawV2([version, packRun(run)]))).toBe(
      `The link's engine behaviour version must be a whole number, 1 or more, not ${quoted}.`,
    );
  });

  it('reports a bad run inside a v2 link as it would in a v1 link', () => {
    expect(errorOf(rawV2([2, ['orders', 'forty-two', 0, []]]))).toBe(
      errorOf(rawV1(['orders', 'forty-two', 0, []])),
    );
    expect(errorOf(rawV2([2, ['orders', 1, 0, [[0, 0]]]]))).toBe('Action 1 (killBroker) has no brokerId.');
  });

  it('a v2 link of the wrong shape, or with more parts than this version reads', () => {
    expect(errorOf(rawV2(['orders', 1, 0, []]))).toMatch(
      /^The link's data is not a Kafkascope run \(expected \[engine version, run\]\): found \["orders",1,0,\[\]\]\.$/,
    );
    expect(errorOf(rawV2({ engineVersion: 2 }))).toMatch(/expected \[engine version, run\]/);
    expect(errorOf(rawV2([2, packRun(run), 'future']))).toBe(
      'This link was made by a newer version of Kafkascope: it has 3 parts, and this version reads up to 2. Open it with the version that made it.',
    );
  });

  it('a v0 link that already has an engineVersion field is refused, not overwritten', () => {
    const doc = { scenario: 'orders', seed: 1, position: 0, log: [], engineVersion: 2 };
    expect(errorOf(legacyV0(doc))).toBe(`The link's data has an unexpected field "engineVersion".`);
  });
});
