import { describe, expect, it } from 'vitest';
import { ENGINE_BEHAVIOUR_VERSION } from '../../engine/index';
import { decodeShareLink, encodeShareLink, type DecodeResult } from '../../scenarios/link/index';
import { packRun } from '../../scenarios/link/layout';
import { legacyV0, rawV1, rawV2 } from '../../scenarios/link/testing/links';
import { realisticRun } from '../../scenarios/link/testing/runs';
import { engineNote, originNote } from './linkNotes';

const EARLIER =
  'This link was made with an earlier version of Kafkascope (engine behaviour 1; this one is 2). It replays the same actions, but some numbers may differ from what its sender saw.';
const NEWER =
  'This link was made with a newer version of Kafkascope (engine behaviour 3; this one is 2). It replays the same actions, but some numbers may differ from what its sender saw.';

const opened = (payload: string): Extract<DecodeResult, { ok: true }> => {
  const result = decodeShareLink(payload);
  if (!result.ok) throw new Error(result.error);
  return result;
};

describe('the note about the engine that made a link', () => {
  it('says nothing for a link made with this engine behaviour', () => {
    expect(engineNote(undefined, 2)).toBe('');
    expect(engineNote(2, 2)).toBe('');
  });

  it('says that a link from an earlier engine replays the same actions, with numbers that may differ', () => {
    expect(engineNote(1, 2)).toBe(EARLIER);
  });

  it('says the same of a link from a newer engine, naming it newer', () => {
    expect(engineNote(3, 2)).toBe(NEWER);
  });

  it('shows the engine note instead of the format note, which it says more than', () => {
    expect(originNote({ migratedFrom: 0, otherEngineVersion: 1 }, 2)).toBe(EARLIER);
    expect(originNote({ migratedFrom: 1 }, 2)).toBe(
      'The link was made by an older version of Kafkascope (format v1) and was converted.',
    );
    expect(originNote({}, 2)).toBe('');
  });
});

describe('the note for links as they arrive', () => {
  const run = realisticRun(5);

  it('a link made here has none', () => {
    expect(originNote(opened(encodeShareLink(run)))).toBe('');
  });

  it('every link made before versions were recorded (v1, v0) gets the earlier-engine note', () => {
    const earlier = engineNote(1, ENGINE_BEHAVIOUR_VERSION);
    expect(earlier).toMatch(
      /^This link was made with an earlier version of Kafkascope \(engine behaviour 1;/,
    );
    expect(originNote(opened(rawV1(packRun(run))))).toBe(earlier);
    expect(originNote(opened(legacyV0({ scenario: 'orders', seed: 1, position: 0, log: [] })))).toBe(earlier);
  });

  it('a link from a newer engine gets the newer-engine note', () => {
    const newer = ENGINE_BEHAVIOUR_VERSION + 1;
    expect(originNote(opened(rawV2([newer, packRun(run)])))).toBe(
      engineNote(newer, ENGINE_BEHAVIOUR_VERSION),
    );
    expect(engineNote(newer)).toContain('a newer version of Kafkascope');
  });
});
