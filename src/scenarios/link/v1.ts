// Format v1: `v1.<check>.<data>` (envelope.ts) around the packed run `[scenario, seed, positionMs,
// actions, lesson?]` (layout.ts). It carries no engine behaviour version: every v1 link was made before
// versions were recorded, so the migration to v2 marks it as made by engine behaviour 1. Nothing writes
// it any more; v2 wraps the same packed run.
import { unseal } from './envelope';
import { unpackRun } from './layout';
import { isRecord } from './validate';
import { fail, quote, type Result } from './types';

/** The body after `v1.` → the run in its verbose shape, unchecked. */
export function readV1(body: string): Result<unknown> {
  const packed = unseal(body);
  return packed.ok ? unpackRun(packed.value) : packed;
}

/** v1 → v2: the run gains `engineVersion`, 1 for every link made before versions were recorded. */
export function migrateV1ToV2(doc: unknown): Result<unknown> {
  if (!isRecord(doc)) return { ok: true, value: doc };
  // Only a v0 link's free-form JSON could hold the field already; it would be overwritten without a trace.
  if ('engineVersion' in doc)
    return fail(`The link's data has an unexpected field ${quote('engineVersion')}.`);
  return { ok: true, value: { ...doc, engineVersion: 1 } };
}
