// Links arrive from anywhere: cut off by a chat app, mangled by a mail client, or written by hand to
// break things. Whatever arrives, decoding answers with a run that validates or with a sentence, and
// never throws. Mutations are plain data so that a failing case prints as something readable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINE_BEHAVIOUR_VERSION } from '../../engine/index';
import { decodeShareLink, encodeShareLink, validateShareRun, type ShareRun } from './index';
import { UNEXPECTED } from './codec';
import { packRun } from './layout';
import { URI_ALPHABET } from './lz';
import { legacyV0, rawV1, rawV2 } from './testing/links';
import { HOSTILE_TITLES, orders, realisticRun } from './testing/runs';

const SEED = 12345;
const RUNS = 10_000;

const runs: ShareRun[] = [
  ...[1, 2, 3, 4].map((seed) => realisticRun(10 + 10 * seed, seed)),
  { ...realisticRun(8, 9), scenario: { ...orders, id: 'custom', title: HOSTILE_TITLES[0]! } },
  { scenario: 'orders', seed: 0, actions: [], positionMs: 0 },
];
const v0 = (run: ShareRun) =>
  legacyV0({
    scenario: run.scenario,
    seed: run.seed,
    position: run.positionMs,
    log: run.actions.map(({ atMs, command }) => ({ at: atMs, command })),
  });
const links = [...runs.map((run) => encodeShareLink(run)), rawV1(packRun(runs[1]!)), v0(runs[0]!)];

const anyChar = fc.oneof(
  fc.constantFrom(...URI_ALPHABET, '.', '%', ' ', '#', '"', '<'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const edit = fc.oneof(
  fc.record({ truncateAt: fc.nat() }),
  fc.record({ replaceAt: fc.nat(), char: anyChar }),
  fc.record({ insertAt: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 8 }) }),
  fc.record({ deleteAt: fc.nat(), count: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    prefix: fc.constantFrom(
      '',
      'v0.',
      'v1.',
      'v2.',
      'v1',
      'V1.',
      'v01.',
      'v-1.',
      'v999999999.',
      'v1.v1.',
      '#run=',
    ),
  }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function applyEdit(link: string, e: Edit): string {
  const at = (n: number) => n % (link.length + 1);
  if ('truncateAt' in e) return link.slice(0, at(e.truncateAt));
  if ('replaceAt' in e) return link.slice(0, at(e.replaceAt)) + e.char + link.slice(at(e.replaceAt) + 1);
  if ('insertAt' in e) return link.slice(0, at(e.insertAt)) + e.text + link.slice(at(e.insertAt));
  if ('deleteAt' in e) return link.slice(0, at(e.deleteAt)) + link.slice(at(e.deleteAt) + e.count);
  return e.prefix + link.replace(/^v[0-9]+\./, '');
}

/** A packed run with one value swapped for arbitrary JSON. */
const reshapedRun = fc
  .record({ run: fc.nat(), action: fc.nat(), slot: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) })
  .map(({ run, action, slot, value }) => {
    const packed = packRun(runs[run % runs.length]!) as unknown[];
    const tuples = packed[3] as unknown[][];
    if (tuples.length === 0 || slot % 5 === 0) packed[slot % 4] = value;
    else {
      const tuple = tuples[action % tuples.length]!;
      tuple[slot % (tuple.length + 1)] = value;
    }
    return packed;
  });

/** That, inside a well-formed v1 frame. */
const reshaped = reshapedRun.map(rawV1);

/** That behind this engine's version in a v2 frame, or a good run behind arbitrary JSON as its version. */
const reshapedV2 = fc
  .record({ run: fc.nat(), packed: reshapedRun, engineVersion: fc.jsonValue({ maxDepth: 2 }) })
  .map(({ run, packed, engineVersion }) =>
    run % 2 === 0
      ? rawV2([ENGINE_BEHAVIOUR_VERSION, packed])
      : rawV2([engineVersion, packRun(runs[run % runs.length]!)]),
  );

/** Script and HTML in every text field of an inline scenario, and in the scenario's title. */
const hostileScenario = fc
  .record({
    title: fc.oneof(fc.constantFrom(...HOSTILE_TITLES), fc.string()),
    field: fc.constantFrom('title', 'description', 'id'),
  })
  .map(({ title, field }) => rawV1([{ ...orders, [field]: title }, 1, 0, []]));

const payload = fc.oneof(
  {
    arbitrary: fc
      .record({ link: fc.constantFrom(...links), edits: fc.array(edit, { minLength: 1, maxLength: 4 }) })
      .map(({ link, edits }) => edits.reduce(applyEdit, link)),
    weight: 6,
  },
  {
    arbitrary: fc
      .record({ link: fc.constantFrom(...links), times: fc.integer({ min: 2, max: 60 }) })
      .map(({ link, times }) => link.repeat(times)),
    weight: 1,
  },
  { arbitrary: fc.integer({ min: 15_000, max: 100_000 }).map((n) => `v1.0.${'A'.repeat(n)}`), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 },
  {
    arbitrary: fc
      .string({ unit: fc.constantFrom(...URI_ALPHABET), maxLength: 400 })
      .map((s) => `v1.${s.slice(0, 6).toLowerCase()}.${s}`),
    weight: 1,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map(rawV1), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map(legacyV0), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map(rawV2), weight: 1 },
  { arbitrary: reshaped, weight: 3 },
  { arbitrary: reshapedV2, weight: 2 },
  { arbitrary: hostileScenario, weight: 1 },
);

describe('decoding damaged and hostile links', () => {
  it(`never throws, and every run it accepts validates and round-trips, over ${RUNS} mutated links with seed ${SEED}`, () => {
    fc.assert(
      fc.property(payload, (link) => {
        const result = decodeShareLink(link);
        if (result.ok) {
          expect(validateShareRun(result.run).ok).toBe(true);
          const other = result.otherEngineVersion;
          if (other !== undefined) expect(Number.isSafeInteger(other) && other >= 1).toBe(true);
          expect(other).not.toBe(ENGINE_BEHAVIOUR_VERSION);
          expect(decodeShareLink(encodeShareLink(result.run))).toStrictEqual({ ok: true, run: result.run });
        } else {
          expect(result.error).toBeTypeOf('string');
          expect(result.error.length).toBeGreaterThan(0);
          expect(result.error.startsWith(UNEXPECTED)).toBe(false);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 30_000);

  it('hostile scenario text comes back as the same inert string', () => {
    for (const title of HOSTILE_TITLES) {
      const result = decodeShareLink(rawV1([{ ...orders, title }, 1, 0, []]));
      expect(result.ok && typeof result.run.scenario === 'object' && result.run.scenario.title).toBe(title);
    }
  });
});
