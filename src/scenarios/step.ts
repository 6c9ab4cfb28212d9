// A lesson step: the teacher's words, what the simulation does at the start of the step, how long it then
// runs, and what should be true at the end. Steps are data, like the rest of a scenario, so one file feeds
// the UI stepper, the headless runner and the share links.
import { z } from 'zod';
import { commandSchema } from './link/commandSchema';
import { expectationSchema, kafkaName } from './expectations';

/** Long enough for any classroom step; short enough that a hostile file cannot hang the runner. */
export const MAX_STEP_RUN_MS = 600_000;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Guided mode: the step pauses until the learner does something (the headless runner plays `solution`). */
export const waitForSchema = z.strictObject({
  kind: z.literal('userAction'),
  /** What to ask of the learner, e.g. "Kill the broker that leads rides-0". */
  hint: text(300),
  /** Checked after each of the learner's actions: true once they have done what the hint asks. */
  expect: expectationSchema,
  /** What the headless runner (and a "show me" button) does instead of the learner. */
  solution: z.array(commandSchema).min(1).max(20),
});

export const stepSchema = z.strictObject({
  /** Stable within the scenario, for links and tests: letters, digits, '.', '_' and '-'. */
  id: kafkaName,
  title: text(120),
  /** What the teacher says, in Kafka's own terms: one to four sentences of plain text. */
  narration: text(800),
  /** Applied at the start of the step, in order. */
  actions: z.array(commandSchema).max(50).optional(),
  /** Virtual time to run after the actions (and, in guided mode, after the learner's action). */
  runForMs: z.int().min(0).max(MAX_STEP_RUN_MS),
  waitFor: waitForSchema.optional(),
  /** Checked at the end of the step. */
  expectations: z.array(expectationSchema).max(20).optional(),
  /** What happened and why, shown once the step has run. */
  explanation: text(1500).optional(),
});

export type Step = z.infer<typeof stepSchema>;
export type WaitFor = z.infer<typeof waitForSchema>;
