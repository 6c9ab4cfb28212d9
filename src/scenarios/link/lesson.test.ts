// The optional lesson part of a link (the step a lesson stood at, and the step times recorded up to it):
// it round-trips, links without it decode exactly as before, and a bad one is refused with a sentence
// naming the field.
import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink, type ShareRun } from './index';
import { packRun } from './layout';
import { rawV1 } from './testing/links';
import { realisticRun } from './testing/runs';

/** taxi-booking has 6 steps; step 2 (index 1) waits for the learner. */
const lessonRun: ShareRun = {
  scenario: 'taxi-booking',
  seed: 42,
  actions: [
    { atMs: 1, command: { type: 'killBroker', brokerId: 1 } },
    { atMs: 8_200, command: { type: 'killBroker', brokerId: 2 } },
  ],
  positionMs: 11_500,
  lesson: { index: 1, starts: [1, 8_002], ends: [8_001, 11_500] },
};

const errorOf = (payload: string): string => {
  const result = decodeShareLink(payload);
  if (result.ok) throw new Error(`expected an error for ${payload.slice(0, 80)}`);
  return result.error;
};

/** A packed taxi-booking run with the given lesson part: `[index, ...time steps]`. */
const packed = (lesson: unknown) => rawV1(['taxi-booking', 42, 11_500, [], lesson]);

/** The same, written from absolute times, to name the field that is wrong. */
const withLesson = ([index, starts, ends]: [unknown, number[], number[]]) => {
  const times = starts.flatMap((s, i) => (ends[i] === undefined ? [s] : [s, ends[i]!]));
  return packed([index, ...times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]!))]);
};

describe('the lesson part of a link', () => {
  it('round-trips with the step and its times', () => {
    const payload = encodeShareLink(lessonRun);
    expect(payload.startsWith('v2.')).toBe(true);
    expect(decodeShareLink(payload)).toStrictEqual({ ok: true, run: lessonRun });
    // A step in progress has no end of its own yet.
    const midStep: ShareRun = { ...lessonRun, lesson: { index: 1, starts: [1, 8_002], ends: [8_001] } };
    expect(decodeShareLink(encodeShareLink(midStep))).toStrictEqual({ ok: true, run: midStep });
  });

  it('is absent from a link made outside a lesson, which packs exactly as before lessons could be shared', () => {
    const plain: ShareRun = { ...lessonRun };
    delete plain.lesson;
    const decoded = decodeShareLink(encodeShareLink(plain));
    expect(decoded).toStrictEqual({ ok: true, run: plain });
    expect(decoded.ok && 'lesson' in decoded.run).toBe(false);
    expect(packRun(plain)).toHaveLength(4);
    // A v1 link written in the four-field form (most links made before v2) reads the same.
    const old = realisticRun(20);
    expect(decodeShareLink(rawV1(packRun(old)))).toStrictEqual({
      ok: true,
      run: old,
      migratedFrom: 1,
      otherEngineVersion: 1,
    });
  });

  it.each([7, 1, 2, 3, 4, 5])(
    'keeps a 50-action link at step 6 of 6 within 1000 characters (seed %i)',
    (seed) => {
      const run: ShareRun = {
        ...realisticRun(50, seed),
        scenario: 'taxi-booking',
        lesson: {
          index: 5,
          starts: [1, 8_002, 20_000, 28_001, 38_002, 48_003],
          ends: [8_001, 19_999, 28_000, 38_001, 48_002, 52_003],
        },
      };
      expect(encodeShareLink(run).length).toBeLessThanOrEqual(1000);
    },
  );

  it('packs the times as steps since the one before', () => {
    expect(packRun(lessonRun)[4]).toEqual([1, 1, 8_000, 1, 3_498]);
  });

  it('a lesson part that is not [step, …time steps]', () => {
    expect(errorOf(packed({ index: 0 }))).toBe(
      'The link\'s lesson part is not written as [step, …step time steps]: found {"index":0}.',
    );
    expect(errorOf(packed([0]))).toMatch(/^The link's lesson part is not written as/);
    expect(errorOf(packed([1, 1, -5, 3]))).toBe(
      "The link's lesson part has time step -5 (number 2), but it must be a whole number of milliseconds, 0 or more.",
    );
    expect(errorOf(packed([0, '1']))).toMatch(/has time step "1" \(number 1\)/);
  });

  it('a step that is not one of the lesson’s, named lesson.index', () => {
    expect(errorOf(withLesson([6, [1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6]]))).toBe(
      "The link's lesson step (lesson.index) must be a whole number from 0 to 5 (the scenario has 6 steps), not 6.",
    );
    expect(errorOf(withLesson([-1, [1], []]))).toMatch(/\(lesson\.index\).*not -1\.$/);
    expect(errorOf(withLesson(['1', [1, 2], [1]]))).toMatch(/\(lesson\.index\).*not "1"\.$/);
  });

  it('times of the wrong count or kind, named lesson.starts or lesson.ends', () => {
    expect(errorOf(withLesson([1, [1], [8_001]]))).toBe(
      "The link's lesson step start times (lesson.starts) must hold 2 times for its step (lesson.index), not 1.",
    );
    expect(() =>
      encodeShareLink({ ...lessonRun, lesson: { index: 1, starts: [1, 8_002], ends: [] } }),
    ).toThrow(
      "The link's lesson step end times (lesson.ends) must hold 1 or 2 times for its step (lesson.index), not 0.",
    );
    expect(errorOf(withLesson([1, [1, 86_400_001], [8_001]]))).toBe(
      "The link's lesson.starts[1] must be a whole number of milliseconds from 0 to 86400000, not 86400001.",
    );
    // Only a verbose run (what the Share dialog passes in) can hold something other than a list.
    expect(() =>
      encodeShareLink({ ...lessonRun, lesson: { ...lessonRun.lesson!, ends: 'none' as never } }),
    ).toThrow('The link\'s lesson step end times (lesson.ends) must be a list, not "none".');
  });

  it('times out of order, naming both', () => {
    // On the wire a step can only start as its predecessor ends (a time step of 0); later, only verbatim.
    expect(errorOf(packed([1, 1, 8_000, 0]))).toBe(
      "The link's lesson times are out of order: step 2 starts (lesson.starts[1], 8001 ms) at or before the end of step 1 (lesson.ends[0], 8001 ms).",
    );
    expect(() =>
      encodeShareLink({ ...lessonRun, lesson: { index: 1, starts: [1, 8_000], ends: [8_001] } }),
    ).toThrow(
      'step 2 starts (lesson.starts[1], 8000 ms) at or before the end of step 1 (lesson.ends[0], 8001 ms).',
    );
    expect(() => encodeShareLink({ ...lessonRun, lesson: { index: 0, starts: [500], ends: [100] } })).toThrow(
      "The link's lesson times are out of order: step 1 ends (lesson.ends[0], 100 ms) before it starts (lesson.starts[0], 500 ms).",
    );
  });

  it('a lesson part for a scenario without steps, or with a field of its own', () => {
    expect(errorOf(rawV1(['orders', 42, 0, [], [0, 1]]))).toBe(
      "The link holds a lesson step (lesson), but the link's scenario has no lesson steps.",
    );
    expect(() =>
      encodeShareLink({ ...lessonRun, lesson: { ...lessonRun.lesson!, phase: 'done' } as never }),
    ).toThrow('This run cannot be shared: The link\'s lesson part has an unexpected field "phase".');
  });
});
