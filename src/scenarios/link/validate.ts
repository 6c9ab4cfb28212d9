// Checks a run read from a link (any format version, after migration) field by field. Nothing is
// repaired or skipped: one bad action rejects the whole link, with a sentence naming it, because a run
// with an action missing is a different run.
import type { LoggedCommand } from '../../engine/index';
import { findScenario } from '../index';
import { parseScenario } from '../schema';
import { COMMAND_TYPES, commandSchema } from './commandSchema';
import { describeIssue } from './issues';
import { MAX_ACTIONS, MAX_RUN_MS } from './limits';
import type { Scenario } from '../schema';
import { fail, quote, type Result, type ShareLesson, type ShareRun } from './types';

const RUN_FIELDS: readonly string[] = ['scenario', 'seed', 'actions', 'positionMs', 'lesson'];
const LESSON_FIELDS: readonly string[] = ['index', 'starts', 'ends'];
const ACTION_FIELDS: readonly string[] = ['atMs', 'command'];
const TIME_RULE = `a whole number of milliseconds from 0 to ${MAX_RUN_MS}`;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const notARun = (input: unknown): string => `The link's data is not a Kafkascope run: found ${quote(input)}.`;

const isTime = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_RUN_MS;

/**
 * Validates a link's document after migration: the run, and the engine behaviour version that made it
 * (which is not part of the run: the same run opens on any engine).
 */
export function validateLinkDoc(input: unknown): Result<{ run: ShareRun; engineVersion: number }> {
  if (!isRecord(input)) return fail(notARun(input));
  const { engineVersion, ...rest } = input;
  const run = validateShareRun(rest);
  if (!run.ok) return run;
  if (!Number.isSafeInteger(engineVersion) || (engineVersion as number) < 1)
    return fail(
      `The link's engine behaviour version must be a whole number, 1 or more, not ${quote(engineVersion)}.`,
    );
  return { ok: true, value: { run: run.value, engineVersion: engineVersion as number } };
}

/** Validates a run; the result holds fresh copies, never the caller's objects. */
export function validateShareRun(input: unknown): Result<ShareRun> {
  if (!isRecord(input)) return fail(notARun(input));
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
  const run: ShareRun = {
    scenario: scenario.value,
    seed: input.seed as number,
    actions: actions.value,
    positionMs: input.positionMs,
  };
  // Absent in every link made outside a lesson, and in every link made before lessons could be shared.
  if (input.lesson === undefined) return { ok: true, value: run };
  const lesson = checkLesson(input.lesson, stepCountOf(scenario.value));
  if (!lesson.ok) return lesson;
  return { ok: true, value: { ...run, lesson: lesson.value } };
}

function stepCountOf(scenario: ShareRun['scenario']): number {
  const s: Scenario | undefined = typeof scenario === 'string' ? findScenario(scenario) : scenario;
  return s?.steps?.length ?? 0;
}

/**
 * The lesson part: the current step, a start time for it and every step before it, an end time for every
 * step before it (and for it once checked), each step ending after it starts and before the next starts.
 * The same rule as the lesson's own `validTimes`, with a sentence for each way of breaking it.
 */
function checkLesson(lesson: unknown, stepCount: number): Result<ShareLesson> {
  if (!isRecord(lesson))
    return fail(`The link's lesson part must be a step with its start and end times, not ${quote(lesson)}.`);
  const extra = Object.keys(lesson).find((k) => !LESSON_FIELDS.includes(k));
  if (extra !== undefined) return fail(`The link's lesson part has an unexpected field ${quote(extra)}.`);
  if (stepCount === 0)
    return fail("The link holds a lesson step (lesson), but the link's scenario has no lesson steps.");
  const { index, starts, ends } = lesson;
  if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) >= stepCount)
    return fail(
      `The link's lesson step (lesson.index) must be a whole number from 0 to ${stepCount - 1} (the scenario has ${stepCount} steps), not ${quote(index)}.`,
    );
  const i = index as number;
  const checkedStarts = checkTimes(starts, 'starts', 'start times', i + 1, i + 1);
  if (!checkedStarts.ok) return checkedStarts;
  const checkedEnds = checkTimes(ends, 'ends', 'end times', i, i + 1);
  if (!checkedEnds.ok) return checkedEnds;
  const s = checkedStarts.value;
  const e = checkedEnds.value;
  for (let k = 0; k < s.length; k++) {
    const end = e[k];
    if (end !== undefined && end < s[k]!)
      return fail(
        `The link's lesson times are out of order: step ${k + 1} ends (lesson.ends[${k}], ${end} ms) before it starts (lesson.starts[${k}], ${s[k]} ms).`,
      );
    const next = s[k + 1];
    if (next !== undefined && end !== undefined && next <= end)
      return fail(
        `The link's lesson times are out of order: step ${k + 2} starts (lesson.starts[${k + 1}], ${next} ms) at or before the end of step ${k + 1} (lesson.ends[${k}], ${end} ms).`,
      );
  }
  return { ok: true, value: { index: i, starts: s, ends: e } };
}

function checkTimes(
  times: unknown,
  field: 'starts' | 'ends',
  what: string,
  min: number,
  max: number,
): Result<number[]> {
  const name = `lesson.${field}`;
  const count = min === max ? `${min}` : `${min} or ${max}`;
  if (!Array.isArray(times))
    return fail(`The link's lesson step ${what} (${name}) must be a list, not ${quote(times)}.`);
  if (times.length < min || times.length > max)
    return fail(
      `The link's lesson step ${what} (${name}) must hold ${count} ${count === '1' ? 'time' : 'times'} for its step (lesson.index), not ${times.length}.`,
    );
  const bad = times.findIndex((t) => !isTime(t));
  if (bad >= 0) return fail(`The link's ${name}[${bad}] must be ${TIME_RULE}, not ${quote(times[bad])}.`);
  return { ok: true, value: [...(times as number[])] };
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
