// The engine's only source of randomness: a seeded 32-bit generator whose whole state is one integer in a
// plain object, so it is cloned with the simulation state, survives JSON and the worker boundary, and a
// run is reproduced from (scenario, seed, command log) alone. The API has no floats (TigerBeetle's PRNG
// rule): every draw is an exact integer, identical on every JS engine.
//
// The generator is SplitMix-style: a Weyl sequence (add the golden-ratio constant, wrapping at 2^32) fed
// through MurmurHash3's 32-bit finaliser fmix32. Its period is 2^32 draws, plenty for a teaching simulator.
import { murmur2, utf8 } from './clients/murmur2';

/** Mutable on purpose: each subsystem owns one of these inside SimState and draws advance it in place. */
export interface RngState {
  /** The Weyl counter, a uint32. */
  s: number;
}

const GOLDEN_GAMMA = 0x9e3779b9;
const UINT32_RANGE = 0x1_0000_0000;

/** MurmurHash3's fmix32: a bijection on uint32 that spreads every input bit across the output. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Seeds are taken mod 2^32, as Java's `(int) seed` would, so any integer is a valid seed. */
export function createRng(seed: number): RngState {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return { s: seed >>> 0 };
}

/** The next uniformly distributed uint32; advances `rng`. */
export function nextUint32(rng: RngState): number {
  rng.s = (rng.s + GOLDEN_GAMMA) >>> 0;
  return fmix32(rng.s);
}

/**
 * A uniform integer in [0, bound), like Java's Random.nextInt(bound). A plain `% bound` would favour small
 * values whenever bound does not divide 2^32, so draws below 2^32 mod bound are rejected and redrawn.
 */
export function nextInt(rng: RngState, bound: number): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > UINT32_RANGE) {
    throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
  }
  const threshold = UINT32_RANGE % bound;
  for (;;) {
    const x = nextUint32(rng);
    if (x >= threshold) return x % bound;
  }
}

/**
 * An independent seed for one subsystem ('producers', 'placement', …), so that adding a draw in one place
 * never shifts the draws of another. Distinct labels give distinct child seeds of one parent unless their
 * murmur2 hashes collide, because XOR with a fixed value and fmix32 are both bijections.
 */
export function childSeed(seed: number, label: string): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return fmix32(fmix32(seed >>> 0) ^ murmur2(utf8(label)));
}
