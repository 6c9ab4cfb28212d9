// The link for the run on screen: which scenario (a built-in one by its id, anything else whole), the
// seed, every logged action with its virtual time, and the playback position. Pure, so that the link a
// teacher copies is the link the tests check.
import type { LoggedCommand } from '../../engine/index';
import { findScenario, parseScenario, type Scenario } from '../../scenarios/index';
import { encodeShareLink, MAX_LINK_CHARS, type ShareRun } from '../../scenarios/link/index';
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
): ShareRun {
  return { scenario: scenarioRef(scenario), seed, actions: [...actions], positionMs };
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
