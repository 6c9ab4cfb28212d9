// The compact form of a run in formats v1 and v2 (v2 puts the engine behaviour version in front of it).
// A link must survive being pasted into a chat, so each action is a short tuple instead of an object with
// field names: `[time step, command code, ...fields]`, where the time step is milliseconds since the
// previous action (small numbers compress well) and the fields follow the order in LAYOUTS. An optional
// field that is absent is left off the end, or written as `false` when a later field is present (no
// optional field can be `false` itself).
//
// The codes and field orders ARE the link format: never renumber, reorder or reuse them. A new command
// gets a new code; a changed one needs a new format version and a migration (versions.ts).
import type { Command } from '../../engine/index';
import { COMMAND_TYPES } from './commandSchema';
import { fail, quote, type Result, type ShareLesson, type ShareRun } from './types';

type FieldsOf<T extends Command['type']> = Exclude<keyof Extract<Command, { type: T }>, 'type'>;

interface Layout<T extends Command['type']> {
  code: number;
  /** Every field of the command, required ones first. */
  fields: readonly FieldsOf<T>[];
  /** How many of `fields` are required. */
  required: number;
}

const LAYOUTS = {
  killBroker: { code: 0, fields: ['brokerId'], required: 1 },
  restartBroker: { code: 1, fields: ['brokerId'], required: 1 },
  shutdownBroker: { code: 2, fields: ['brokerId'], required: 1 },
  isolateBroker: { code: 3, fields: ['brokerId'], required: 1 },
  reconnectBroker: { code: 4, fields: ['brokerId'], required: 1 },
  slowBroker: { code: 5, fields: ['brokerId', 'fetchDelayMs'], required: 2 },
  createTopic: { code: 6, fields: ['topic'], required: 1 },
  addPartitions: { code: 7, fields: ['topic', 'partitions'], required: 2 },
  alterTopicConfig: { code: 8, fields: ['topic', 'config'], required: 2 },
  electPreferredLeader: { code: 9, fields: ['partitionId'], required: 1 },
  addProducer: { code: 10, fields: ['producer'], required: 1 },
  removeProducer: { code: 11, fields: ['producerId'], required: 1 },
  // recordsPerTransaction came later, at the end: older links simply never carry it.
  setProducerConfig: {
    code: 12,
    fields: ['producerId', 'config', 'ratePerSec', 'keys', 'recordsPerTransaction'],
    required: 2,
  },
  produce: { code: 13, fields: ['producerId', 'key', 'value', 'partition'], required: 2 },
  addConsumer: {
    code: 14,
    fields: ['groupId', 'consumerId', 'processingTimeMs', 'groupInstanceId'],
    required: 2,
  },
  removeConsumer: { code: 15, fields: ['consumerId'], required: 1 },
  electUncleanLeader: { code: 16, fields: ['partitionId'], required: 1 },
  addGroup: { code: 17, fields: ['group'], required: 1 },
  crashConsumer: { code: 18, fields: ['consumerId'], required: 1 },
  restartConsumer: { code: 19, fields: ['consumerId'], required: 1 },
  slowConsumer: { code: 20, fields: ['consumerId', 'processingTimeMs'], required: 2 },
  setGroupConfig: { code: 21, fields: ['groupId', 'config'], required: 2 },
  resetOffsets: { code: 22, fields: ['groupId', 'to'], required: 2 },
  setGroupInstanceId: { code: 23, fields: ['consumerId', 'groupInstanceId'], required: 2 },
  abortTransaction: { code: 24, fields: ['producerId'], required: 1 },
  addShareGroup: { code: 25, fields: ['group'], required: 1 },
  setShareGroupConfig: { code: 26, fields: ['groupId', 'config'], required: 2 },
} as const satisfies { [T in Command['type']]: Layout<T> };

// The build fails here if a command gains a field that its layout does not list (it would be dropped).
type Unlisted = { [T in Command['type']]: Exclude<FieldsOf<T>, (typeof LAYOUTS)[T]['fields'][number]> };
const everyFieldListed: Unlisted[Command['type']] extends never ? true : false = true;
void everyFieldListed;

/** The same table with field names as plain strings, for the code that walks any command. */
const layoutOf = (type: Command['type']): { code: number; fields: readonly string[]; required: number } =>
  LAYOUTS[type];

const TYPE_OF_CODE = new Map<unknown, Command['type']>(COMMAND_TYPES.map((t) => [LAYOUTS[t].code, t]));

const ABSENT = false;

/**
 * `[scenario, seed, positionMs, actions]`, plus the lesson part at the end when the run was shared
 * mid-lesson: a built-in scenario is its id, an inline one the whole object. The lesson part is
 * `[index, ...time steps]`: the step times in the order they happened (start of step 1, its end, start of
 * step 2, …), each as milliseconds since the one before, as action times are; most are then 1 or a step's
 * runForMs, which keeps a lesson link within a chat message's length.
 *
 * The lesson part extended v1 rather than starting a new format because it is an optional trailing
 * field, the rule this layout already follows for commands: a run without a lesson packs to exactly the
 * text it always did, so every v1 link ever made still reads the same. (The engine behaviour version, in
 * every new link, did need a new format: v2.ts says why.)
 */
export type PackedRun =
  | [ShareRun['scenario'], number, number, unknown[][]]
  | [ShareRun['scenario'], number, number, unknown[][], number[]];

