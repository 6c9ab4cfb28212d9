import { describe, expect, it } from 'vitest';
import { PRODUCER_NATURAL_EM } from './layout';
import { wrappingLines } from './producerLines';

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
    expect(wrappingLines(long, box(PRODUCER_NATURAL_EM), em)).toEqual(new Set(['status', 'topic', 'keys']));
  });

  it('keep one line each when the card has no line to spare, and give a blocked send() the first spare', () => {
    expect(wrappingLines(long, box(8.6), em)).toEqual(new Set());
    expect(wrappingLines(long, box(9.8), em)).toEqual(new Set(['status']));
    expect(wrappingLines({ ...long, status: null }, box(9.8), em)).toEqual(new Set(['topic']));
  });

  it('leave short lines alone', () => {
    const short = { topic: '→ orders · 2 records/s', keys: 'random key of 3', status: '12 sent' };
    expect(wrappingLines(short, box(PRODUCER_NATURAL_EM), em)).toEqual(new Set());
  });

  it('wrap what is too long in a narrow card but fits a wide one', () => {
    const wide = { width: 20 * em, height: PRODUCER_NATURAL_EM * em };
    const keys = 'keys alice, bob, carol, dave, erin, frank, grace in turn';
    expect(wrappingLines({ ...long, keys }, wide, em)).toEqual(new Set(['keys']));
  });
});
