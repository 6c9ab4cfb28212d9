// A little byte codec for frozen checkpoints (sim/frozen.ts): unsigned varints, zigzag for signed
// values, and times as small integer deltas where that is exact, else the raw float. Most of a frozen
// record is deltas of one or two bytes, where the live object costs eight per field.

/** Appends bytes to a buffer that grows by doubling; `take` copies out exactly what was written. */
export class ByteWriter {
  private buf = new Uint8Array(4096);
  private n = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64Bytes = new Uint8Array(this.f64.buffer);

  reset(): void {
    this.n = 0;
  }

  get length(): number {
    return this.n;
  }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  /** A non-negative integer below 2^53. */
  uint(v: number): void {
    this.room(8);
    while (v >= 0x80) {
      this.buf[this.n++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.n++] = v;
  }

  /** A signed integer of magnitude below 2^52. */
  int(v: number): void {
    this.uint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  f64raw(v: number): void {
    this.room(8);
    this.f64[0] = v;
    this.buf.set(this.f64Bytes, this.n);
    this.n += 8;
  }

  /**
   * A time relative to `base`: 0 for -1 (never), an exact integer delta when base + delta gives back
   * the time, else the float itself. Virtual times are mostly whole milliseconds close to each other.
   */
  time(t: number, base: number): void {
    if (t === -1) return this.uint(0);
    const d = t - base;
    if (Number.isInteger(d) && Math.abs(d) < 2 ** 40 && base + d === t)
      return this.uint(2 + 2 * (d >= 0 ? d * 2 : -d * 2 - 1));
    this.uint(1);
    this.f64raw(t);
  }

  take(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

export class ByteReader {
  private i = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64Bytes = new Uint8Array(this.f64.buffer);

  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let b = this.buf[this.i++]!;
    if (b < 0x80) return b;
    let v = b & 0x7f;
    let scale = 0x80;
    do {
      b = this.buf[this.i++]!;
      v += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b >= 0x80);
    return v;
  }

  int(): number {
    const u = this.uint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  f64raw(): number {
    this.f64Bytes.set(this.buf.subarray(this.i, this.i + 8));
    this.i += 8;
    return this.f64[0]!;
  }

  time(base: number): number {
    const u = this.uint();
    if (u === 0) return -1;
    if (u === 1) return this.f64raw();
    const z = (u - 2) / 2;
    return base + (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
  }

  get done(): boolean {
    return this.i >= this.buf.length;
  }
}
