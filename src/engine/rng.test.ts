// The engine's PRNG: reproducible from its seed, serialisable, integer-only, unbiased, and with child
// seeds that keep subsystems independent.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { childSeed, createRng, fmix32, nextInt, nextUint32 } from './rng';
import { murmur2, utf8 } from './clients/murmur2';

const draws = (seed: number, count: number, bound = 1000): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => nextInt(rng, bound));
};

describe('fmix32 is MurmurHash3’s finaliser', () => {
  // MurmurHash3_x86_32 of the empty input is fmix32(seed). Vectors from bitcoin/bitcoin
  // src/test/hash_tests.cpp (murmurhash3): T(expected, seed, "").
  it.each([
    [0x00000000, 0x00000000],
    [0xfba4c795, 0x6a396f08],
    [0xffffffff, 0x81f16f39],
  ])('fmix32(%i) = %i, the MurmurHash3_x86_32 of "" with that seed', (seed, expected) => {
    expect(fmix32(seed)).toBe(expected);
  });

  it('each draw is fmix32 of a Weyl sequence stepping by 0x9e3779b9 (SplitMix construction)', () => {
    // Choose the state so that the first step lands on the bitcoin vector's seed 0xFBA4C795.
    const rng = createRng((0xfba4c795 - 0x9e3779b9) >>> 0);
    expect(nextUint32(rng)).toBe(0x6a396f08);
    expect(rng.s).toBe(0xfba4c795);
  });
});

describe('rng determinism', () => {
  it('the same seed gives the same sequence', () => {
    expect(draws(42, 500)).toEqual(draws(42, 500));
  });

  it('different seeds give different sequences', () => {
    expect(draws(42, 20)).not.toEqual(draws(43, 20));
    expect(draws(0, 20)).not.toEqual(draws(1, 20));
  });

  it('state survives a JSON round trip mid-stream and continues identically', () => {
    const live = createRng(7);
    for (let i = 0; i < 100; i++) nextUint32(live);
    const restored = JSON.parse(JSON.stringify(live)) as typeof live;
    const a = Array.from({ length: 100 }, () => nextInt(live, 97));
    const b = Array.from({ length: 100 }, () => nextInt(restored, 97));
    expect(b).toEqual(a);
  });

  it('two generators never share state', () => {
    const a = createRng(5);
    const b = createRng(5);
    nextUint32(a);
    expect(b.s).toBe(createRng(5).s);
  });

  it('seeds are taken mod 2^32, like a Java int cast', () => {
    expect(createRng(-1).s).toBe(0xffffffff);
    expect(draws(2 ** 32 + 5, 10)).toEqual(draws(5, 10));
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('rejects seed %s', (seed) => {
    expect(() => createRng(seed)).toThrow(RangeError);
    expect(() => childSeed(seed, 'x')).toThrow(RangeError);
  });
});

describe('nextInt bounds and uniformity', () => {
  it('stays in [0, bound) and returns integers only (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, bound) => {
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const v = nextInt(rng, bound);
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThan(bound);
        }
        expect(Number.isInteger(nextUint32(rng))).toBe(true);
      }),
    );
  });

  it('bound 1 always gives 0', () => {
    expect(draws(9, 50, 1)).toEqual(new Array<number>(50).fill(0));
  });

  it.each([0, -3, 2.5, Number.NaN, 2 ** 32 + 1])('rejects bound %s', (bound) => {
    expect(() => nextInt(createRng(1), bound)).toThrow(RangeError);
  });

  it('is roughly uniform: chi-square over 10 buckets, 100000 draws, fixed seed', () => {
    const n = 100_000;
    const counts = new Array<number>(10).fill(0);
    for (const v of draws(20240601, n, 10)) counts[v] = (counts[v] ?? 0) + 1;
    const expected = n / 10;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: 27.9 is the 0.1% critical value; 40 is generous and still catches real bias.
    expect(chiSquare).toBeLessThan(40);
  });

  it('has no modulo bias when bound does not divide 2^32', () => {
    // With bound = 3 * 2^30, a plain `x % bound` puts half of all draws in the first third.
    const bound = 3 * 2 ** 30;
    const rng = createRng(11);
    const n = 30_000;
    let firstThird = 0;
    for (let i = 0; i < n; i++) if (nextInt(rng, bound) < 2 ** 30) firstThird++;
    expect(firstThird / n).toBeGreaterThan(0.31);
    expect(firstThird / n).toBeLessThan(0.36);
  });
});

describe('childSeed', () => {
  const labels = ['producers', 'placement', 'network', 'groups', 'faults', ''];

  it('gives each subsystem label a different seed', () => {
    const seeds = labels.map((l) => childSeed(42, l));
    expect(new Set(seeds).size).toBe(labels.length);
  });

  it('is deterministic and a uint32', () => {
    expect(childSeed(42, 'producers')).toBe(childSeed(42, 'producers'));
    for (const l of labels) {
      const c = childSeed(42, l);
      expect(Number.isInteger(c) && c >= 0 && c < 2 ** 32).toBe(true);
    }
  });

  it('depends on the parent seed', () => {
    expect(childSeed(1, 'placement')).not.toBe(childSeed(2, 'placement'));
  });

  it('gives a stream that differs from the parent stream and from sibling streams', () => {
    const parent = draws(42, 20);
    const producers = draws(childSeed(42, 'producers'), 20);
    const placement = draws(childSeed(42, 'placement'), 20);
    expect(producers).not.toEqual(parent);
    expect(placement).not.toEqual(parent);
    expect(producers).not.toEqual(placement);
  });

  it('never maps two labels with different murmur2 hashes to one child seed (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.string(), (seed, a, b) => {
        fc.pre(murmur2(utf8(a)) !== murmur2(utf8(b)));
        expect(childSeed(seed, a)).not.toBe(childSeed(seed, b));
      }),
    );
  });
});
