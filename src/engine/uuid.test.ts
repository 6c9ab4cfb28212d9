// Kafka's Uuid string form (base64url of the 16 bytes, no padding) and randomUuid's version-4 ids.
import { describe, expect, it } from 'vitest';
import { childSeed, createRng } from './rng';
import { randomUuid, uuidToString } from './uuid';

const decode = (id: string): number[] => [...Buffer.from(id, 'base64url')];

describe('Uuid', () => {
  it('prints as Kafka prints it: Uuid.METADATA_TOPIC_ID (0, 1) is AAAAAAAAAAAAAAAAAAAAAQ', () => {
    expect(uuidToString([...Array<number>(15).fill(0), 1])).toBe('AAAAAAAAAAAAAAAAAAAAAQ');
    expect(uuidToString(Array<number>(16).fill(0xff))).toBe('_____________________w');
  });

  it('draws version-4 ids of 22 characters that never start with "-", the same for the same seed', () => {
    const rng = createRng(childSeed(42, 'members'));
    const ids = Array.from({ length: 2_000 }, () => randomUuid(rng));
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      const bytes = decode(id);
      expect(bytes[6]! >> 4).toBe(4);
      expect(bytes[8]! >> 6).toBe(2);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const again = createRng(childSeed(42, 'members'));
    expect(Array.from({ length: 3 }, () => randomUuid(again))).toEqual(ids.slice(0, 3));
  });
});
