// Every link format this version of Kafkascope reads, and the migrations between them (tldraw's store
// keeps schema versions and migrations the same way). Decoding reads a link in its own format, then
// applies migrations n → n+1 until the current version, then validates: so old links keep working, and
// the validator only ever knows the current shape.
import { migrateV0ToV1, readV0 } from './v0';
import { migrateV1ToV2, readV1 } from './v1';
import { readV2 } from './v2';
import type { Result } from './types';

/** The format that encodeShareLink writes. */
export const SHARE_LINK_VERSION = 2;

/** Reads the text after `v<n>.` into that version's document: plain data, not yet checked. */
export const READERS: Readonly<Record<number, (body: string) => Result<unknown>>> = {
  0: readV0,
  1: readV1,
  2: readV2,
};

/** MIGRATIONS[n] turns a version-n document into a version-(n+1) document. */
export const MIGRATIONS: Readonly<Record<number, (doc: unknown) => Result<unknown>>> = {
  0: migrateV0ToV1,
  1: migrateV1ToV2,
};
