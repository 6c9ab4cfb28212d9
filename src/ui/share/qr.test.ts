// The QR code drawing: the path covers exactly the dark modules, a typical link fits in a code a phone
// can read off a projector, and a link too long for any QR code says so.
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { darkRuns, MAX_QR_CHARS, QUIET_ZONE, qrFor } from './qr';

/** Paints a darkRuns path back into a grid of modules. */
function paint(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, w, back] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    expect(back).toBe(w);
    for (let c = x; c < x + w; c++) grid[y]![c] = true;
  }
  return grid;
}

const typicalUrl = `http://127.0.0.1:4173/#run=v1.1x2y3z.${'N4IgLgFg9mBcIGEA2BDAzgUwAQCUMDsATDAJwgGMI'.repeat(12)}`;

describe('QR codes of links', () => {
  it('draw exactly the dark modules of the code, inside a quiet zone', () => {
    const qr = qrFor(typicalUrl);
    expect(qr.ok).toBe(true);
    if (!qr.ok) return;
    const code = qrcode(0, 'L');
    code.addData(typicalUrl, 'Byte');
    code.make();
    const grid = paint(qr.path, qr.size);
    expect(qr.size).toBe(qr.modules + 2 * QUIET_ZONE);
    for (let r = 0; r < qr.size; r++)
      for (let c = 0; c < qr.size; c++) {
        const inside =
          r >= QUIET_ZONE && c >= QUIET_ZONE && r < qr.size - QUIET_ZONE && c < qr.size - QUIET_ZONE;
        expect(grid[r]![c], `module ${r},${c}`).toBe(inside && code.isDark(r - QUIET_ZONE, c - QUIET_ZONE));
      }
  });

  it('keep a typical link (about 500 characters) to at most 81 modules across', () => {
    const qr = qrFor(typicalUrl);
    expect(typicalUrl.length).toBeGreaterThan(450);
    expect(qr.ok && qr.modules).toBeLessThanOrEqual(81);
  });

  it('hold the longest link a QR code can, and say so past it instead of failing', () => {
    expect(qrFor('h'.repeat(MAX_QR_CHARS))).toMatchObject({ ok: true, modules: 177 });
    const tooLong = qrFor('h'.repeat(MAX_QR_CHARS + 1));
    expect(tooLong).toMatchObject({ ok: false });
    if (!tooLong.ok) expect(tooLong.error).toMatch(/too long for a QR code \(2954 characters/);
  });

  it('merge runs of dark modules into one rectangle each', () => {
    const row = [true, true, false, true];
    expect(darkRuns(4, (r, c) => r === 0 && row[c]!)).toBe('M4 4h2v1h-2zM7 4h1v1h-1z');
  });
});
