import { describe, expect, it } from 'vitest';
import { producerNaturalEm, wrappingLines } from './producerLines';

const em = 14;
/** The narrowest producer column (13 em) at the smallest root font. */
const box = (heightEm: number) => ({ width: 13 * em, height: heightEm * em });
const BLOCKED = 'send() blocked: buffer.memory full';
const long = {
  topic: '→ payment_successful · 2 records/s',
  keys: 'keys alice, bob, carol, dave, erin in turn',
  status: BLOCKED,
};

describe('a producer card’s long lines', () => {
  it('all get a second line in a card of the natural height', () => {
    expect(wrappingLines(long, box(producerNaturalEm(em)), em)).toEqual(new Set(['status', 'topic', 'keys']));
  });

  it('keep one line each when the card has no line to spare, and give a blocked send() the first spare', () => {
    // At 14 px the lines are 13 px (the smallest text), 1.2 em high each with their line-height.
    expect(wrappingLines(long, box(9.2), em)).toEqual(new Set());
    expect(wrappingLines(long, box(10.6), em)).toEqual(new Set(['status']));
    expect(wrappingLines({ ...long, status: null }, box(10.6), em)).toEqual(new Set(['topic']));
  });

  it('are as tall as their text, which never goes below the smallest size', () => {
    // 12 em where no floor applies (1920×1080); taller at 1280×720, where the 0.85rem lines are 13 px.
    expect(producerNaturalEm(18.24)).toBe(12);
    expect(producerNaturalEm(14)).toBeGreaterThan(12.5);
  });

  it('leave short lines alone', () => {
    const short = { topic: '→ orders · 2 records/s', keys: 'random key of 3', status: '12 sent' };
    expect(wrappingLines(short, box(producerNaturalEm(em)), em)).toEqual(new Set());
  });

  it('wrap what is too long in a narrow card but fits a wide one', () => {
    const wide = { width: 20 * em, height: producerNaturalEm(em) * em };
    const keys = 'keys alice, bob, carol, dave, erin, frank, grace in turn';
    expect(wrappingLines({ ...long, keys }, wide, em)).toEqual(new Set(['keys']));
  });
});
