import { describe, expect, it } from 'vitest';
import { createEngineHost } from '../../engine/worker/host';
import { colourForKey, layoutDiagram, pointOnPath } from './layout';

const view = () => createEngineHost().load({ scenario: 'orders' }).view;

describe('diagram layout', () => {
  it('places producers left of brokers and consumers right of them, without overlapping brokers', () => {
    const l = layoutDiagram(view(), 1200, 700);
    const producer = l.nodes['producer-checkout']!;
    const consumer = l.nodes['consumer-billing-1']!;
    const brokers = [1, 2, 3].map((id) => l.nodes[`broker-${id}`]!);
    for (const b of brokers) {
      expect(producer.x + producer.width).toBeLessThan(b.x);
      expect(consumer.x).toBeGreaterThan(b.x + b.width);
    }
    for (let i = 1; i < brokers.length; i++)
      expect(brokers[i]!.y).toBeGreaterThanOrEqual(brokers[i - 1]!.y + brokers[i - 1]!.height);
    expect(brokers[2]!.y + brokers[2]!.height).toBeLessThanOrEqual(700);
  });

  it('starts a message at its sender and ends it at its receiver', () => {
    const l = layoutDiagram(view(), 1200, 700);
    const from = l.nodes['producer-checkout']!;
    const to = l.nodes['broker-2']!;
    const start = pointOnPath(from, to, 0);
    const end = pointOnPath(from, to, 1);
    expect(start.x).toBe(from.x + from.width);
    expect(end.x).toBe(to.x);
  });

  it('gives each key one stable colour', () => {
    expect(colourForKey('alice')).toBe(colourForKey('alice'));
    expect(colourForKey(null)).not.toBe(colourForKey('alice'));
  });
});
