import { describe, expect, it } from 'vitest';
import { eventLines, eventTone } from './events';

const e = (atMs: number, type: string, text: string) => ({ atMs, type, text });

describe('event log lines', () => {
  it('lists newest first and collapses consecutive repeats into a count', () => {
    const lines = eventLines(
      [
        e(1, 'brokerKilled', 'Broker 1 crashed.'),
        e(2, 'produceRejected', 'NOT_ENOUGH_REPLICAS: …'),
        e(3, 'produceRejected', 'NOT_ENOUGH_REPLICAS: …'),
        e(4, 'produceRejected', 'NOT_ENOUGH_REPLICAS: …'),
        e(5, 'isrExpanded', 'Broker 1 caught up.'),
      ],
      10,
    );
    expect(lines.map((l) => [l.type, l.count, l.atMs])).toEqual([
      ['isrExpanded', 1, 5],
      ['produceRejected', 3, 4],
      ['brokerKilled', 1, 1],
    ]);
  });

  it('also counts repeats that alternate between a few lines (two partitions rejecting in turn)', () => {
    const a = e(0, 'produceRejected', 'NOT_ENOUGH_REPLICAS on orders-1');
    const b = e(0, 'produceRejected', 'NOT_ENOUGH_REPLICAS on orders-2');
    const lines = eventLines([e(0, 'brokerKilled', 'Broker 3 crashed.'), a, b, a, b, a, b], 10);
    expect(lines.map((l) => [l.text, l.count])).toEqual([
      ['NOT_ENOUGH_REPLICAS on orders-2', 3],
      ['NOT_ENOUGH_REPLICAS on orders-1', 3],
      ['Broker 3 crashed.', 1],
    ]);
  });

  it('keeps at most the limit', () => {
    const many = Array.from({ length: 50 }, (_, i) => e(i, 't', `event ${i}`));
    const lines = eventLines(many, 5);
    expect(lines.map((l) => l.text)).toEqual(['event 49', 'event 48', 'event 47', 'event 46', 'event 45']);
  });

  it('colours failures red and recoveries green', () => {
    expect(eventTone('recordLost')).toBe('bad');
    expect(eventTone('produceRejected')).toBe('bad');
    expect(eventTone('leaderElected')).toBe('leader');
    expect(eventTone('isrExpanded')).toBe('good');
    expect(eventTone('topicConfigChanged')).toBe('plain');
  });
});
