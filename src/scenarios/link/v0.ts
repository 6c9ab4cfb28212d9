// Format v0, the legacy form that old links use: `v0.` + the run as URI-encoded plain JSON, in the
// shape `{ scenario, seed, position, log: [{ at, command }] }`. It is read and migrated to v1 so that
// such links keep working; nothing writes it any more.
import { isRecord } from './validate';
import { parseJson } from './envelope';
import { fail, quote, type Result } from './types';

export function readV0(body: string): Result<unknown> {
  let json: string;
  try {
    json = decodeURIComponent(body);
  } catch {
    return fail('The link is damaged: its text could not be decoded (was it cut off when copied?)');
  }
  return parseJson(json);
}

/** v0 → v1: `position` became `positionMs`, `log` became `actions` and each entry's `at` became `atMs`. */
export function migrateV0ToV1(doc: unknown): Result<unknown> {
  if (!isRecord(doc)) return { ok: true, value: doc };
  const { position, log, ...rest } = doc;
  // A field already under its new name would be overwritten without a trace, so it is refused.
  const clash = ['positionMs', 'actions'].find((k) => k in rest);
  if (clash !== undefined) return fail(`The link's data has an unexpected field ${quote(clash)}.`);
  const migrated: Record<string, unknown> = { ...rest };
  if (position !== undefined) migrated.positionMs = position;
  if (log !== undefined) migrated.actions = Array.isArray(log) ? log.map(migrateEntry) : log;
  return { ok: true, value: migrated };
}

function migrateEntry(entry: unknown): unknown {
  if (!isRecord(entry) || 'atMs' in entry) return entry;
  const { at, ...rest } = entry;
  return at === undefined ? rest : { atMs: at, ...rest };
}
