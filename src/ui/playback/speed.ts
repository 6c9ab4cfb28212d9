// Speed on a log scale from 0.1× to 100×, as RaftScope's slider: each notch multiplies by about 2–2.5,
// so slow motion and fast-forward are equally easy to reach. The slider moves over notch indices.
export const SPEEDS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100] as const;

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(100, Math.max(0.1, speed));
}

/** The notch nearest to a speed, measured on the log scale. */
export function notchOf(speed: number): number {
  const target = Math.log10(clampSpeed(speed));
  let best = 0;
  SPEEDS.forEach((s, i) => {
    if (Math.abs(Math.log10(s) - target) < Math.abs(Math.log10(SPEEDS[best]!) - target)) best = i;
  });
  return best;
}

export function speedAt(notch: number): number {
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, Math.round(notch)))]!;
}

export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
