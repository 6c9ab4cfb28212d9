// Checks a run read from a link (any format version, after migration) field by field. Nothing is
// repaired or skipped: one bad action rejects the whole link, with a sentence naming it, because a run
// with an action missing is a different run.
import type { LoggedCommand } from '../../engine/index';
import { findScenario } from '../index';
import { parseScenario } from '../schema';
import { COMMAND_TYPES, commandSchema } from './commandSchema';
import { describeIssue } from './issues';
import { MAX_ACTIONS, MAX_RUN_MS } from './limits';
import { fail, quote, type Result, type ShareRun } from './types';

const RUN_FIELDS: readonly string[] = ['scenario', 'seed', 'actions', 'positionMs'];
const ACTION_FIELDS: readonly string[] = ['atMs', 'command'];
const TIME_RULE = `a whole number of milliseconds from 0 to ${MAX_RUN_MS}`;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isTime = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_RUN_MS;

/** Validates a run; the result holds fresh copies, never the caller's objects. */
export function validateShareRun(input: unknown): Result<ShareRun> {
  if (!isRecord(input)) return fail(`The link's data is not a Kafkascope run: found ${quote(input)}.`);
  const extra = Object.keys(input).find((k) => !RUN_FIELDS.includes(k));
  if (extra !== undefined) return fail(`The link's data has an unexpected field ${quote(extra)}.`);
  const scenario = checkScenario(input.scenario);
  if (!scenario.ok) return scenario;
  if (input.seed === undefined) return fail('The link has no seed.');
  if (!Number.isSafeInteger(input.seed))
    return fail(`The link's seed must be a whole number, not ${quote(input.seed)}.`);
  if (input.positionMs === undefined) return fail('The link has no position in time (positionMs).');
  if (!isTime(input.positionMs))
    return fail(
      `The link's position in time (positionMs) must be ${TIME_RULE}, not ${quote(input.positionMs)}.`,
    );
  const actions = checkActions(input.actions);
  if (!actions.ok) return actions;
  return {
    ok: true,
    value: {
      scenario: scenario.value,
      seed: input.seed as number,
      actions: actions.value,
      positionMs: input.positionMs,
    },
  };
}

function checkScenario(scenario: unknown): Result<ShareRun['scenario']> {
  if (scenario === undefined) return fail('The link does not say which scenario it runs.');
  if (typeof scenario === 'string') {
    if (findScenario(scenario)) return { ok: true, value: scenario };
    return fail(
      `The link uses the built-in scenario ${quote(scenario)}, which this version of Kafkascope does not have.`,
    );
  }
  if (!isRecord(scenario))
    return fail(
      `The link's scenario must be a built-in scenario's id or a scenario definition, not ${quote(scenario)}.`,
    );
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return fail(`The scenario in the link is not valid:\n${parsed.error}`);
  return { ok: true, value: parsed.scenario };
}

function checkActions(actions: unknown): Result<LoggedCommand[]> {
  if (actions === undefined) return fail('The link has no list of actions.');
  if (!Array.isArray(actions)) return fail(`The link's actions must be a list, not ${quote(actions)}.`);
  if (actions.length > MAX_ACTIONS)
    return fail(
      `The link has ${actions.length} actions; this version of Kafkascope opens links with at most ${MAX_ACTIONS}.`,
    );
  const valid: LoggedCommand[] = [];
  const errors: string[] = [];
  let previousAtMs = 0;
  actions.forEach((action: unknown, i) => {
    const checked = checkAction(action, i + 1, previousAtMs);
    if (checked.ok) {
      valid.push(checked.value);
      previousAtMs = checked.value.atMs;
    } else {
      errors.push(checked.error);
      if (isRecord(action) && isTime(action.atMs)) previousAtMs = Math.max(previousAtMs, action.atMs);
    }
  });
  const [first] = errors;
  if (first === undefined) return { ok: true, value: valid };
  const more = errors.length - 1;
  if (more === 0) return fail(first);
  return fail(`${first} (${more} more ${more === 1 ? 'action is' : 'actions are'} invalid too.)`);
}

/** `number` is 1-based, as a person counts. */
function checkAction(action: unknown, number: number, previousAtMs: number): Result<LoggedCommand> {
  const name = `Action ${number}`;
  if (!isRecord(action))
    return fail(`${name} is not an action (a time, atMs, and a command): found ${quote(action)}.`);
  const extra = Object.keys(action).find((k) => !ACTION_FIELDS.includes(k));
  if (extra !== undefined) return fail(`${name} has an unexpected field ${quote(extra)}.`);
  const { atMs, command } = action;
  if (atMs === undefined) return fail(`${name} has no time (atMs).`);
  if (!isTime(atMs)) return fail(`${name} has time (atMs) ${quote(atMs)}, but it must be ${TIME_RULE}.`);
  if (atMs < previousAtMs)
    return fail(
      `${name} happens at ${atMs} ms, before the action ahead of it (at ${previousAtMs} ms); actions must be in time order.`,
    );
  if (command === undefined) return fail(`${name} has no command.`);
  if (!isRecord(command)) return fail(`${name}'s command must be an object, not ${quote(command)}.`);
  const type = command.type;
  if (type === undefined) return fail(`${name}'s command has no type.`);
  if (!COMMAND_TYPES.includes(type as never))
    return fail(`${name} has an unknown command type ${quote(type)}.`);
  const parsed = commandSchema.safeParse(command, { reportInput: true });
  if (!parsed.success) return fail(describeIssue(`${name} (${String(type)})`, parsed.error.issues[0]!));
  return { ok: true, value: { atMs, command: parsed.data } };
}
