// Format v2, the one links are written in: `v2.<check>.<data>` (envelope.ts) around
// `[engineVersion, run]`, where run is v1's packed run (layout.ts) unchanged and engineVersion is the
// engine behaviour version that made the link (src/engine/version.ts). A link replays its commands, not
// its outcomes, so the version lets the UI say when the engine opening it behaves differently from the
// one its sender used.
//
// A new format rather than an optional trailing part of v1 (as the lesson part is): every new link has
// the field, so older builds could not read new links either way, and should not: they would replay
// them on their own engine without a word. The v2 prefix tells them plainly that a newer version made it.
import { seal, unseal } from './envelope';
import { packRun, unpackRun } from './layout';
import { fail, quote, type Result, type ShareRun } from './types';

/** The body after `v2.`, for a run that has already been validated. */
export function writeV2(run: ShareRun, engineVersion: number): string {
  return seal([engineVersion, packRun(run)]);
}

/** The body after `v2.` → the run in its verbose shape with its `engineVersion`, unchecked. */
export function readV2(body: string): Result<unknown> {
  const packed = unseal(body);
  return packed.ok ? unpackV2(packed.value) : packed;
}

function unpackV2(packed: unknown): Result<Record<string, unknown>> {
  // As in v1, more parts than this version knows means that a newer Kafkascope added one.
  if (Array.isArray(packed) && packed.length > 2 && Array.isArray(packed[1]))
    return fail(
      `This link was made by a newer version of Kafkascope: it has ${packed.length} parts, and this version reads up to 2. Open it with the version that made it.`,
    );
  if (!Array.isArray(packed) || packed.length !== 2)
    return fail(
      `The link's data is not a Kafkascope run (expected [engine version, run]): found ${quote(packed)}.`,
    );
  const [engineVersion, run] = packed as [unknown, unknown];
  const unpacked = unpackRun(run);
  return unpacked.ok ? { ok: true, value: { ...unpacked.value, engineVersion } } : unpacked;
}
