// What a share link carries: everything needed to rebuild one exact run, and nothing derived from it.
import type { LoggedCommand } from '../../engine/index';
import type { Scenario } from '../schema';

export interface ShareRun {
  /** A built-in scenario's id, or a whole scenario definition (a customised or hand-written one). */
  scenario: string | Scenario;
  seed: number;
  /** The command log, in time order: what the user did and when. */
  actions: LoggedCommand[];
  /** Where the viewer was in virtual time when the link was made; opening the link seeks there. */
  positionMs: number;
  /** Where a guided lesson stood, when the run was shared mid-lesson; absent otherwise (and in older links). */
  lesson?: ShareLesson;
}

/** The lesson part of a link: the current step and the step times recorded in this run, up to that step. */
export interface ShareLesson {
  /** The current step, 0-based. */
  index: number;
  /** Virtual ms where each step up to `index` started: one per step, `index + 1` in all. */
  starts: number[];
  /** Virtual ms where each checked step ended: one per step before `index`, and one for it once checked. */
  ends: number[];
}

export type DecodeResult =
  | {
      ok: true;
      run: ShareRun;
      /** The link's format version, when it was older than the one links are written in and was migrated. */
      migratedFrom?: number;
      /**
       * The engine behaviour version that made the link, when it is not this engine's
       * (ENGINE_BEHAVIOUR_VERSION): the run replays the same actions, but its numbers may differ from
       * what the sender saw. Absent when they are the same.
       */
      otherEngineVersion?: number;
    }
  | { ok: false; error: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Quotes a value from a link for a message, shortened so that a huge or hostile value stays readable. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
