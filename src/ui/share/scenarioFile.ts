// Scenario files: the name an exported scenario is saved under, and what an opened file holds. Reading
// is pure (the text in, a scenario or a sentence out), so that every way a file can be wrong is tested
// without a browser.
import { parseScenario, type Scenario } from '../../scenarios/index';

/** A scenario file bigger than this is refused unread: the largest real scenario is a few kilobytes. */
export const MAX_SCENARIO_FILE_BYTES = 1_000_000;

/** `orders.json` for scenario `orders`; any character a file system might dislike becomes `-`. */
export function scenarioFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '');
  return `${safe === '' ? 'scenario' : safe}.json`;
}

/** The file's text, as people read it: two-space indentation and a final newline. */
export function scenarioFileText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

export type ReadScenario = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Says why a file is refused before it is read, or null when it may be read. */
export function scenarioFileTooBig(name: string, size: number): string | null {
  return size > MAX_SCENARIO_FILE_BYTES
    ? `${name} is too big for a scenario file (${size} bytes; at most ${MAX_SCENARIO_FILE_BYTES}).`
    : null;
}

/** Reads a scenario file's text; the error is a sentence naming the file and, for an invalid scenario, the field. */
export function readScenarioFile(name: string, text: string): ReadScenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${name} is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) return { ok: false, error: `${name} is not a valid scenario:\n${parsed.error}` };
  return { ok: true, scenario: parsed.scenario };
}
