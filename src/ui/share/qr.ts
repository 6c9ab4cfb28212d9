// The QR code of a link, as an SVG path, from qrcode-generator (MIT, no dependencies). A projected QR
// code is clean but far away: error correction level L gives the fewest, and so the largest, modules
// for a given text; dirt and creases, which the higher levels are for, do not happen on a screen.
import qrcode from 'qrcode-generator';

/** Modules of light margin around the code, as the QR specification asks for. */
export const QUIET_ZONE = 4;

export type Qr = { ok: true; modules: number; size: number; path: string } | { ok: false; error: string };

/** Most characters a QR code holds in byte mode at level L (version 40). */
export const MAX_QR_CHARS = 2953;

export function qrFor(text: string): Qr {
  const code = qrcode(0, 'L');
  try {
    code.addData(text, 'Byte');
    code.make();
  } catch {
    return {
      ok: false,
      error: `This link is too long for a QR code (${text.length} characters; a QR code holds at most ${MAX_QR_CHARS}). Copy the link instead.`,
    };
  }
  const modules = code.getModuleCount();
  return {
    ok: true,
    modules,
    size: modules + 2 * QUIET_ZONE,
    path: darkRuns(modules, (r, c) => code.isDark(r, c)),
  };
}

/** One rectangle per horizontal run of dark modules: a few thousand path commands instead of tens of thousands. */
export function darkRuns(modules: number, isDark: (row: number, col: number) => boolean): string {
  const parts: string[] = [];
  for (let row = 0; row < modules; row++) {
    let col = 0;
    while (col < modules) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules && isDark(row, col)) col++;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h-${col - start}z`);
    }
  }
  return parts.join('');
}
