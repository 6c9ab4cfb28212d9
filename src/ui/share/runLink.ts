// The link for the run on screen: which scenario (a built-in one by its id, anything else whole), the
// seed, every logged action with its virtual time, and the playback position. Pure, so that the link a
// teacher copies is the link the tests check.
import type { LoggedCommand } from '../../engine/index';
import { findScenario, parseScenario, type Scenario } from '../../scenarios/index';
import { encodeShareLink, MAX_LINK_CHARS, type ShareLesson, type ShareRun } from '../../scenarios/link/index';
import { runUrl } from './address';

/** JSON with object keys sorted, so that two equal definitions written in different orders compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const normalised = (scenario: unknown): string | null => {
  const parsed = parseScenario(scenario);
  return parsed.ok ? canonicalJson(parsed.scenario) : null;
};

/**
 * How the link names the scenario: by id when it is exactly the built-in scenario of that id (a short
 * link), else the whole definition, because a file's scenario may share an id with a built-in one and
 * still differ from it, and the link must rebuild the run that was seen.
 */
export function scenarioRef(scenario: Scenario): string | Scenario {
  const builtin = findScenario(scenario.id);
  if (!builtin) return scenario;
  const same = normalised(builtin);
  return same !== null && same === normalised(scenario) ? scenario.id : scenario;
}

export function shareRunOf(
  scenario: Scenario,
  seed: number,
  actions: readonly LoggedCommand[],
  positionMs: number,
  lesson?: ShareLesson,
): ShareRun {
  const run: ShareRun = { scenario: scenarioRef(scenario), seed, actions: [...actions], positionMs };
  return lesson ? { ...run, lesson } : run;
}

/** Where the lesson stands, as `lessonStore` holds it (see src/ui/lesson/lesson.ts). */
export interface LessonStanding {
  scenarioId: string | null;
  index: number;
  starts: readonly number[];
  ends: readonly number[];
}

/**
 * The lesson part of the link for `scenario`, or undefined when no lesson of it has begun a step. The
 * times after the current step are left out: after Back they are still recorded, but a link opens at one
 * step, and the learner who opens it records the rest as they go. A step whose start is not recorded yet
 * (the moment a step is being started) has no part either, rather than a broken one.
 */
export function lessonPartOf(scenario: Scenario, l: LessonStanding): ShareLesson | undefined {
  if (l.scenarioId !== scenario.id || l.index < 0 || l.starts[l.index] === undefined) return undefined;
  if (l.ends.slice(0, l.index).some((t) => t === undefined)) return undefined;
  return {
    index: l.index,
    starts: l.starts.slice(0, l.index + 1),
    ends: l.ends.slice(0, l.index + 1),
  };
}

export type RunLink = { ok: true; url: string; payloadChars: number } | { ok: false; error: string };

/** The link for `run` from the page at `pageHref`, or a sentence saying why this run has none. */
export function makeRunLink(run: ShareRun, pageHref: string): RunLink {
  let payload: string;
  try {
    payload = encodeShareLink(run);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  // Kafkascope refuses to open longer links, so offering one would only disappoint whoever receives it.
  if (payload.length > MAX_LINK_CHARS)
    return {
      ok: false,
      error: `This run is too long to share as a link (${payload.length} characters; Kafkascope opens links of up to ${MAX_LINK_CHARS}). Export the scenario instead, or share from an earlier point in the run.`,
    };
  return { ok: true, url: runUrl(pageHref, payload), payloadChars: payload.length };
}
