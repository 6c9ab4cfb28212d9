import { describe, expect, it } from 'vitest';
import {
  colourForKey,
  contrast,
  INK,
  KEY_COLOURS,
  luminance,
  NULL_KEY_COLOUR,
  ROLE_COLOURS,
  SHARE_STATE_COLOURS,
  shareStateInk,
} from './colours';

describe('colours', () => {
  it('gives each key one stable colour, and null keys their own', () => {
    expect(colourForKey('alice')).toBe(colourForKey('alice'));
    expect(colourForKey(null)).toBe(NULL_KEY_COLOUR);
    expect(KEY_COLOURS).not.toContain(NULL_KEY_COLOUR);
  });

  it('spreads a handful of keys over several colours', () => {
    const keys = ['alice', 'bob', 'carol', 'dave', 'erin'];
    expect(new Set(keys.map(colourForKey)).size).toBeGreaterThanOrEqual(4);
  });

  it('keeps offsets printed in ink readable on every key colour (WCAG AA, 4.5:1)', () => {
    for (const c of [...KEY_COLOURS, NULL_KEY_COLOUR]) expect(contrast(c, INK)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps white text readable on the filled role colours', () => {
    for (const c of Object.values(ROLE_COLOURS)) expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the text on each share-partition record state readable, and the states apart in lightness', () => {
    const states = Object.entries(SHARE_STATE_COLOURS) as [keyof typeof SHARE_STATE_COLOURS, string][];
    for (const [state, c] of states) expect(contrast(c, shareStateInk(state))).toBeGreaterThanOrEqual(4.5);
    // Each state differs from the others in lightness, not only in hue (colour-blind students, projectors).
    const l = states.map(([, c]) => luminance(c)).sort((a, b) => a - b);
    for (let i = 1; i < l.length; i++) expect(l[i]! - l[i - 1]!).toBeGreaterThan(0.08);
  });
});