export function packRun(run: ShareRun): PackedRun {
  let previousAtMs = 0;
  const actions = run.actions.map(({ atMs, command }) => {
    const tuple = [atMs - previousAtMs, ...packCommand(command)];
    previousAtMs = atMs;
    return tuple;
  });
  const { lesson } = run;
  return lesson
    ? [run.scenario, run.seed, run.positionMs, actions, packLesson(lesson)]
    : [run.scenario, run.seed, run.positionMs, actions];
}

function packLesson({ index, starts, ends }: ShareLesson): number[] {
  const times = starts.flatMap((start, i) => (ends[i] === undefined ? [start] : [start, ends[i]!]));
  return [index, ...times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]!))];
}

/** `[index, ...time steps]` → `{ index, starts, ends }`, times whole but not yet checked against the steps. */
function unpackLesson(packed: unknown): Result<Record<string, unknown>> {
  if (!Array.isArray(packed) || packed.length < 2)
    return fail(`The link's lesson part is not written as [step, …step time steps]: found ${quote(packed)}.`);
  const [index, ...steps] = packed as unknown[];
  const starts: number[] = [];
  const ends: number[] = [];
  let t = 0;
  for (const [i, step] of steps.entries()) {
    if (!Number.isSafeInteger(step) || (step as number) < 0)
      return fail(
        `The link's lesson part has time step ${quote(step)} (number ${i + 1}), but it must be a whole number of milliseconds, 0 or more.`,
      );
    t += step as number;
    (i % 2 === 0 ? starts : ends).push(t);
  }
  return { ok: true, value: { index, starts, ends } };
}

function packCommand(command: Command): unknown[] {
  const layout = layoutOf(command.type);
  const values = layout.fields.map((f) => (command as Record<string, unknown>)[f]);
  while (values.length > layout.required && values[values.length - 1] === undefined) values.pop();
  return [layout.code, ...values.map((v) => (v === undefined ? ABSENT : v))];
}

/**
 * Unpacks into the verbose shape `{ scenario, seed, positionMs, actions: [{ atMs, command }] }` without
 * checking field values; validate.ts does that, for every format version alike.
 */
export function unpackRun(packed: unknown): Result<Record<string, unknown>> {
  // The run grows only by optional trailing parts (the lesson was one), so more parts than this version
  // knows means a newer Kafkascope made the link: say so, rather than that it is not a run at all.
  if (Array.isArray(packed) && packed.length > 5 && Array.isArray(packed[3]))
    return fail(
      `This link was made by a newer version of Kafkascope: it has ${packed.length} parts, and this version reads up to 5. Open it with the version that made it.`,
    );
  if (!Array.isArray(packed) || (packed.length !== 4 && packed.length !== 5) || !Array.isArray(packed[3]))
    return fail(
      `The link's data is not a Kafkascope run (expected [scenario, seed, position, actions]): found ${quote(packed)}.`,
    );
  const [scenario, seed, positionMs, tuples, packedLesson] = packed as [
    unknown,
    unknown,
    unknown,
    unknown[],
    unknown,
  ];
  const actions: UncheckedAction[] = [];
  let atMs = 0;
  for (const [i, tuple] of tuples.entries()) {
    const action = unpackAction(tuple, i + 1, atMs);
    if (!action.ok) return action;
    atMs = action.value.atMs;
    actions.push(action.value);
  }
  if (packed.length === 4) return { ok: true, value: { scenario, seed, positionMs, actions } };
  const lesson = unpackLesson(packedLesson);
  if (!lesson.ok) return lesson;
  return { ok: true, value: { scenario, seed, positionMs, actions, lesson: lesson.value } };
}

/** An action with its time worked out but its command not yet checked. */
interface UncheckedAction {
  atMs: number;
  command: Record<string, unknown>;
}

/** The highest command code this version knows. */
const MAX_CODE = Math.max(...Object.values(LAYOUTS).map((l) => l.code));
const NEWER = ' The link may have been made by a newer version of Kafkascope.';

function unpackAction(tuple: unknown, number: number, previousAtMs: number): Result<UncheckedAction> {
  const name = `Action ${number}`;
  if (!Array.isArray(tuple) || tuple.length < 2)
    return fail(`${name} is not written as [time step, command code, …fields]: found ${quote(tuple)}.`);
  const [step, code, ...values] = tuple as unknown[];
  if (!Number.isSafeInteger(step) || (step as number) < 0)
    return fail(
      `${name} has time step ${quote(step)}, but it must be a whole number of milliseconds, 0 or more.`,
    );
  const type = TYPE_OF_CODE.get(code);
  if (type === undefined) {
    // New commands get the next code, and new fields are appended: either is what a newer version writes.
    const newer = Number.isSafeInteger(code) && (code as number) > MAX_CODE ? NEWER : '';
    return fail(`${name} has an unknown command code ${quote(code)}.${newer}`);
  }
  const layout = layoutOf(type);
  const extra = values.length - layout.fields.length;
  if (extra > 0)
    return fail(`${name} (${type}) has ${extra} ${extra === 1 ? 'value' : 'values'} too many.${NEWER}`);
  const command: Record<string, unknown> = { type };
  layout.fields.forEach((field, i) => {
    const value = values[i];
    if (value === undefined || (value === ABSENT && i >= layout.required)) return;
    command[field] = value;
  });
  return { ok: true, value: { atMs: previousAtMs + (step as number), command } };
}
