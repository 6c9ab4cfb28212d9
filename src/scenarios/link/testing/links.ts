// Hand-made links for the tests: any JSON inside a well-formed v1 or v2 frame (a valid check code, so
// that the validator is what answers), and links in the legacy v0 format.
import { checksum } from '../envelope';
import { compress } from '../lz';

const framed = (version: number, packed: unknown): string => {
  const json = typeof packed === 'string' ? packed : JSON.stringify(packed);
  return `v${version}.${checksum(json)}.${compress(json)}`;
};

/** A v1 link around arbitrary packed data: `[scenario, seed, positionMs, [[step, code, …fields]]]`. */
export const rawV1 = (packed: unknown): string => framed(1, packed);

/** A v2 link around arbitrary packed data: `[engineVersion, <a v1 packed run>]`. */
export const rawV2 = (packed: unknown): string => framed(2, packed);

/** A link as the legacy format wrote it: `{ scenario, seed, position, log: [{ at, command }] }`. */
export function legacyV0(doc: unknown): string {
  return `v0.${encodeURIComponent(JSON.stringify(doc))}`;
}
