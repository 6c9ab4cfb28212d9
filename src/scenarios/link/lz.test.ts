import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { compress, decompressBounded, URI_ALPHABET } from './lz';

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json());
const lzAlphabetText = fc.string({ unit: fc.constantFrom(...URI_ALPHABET), maxLength: 200 });

describe('the bounded decompressor', () => {
  it('gives back exactly what lz-string compressed (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        fc.pre(text.length > 0);
        expect(decompressBounded(compress(text), 1_000_000)).toStrictEqual({ ok: true, text });
      }),
      { numRuns: 2000 },
    );
  });

  it('never disagrees with lz-string: when it answers, lz-string gives the same text (property)', () => {
    const agrees = (input: string) => {
      const ours = decompressBounded(input, 1_000_000);
      if (ours.ok) expect(LZString.decompressFromEncodedURIComponent(input)).toBe(ours.text);
    };
    fc.assert(
      fc.property(anyText, fc.nat(), (text, cut) => {
        const compressed = compress(text);
        agrees(compressed.slice(0, cut % (compressed.length + 1)));
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(lzAlphabetText, agrees), { numRuns: 5000 });
  });

  it('agrees with lz-string on a large input, where code widths grow past 14 bits', () => {
    const text = JSON.stringify(Array.from({ length: 6000 }, (_, i) => [(i * 7919) % 100_003, `k${i}`]));
    const compressed = compress(text);
    expect(compressed.length).toBeGreaterThan(15_000);
    expect(decompressBounded(compressed, 1_000_000)).toStrictEqual({ ok: true, text });
  });

  it('reports a cut-off stream as damaged rather than returning part of it', () => {
    const compressed = compress(JSON.stringify({ hello: 'world', n: [1, 2, 3, 4, 5, 6, 7, 8, 9] }));
    expect(decompressBounded(compressed.slice(0, -3), 1000)).toStrictEqual({ ok: false, reason: 'damaged' });
    expect(decompressBounded('', 1000)).toStrictEqual({ ok: false, reason: 'damaged' });
    expect(decompressBounded('abc!', 1000)).toStrictEqual({ ok: false, reason: 'damaged' });
  });

  it('stops as soon as the output passes the limit (a decompression bomb)', () => {
    // 250,000 characters squeeze into about a thousand; a 20,000-character link could hold tens of millions.
    const bomb = compress('a'.repeat(250_000));
    expect(bomb.length).toBeLessThan(2_000);
    expect(decompressBounded(bomb, 200_000)).toStrictEqual({ ok: false, reason: 'tooLarge' });
    expect(decompressBounded(bomb, 250_000)).toStrictEqual({ ok: true, text: 'a'.repeat(250_000) });
  });
});
