// Hand-made links for the tests: any JSON inside a well-formed v1 frame (a valid check code, so that
// the validator is what answers), and links in the legacy v0 format.
import { compress } from '../lz';
import { checksum } from '../v1';

/** A v1 link around arbitrary packed data: `[scenario, seed, positionMs, [[step, code, …fields]]]`. */
export function rawV1(packed: unknown): string {
  const json = typeof packed === 'string' ? packed : JSON.stringify(packed);
  return `v1.${checksum(json)}.${compress(json)}`;
}

/** A link as the legacy format wrote it: `{ scenario, seed, position, log: [{ at, command }] }`. */
export function legacyV0(doc: unknown): string {
  return `v0.${encodeURIComponent(JSON.stringify(doc))}`;
}
