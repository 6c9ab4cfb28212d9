// Colours that carry meaning on a projector. Keys get one stable colour each (hashed, not by first
// appearance) so that a key keeps its colour across runs and share links; every key colour keeps
// dark ink readable on it (WCAG AA), because record chips print their offset on top.
export const INK = '#1d2433';

export const ROLE_COLOURS = {
  leader: '#1f5fd1',
  isr: '#217a46',
  out: '#c62a3b',
  offline: '#6b7385',
} as const;

export const KEY_COLOURS = [
  '#f2b134',
  '#4fb0c6',
  '#ef8aa1',
  '#7bc96f',
  '#c3a2f0',
  '#f5a05a',
  '#79b8ff',
  '#d9c84f',
  '#ffb3ba',
  '#59c2a3',
] as const;

/** Records without a key (the sticky partitioner's records) share one neutral colour. */
export const NULL_KEY_COLOUR = '#b9c1cf';

export function colourForKey(key: string | null): string {
  if (key === null) return NULL_KEY_COLOUR;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return KEY_COLOURS[Math.abs(h) % KEY_COLOURS.length]!;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * A share-partition's record states (KIP-932's RecordState), as its rows in the partition log fill them:
 * AVAILABLE pale, ACQUIRED amber (a lock is held), ACKNOWLEDGED green (done), ARCHIVED dark grey (given
 * up). Distinct in lightness too, so they stay apart for colour-blind students and on a washed-out
 * projector; ARCHIVED carries white text, the others ink.
 */
export const SHARE_STATE_COLOURS = {
  AVAILABLE: '#e3ebf8',
  ACQUIRED: '#e09a1a',
  ACKNOWLEDGED: '#b8e6c1',
  ARCHIVED: '#5b6374',
} as const;

export const shareStateInk = (state: keyof typeof SHARE_STATE_COLOURS): string =>
  state === 'ARCHIVED' ? '#ffffff' : INK;
