// The producer's key hash, bit for bit as Kafka's Java client computes it, so that a key lands on the same
// partition in the simulator as it would on a real cluster (Utils.murmur2, Utils.toPositive and
// BuiltInPartitioner.partitionForKey in clients/src/main/java/org/apache/kafka/...).

// MurmurHash2's mixing constants and the seed Kafka chose for it.
const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/**
 * Utils.murmur2: a signed 32-bit hash of the key bytes. Every step is Java `int` arithmetic, so
 * multiplication goes through Math.imul (wrapping mod 2^32) and shifts are unsigned (`>>>`).
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  // A DataView reads little-endian words without the undefined checks that indexing would need.
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let h = SEED ^ length;
  const words = length >>> 2;
  for (let i = 0; i < words; i++) {
    let k = view.getInt32(i * 4, true);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // The last 1 to 3 bytes, with Java's deliberate switch fall-through spelled out.
  const tail = length & ~3;
  const rest = length & 3;
  if (rest === 3) h ^= view.getUint8(tail + 2) << 16;
  if (rest >= 2) h ^= view.getUint8(tail + 1) << 8;
  if (rest >= 1) {
    h ^= view.getUint8(tail);
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h;
}

/**
 * Utils.toPositive: clears the sign bit. Not Math.abs: for a negative hash the two pick different
 * partitions, and Java's Math.abs(Integer.MIN_VALUE) is still negative, which is why Kafka masks.
 */
export function toPositive(x: number): number {
  return x & 0x7fffffff;
}

/**
 * The bytes StringSerializer produces: String.getBytes(UTF_8). Java replaces an unpaired surrogate with
 * the encoder's replacement byte '?' (0x3F), where TextEncoder and Node's Buffer would write U+FFFD
 * (EF BF BD); the two give different hashes, so the simulator follows Java
 * (String.encodeUTF8_UTF16 in OpenJDK). It is written out by hand because lib ES2022 has no TextEncoder.
 */
export function utf8(key: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
    } else if (c < 0x800) {
      out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else if (c < 0xd800 || c > 0xdfff) {
      out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else {
      const next = i + 1 < key.length ? key.charCodeAt(i + 1) : -1;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out.push(
          0xf0 | (cp >> 18),
          0x80 | ((cp >> 12) & 0x3f),
          0x80 | ((cp >> 6) & 0x3f),
          0x80 | (cp & 0x3f),
        );
        i++;
      } else {
        // Only the unpaired unit is replaced; the character after it is encoded on its own, as in Java.
        out.push(0x3f);
      }
    }
  }
  return Uint8Array.from(out);
}

/**
 * BuiltInPartitioner.partitionForKey: toPositive(murmur2(keyBytes)) % partitionCount. partitionCount is
 * the topic's total partition count, leaderless partitions included, so a key's partition never moves
 * while a broker is down.
 */
export function partitionForKey(key: string | Uint8Array, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`partitionCount must be a positive integer, got ${partitionCount}`);
  }
  const bytes = typeof key === 'string' ? utf8(key) : key;
  return toPositive(murmur2(bytes)) % partitionCount;
}
