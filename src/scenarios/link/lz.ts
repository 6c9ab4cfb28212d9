// lz-string's URI-safe compression, with our own decompressor. lz-string's decompressor has no output
// limit, and LZW lets a 20,000-character link expand to tens of millions of characters, so a hostile link
// could freeze the tab. This is the same algorithm (lz-string 1.5.0, `_decompress` with 6-bit input),
// rewritten to stop as soon as the output passes a limit and to report damage instead of returning
// partial text. lz.test.ts checks that it agrees with lz-string on everything lz-string compresses.
import LZString from 'lz-string';

export const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

/** Character code → 6-bit value, or -1 for a character outside the alphabet. */
const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < URI_ALPHABET.length; i++) VALUE_OF[URI_ALPHABET.charCodeAt(i)] = i;

export function compress(text: string): string {
  return LZString.compressToEncodedURIComponent(text);
}

export type Inflated = { ok: true; text: string } | { ok: false; reason: 'damaged' | 'tooLarge' };

/** Reads the compressed stream bit by bit, as lz-string does: low bits first, 6 bits per character. */
class BitReader {
  private value: number;
  private mask = 32;
  /** Index of the next character to load; lz-string compares it with the length to detect the end. */
  index = 1;

  constructor(private readonly values: Uint8Array) {
    this.value = values[0] ?? 0;
  }

  /** `bitCount` stays below 31: it is at most 16 for a literal, and code widths grow with the log of the input. */
  read(bitCount: number): number {
    let bits = 0;
    for (let power = 1, end = 1 << bitCount; power !== end; power <<= 1) {
      if (this.value & this.mask) bits |= power;
      this.mask >>= 1;
      if (this.mask === 0) {
        this.mask = 32;
        // Past the end lz-string reads zeros; the caller notices the end before using them.
        this.value = this.values[this.index++] ?? 0;
      }
    }
    return bits;
  }
}

/**
 * Decompresses the output of lz-string's `compressToEncodedURIComponent`, refusing to produce more than
 * `maxChars` characters. Anything lz-string would turn into null, an empty string or garbage is `damaged`.
 */
export function decompressBounded(input: string, maxChars: number): Inflated {
  // A '+' in a link may have become a space (code 32) on its way through a form or a chat, as lz-string allows.
  const values = new Uint8Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    const value = code === 32 ? VALUE_OF[43]! : code < 128 ? VALUE_OF[code]! : -1;
    if (value < 0) return { ok: false, reason: 'damaged' };
    values[i] = value;
  }
  if (values.length === 0) return { ok: false, reason: 'damaged' };
  const reader = new BitReader(values);
  const first = literal(reader, reader.read(2));
  if (first === null) return { ok: false, reason: 'damaged' };

  const dictionary: string[] = ['', '', '', first];
  let enlargeIn = 4;
  let numBits = 3;
  let previous = first;
  const parts = [first];
  let length = first.length;
  for (;;) {
    if (reader.index > values.length) return { ok: false, reason: 'damaged' };
    let code = reader.read(numBits);
    if (code === 2) return { ok: true, text: parts.join('') };
    if (code < 2) {
      dictionary.push(literal(reader, code)!);
      code = dictionary.length - 1;
      if (--enlargeIn === 0) enlargeIn = 2 ** numBits++;
    }
    let entry: string;
    if (code < dictionary.length) entry = dictionary[code]!;
    else if (code === dictionary.length) entry = previous + previous.charAt(0);
    else return { ok: false, reason: 'damaged' };
    parts.push(entry);
    length += entry.length;
    if (length > maxChars) return { ok: false, reason: 'tooLarge' };
    dictionary.push(previous + entry.charAt(0));
    previous = entry;
    if (--enlargeIn === 0) enlargeIn = 2 ** numBits++;
  }
}

/** Code 0 is an 8-bit character, code 1 a 16-bit one; anything else is not a literal. */
function literal(reader: BitReader, code: number): string | null {
  if (code === 0) return String.fromCharCode(reader.read(8));
  if (code === 1) return String.fromCharCode(reader.read(16));
  return null;
}
