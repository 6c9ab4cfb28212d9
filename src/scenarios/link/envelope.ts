// The wire envelope that formats v1 and v2 share: `<check>.<data>` after the `v<n>.` prefix, where <data>
// is the packed run as JSON, compressed by lz-string into URL-safe characters, and <check> is a 32-bit
// FNV-1a hash of that JSON in base 36. Decompression alone cannot tell a damaged link from a different
// one (one changed character can turn broker 2 into broker 3), so the check code makes any change show.
import { MAX_UNPACKED_CHARS } from './limits';
import { compress, decompressBounded } from './lz';
import { fail, quote, type Result } from './types';

const DAMAGED_CUT = 'The link is damaged: its data could not be decompressed (was it cut off when copied?)';
const DAMAGED_CHANGED =
  'The link is damaged: its data does not match its check code (was part of it changed or cut off when copied?)';
const NO_CHECK = 'The link is damaged: its check code is missing or unreadable (was it cut off when copied?)';
const TOO_LARGE = `The link's data is too large once unpacked (more than ${MAX_UNPACKED_CHARS} characters), so it was not opened.`;

export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** The body after `v<n>.` for packed data. */
export function seal(packed: unknown): string {
  const json = JSON.stringify(packed);
  return `${checksum(json)}.${compress(json)}`;
}

/** The body after `v<n>.` → the packed data it holds, checked against its check code but not for shape. */
export function unseal(body: string): Result<unknown> {
  const dot = body.indexOf('.');
  const check = body.slice(0, dot);
  if (dot < 0 || !/^[0-9a-z]{1,7}$/.test(check)) return fail(NO_CHECK);
  const data = uriDecoded(body.slice(dot + 1));
  if (data === null) return fail(DAMAGED_CUT);
  const stray = /[^A-Za-z0-9+\-$ ]/u.exec(data);
  if (stray)
    return fail(
      `The link is damaged: it contains ${quote(stray[0])}, which never appears in a Kafkascope link (was it changed when copied?)`,
    );
  const inflated = decompressBounded(data, MAX_UNPACKED_CHARS);
  if (!inflated.ok) return fail(inflated.reason === 'tooLarge' ? TOO_LARGE : DAMAGED_CUT);
  if (checksum(inflated.text) !== check) return fail(DAMAGED_CHANGED);
  return parseJson(inflated.text);
}

/** Some chat apps and mail clients percent-encode `$` and `+`; undo that, or null if it is broken. */
function uriDecoded(text: string): string | null {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export function parseJson(text: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return fail(`The link's data is not valid JSON (${reason}).`);
  }
}
