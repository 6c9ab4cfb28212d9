// Record sizes count UTF-8 bytes exactly as the key hash's encoder writes them.
import { describe, expect, it } from 'vitest';
import { utf8 } from '../clients/murmur2';
import { utf8Length } from './produce';

describe('utf8Length', () => {
  it.each([
    '',
    'abc',
    'é',
    'héllo',
    '€',
    '日本語',
    '😀',
    'a😀b',
    '\ud800',
    '\udc00',
    '\ud800x',
    'x\udfff\ud83d',
  ])('counts %j as utf8() encodes it, unpaired surrogates as one byte', (s) => {
    expect(utf8Length(s)).toBe(utf8(s).length);
  });
});
