import { describe, expect, it } from 'vitest';
import { createEngineHost } from '../../engine/worker/host';
import { structureOf, type DiagramStructure } from '../model/structure';
import { fitCells } from './brokerGrid';
import { cellLabels, groupHeaderEm, layoutDiagram, replicaKey, type Box } from './layout';
import { longestNameEm, narrowestRowCard, rowColumns, textEm } from './replicaRows';
import { MIN_TEXT_PX } from './typeScale';
import { computePath, flightFraction, pointOnPath } from './paths';

const orders = () => structureOf(createEngineHost().load({ scenario: 'orders' }).view, new Set());

function cluster(brokers: number, replicasPerBroker: number): DiagramStructure {
  return {
    key: 'x',
    brokers: Array.from({ length: brokers }, (_, b) => ({
      id: b + 1,
      partitionIds: Array.from({ length: replicasPerBroker }, (_, k) => `t-${b * replicasPerBroker + k}`),
    })),
    producers: ['p1', 'p2', 'p3'],
    groups: [
      { groupId: 'g1', topic: 't', members: ['g1-1', 'g1-2', 'g1-3'] },
      { groupId: 'g2', topic: 't', members: ['g2-1'] },
    ],
    shareGroups: [],
  };
}

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('diagram layout', () => {
  it('places producers left of the brokers and group members right of them', () => {
    const l = layoutDiagram(orders(), 1270, 900, 18);
    const producer = l.nodes['producer-checkout']!;
    const consumer = l.nodes['consumer-billing-1']!;
    for (const id of [1, 2, 3]) {
      const b = l.nodes[`broker-${id}`]!;
      expect(producer.x + producer.width).toBeLessThan(b.x);
      expect(consumer.x).toBeGreaterThan(b.x + b.width);
    }
    expect(inside(consumer, l.nodes['group-billing']!)).toBe(true);
  });

  it('gives a small classroom cluster roomy rows with log strips, in one column', () => {
    for (const [w, h, em] of [
      [1270, 900, 18],
      [845, 540, 14],
    ] as const) {
      const l = layoutDiagram(orders(), w, h, em);
      expect(l.mode).toBe('rows');
      expect(l.stripRecords).toBeGreaterThanOrEqual(4);
      const xs = new Set([1, 2, 3].map((id) => l.nodes[`broker-${id}`]!.x));
      expect(xs.size).toBe(1);
    }
  });

  it('falls back to a grid of replica cells for a 50-broker cluster, with nothing overlapping', () => {
    const s = cluster(50, 60);
    const l = layoutDiagram(s, 1270, 900, 18);
    expect(l.mode).toBe('cells');
    expect(l.unit).toBeGreaterThanOrEqual(6);
    const brokers = s.brokers.map((b) => l.nodes[`broker-${b.id}`]!);
    for (let i = 0; i < brokers.length; i++)
      for (let j = i + 1; j < brokers.length; j++) expect(overlap(brokers[i]!, brokers[j]!)).toBe(false);
    for (const b of s.brokers)
      for (const pid of b.partitionIds)
        expect(inside(l.replicas[replicaKey(b.id, pid)]!, l.nodes[`broker-${b.id}`]!)).toBe(true);
  });

  it('keeps every broker card and replica row on screen', () => {
    for (const [brokers, per] of [
      [3, 3],
      [6, 18],
      [12, 9],
      [50, 60],
    ] as const) {
      const s = cluster(brokers, per);
      const screen = { x: 0, y: 0, width: 845, height: 540 };
      const l = layoutDiagram(s, screen.width, screen.height, 14);
      for (const b of s.brokers) {
        expect(inside(l.nodes[`broker-${b.id}`]!, screen)).toBe(true);
        for (const pid of b.partitionIds)
          expect(inside(l.replicas[replicaKey(b.id, pid)]!, l.nodes[`broker-${b.id}`]!)).toBe(true);
      }
    }
  });

  it('fits cells as large as possible', () => {
    expect(fitCells(4, 100, 100)).toEqual({ unit: 50, cellColumns: 2 });
    expect(fitCells(3, 300, 100)).toEqual({ unit: 64, cellColumns: 3 });
  });
});

describe('replica rows', () => {
  const taxi = () => structureOf(createEngineHost().load({ scenario: 'taxi-booking' }).view, new Set());
  const ids = ['ride-events-0', 'ride-events-1', 'ride-events-2'];

  it('gives the classroom cluster roomy rows with whole partition names beside an open lesson (1920×1080)', () => {
    // The diagram's size between the lesson and the readouts at 1920×1080 (styles.css), root font 18.24 px.
    const l = layoutDiagram(taxi(), 1037, 900, 18.24);
    expect(l.mode).toBe('rows');
    expect(l.nameEm).toBeGreaterThanOrEqual(longestNameEm(ids) - 1e-9);
    expect(l.stripRecords).toBeGreaterThanOrEqual(2);
  });

  it('shrinks the row font, never below legible, before it cuts a name; a wide card keeps its large font', () => {
    const wide = rowColumns('rows', 60, 730, 18, ids);
    expect(wide.rowFont).toBeCloseTo(1.2 * 18);
    expect(wide.nameEm).toBeGreaterThanOrEqual(longestNameEm(ids) - 1e-9);
    const narrow = rowColumns('rows', 60, 460, 18, ids);
    expect(narrow.rowFont).toBeLessThan(wide.rowFont);
    expect(narrow.rowFont).toBeGreaterThanOrEqual(0.95 * 18);
    expect(narrow.nameEm).toBeGreaterThanOrEqual(longestNameEm(ids) - 1e-9);
    expect(narrow.stripRecords).toBeGreaterThanOrEqual(2);
  });

  it('keeps the last two records when a name is too long for the card, and the column never narrower than before', () => {
    const long = ['inventory_reserved-0', 'inventory_reserved-1'];
    const c = rowColumns('compact', 30, 260, 14, long);
    expect(c.nameEm).toBeLessThan(longestNameEm(long));
    expect(c.nameEm).toBeGreaterThanOrEqual(5.6);
    expect(c.stripRecords).toBe(2);
    // The bare log end offset gives way before the name is cut further.
    expect(c.rowSizes.leoWidth).toBe(0);
    // What is left after the name, the badge, two chips and the gaps, padding and borders fits the card.
    const chip = c.rowSizes.recWidth + 2;
    const gaps = 2 * 0.3 * c.rowFont + 0.5 * c.rowFont + 18;
    expect(c.nameEm * c.rowFont + c.rowSizes.badgeWidth + 2 * chip + gaps).toBeLessThanOrEqual(260 + 0.5);
  });

  it('never draws a row’s text below the smallest size, and widens the role column to fit it', () => {
    // At 1280×720 (root font 14 px) 0.72 em would be 10 px and 0.84 of it a 8.5 px role badge.
    for (const [mode, width] of [
      ['compact', 260],
      ['rows', 410],
    ] as const) {
      const c = rowColumns(mode, 36, width, 14, ids);
      expect(c.rowFont).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      for (const font of [c.rowSizes.badgeFont, c.rowSizes.recFont, c.rowSizes.leoFont])
        expect(font).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      // "out of ISR" in bold at the badge's font, with its padding and borders.
      expect(c.rowSizes.badgeWidth).toBeGreaterThanOrEqual(textEm('out of ISR') * c.rowSizes.badgeFont + 4);
    }
    // Where no floor applies (1920×1080) the columns keep their share of the row font.
    const big = rowColumns('rows', 60, 730, 18.24, ids);
    expect(big.rowSizes.badgeWidth).toBeCloseTo(5.8 * big.rowFont);
    expect(big.rowSizes.recFont).toBeCloseTo(0.76 * big.rowFont);
  });

  it('picks compact rows, not cells, for a card too narrow for them at the smallest text no more', () => {
    // Two columns of 208 px cards at 1280×720 would need 10 px text: one column of wide cards instead.
    const l = layoutDiagram(cluster(3, 6), 880, 600, 14);
    expect(l.mode).toBe('compact');
    expect(l.nodes['broker-1']!.width).toBeGreaterThanOrEqual(narrowestRowCard('compact', 14));
    expect(l.rowFont).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  });

  it('keeps the broker status whole: a narrower card says "Kill", a narrow one puts the status under the name', () => {
    // Without a lesson at 1920×1080, beside one, and beside one at 1280×720 (root font 14 px, the lesson
    // at its narrowest, styles.css).
    const wide = layoutDiagram(taxi(), 1395, 900, 18.24);
    const short = layoutDiagram(taxi(), 1037, 900, 18.24);
    const stacked = layoutDiagram(taxi(), 692, 560, 14);
    expect([wide.brokerHeader, short.brokerHeader, stacked.brokerHeader]).toEqual([
      'wide',
      'short',
      'stacked',
    ]);
    expect(stacked.mode).toBe('compact');
    // The stacked status line is part of the header, so the rows (and the messages landing on them) move down.
    expect(stacked.header).toBeCloseTo((2.3 + 1.2) * 14);
    const card = stacked.nodes['broker-1']!;
    expect(stacked.replicas[replicaKey(1, 'ride-events-0')]!.y).toBeCloseTo(card.y + stacked.header);
  });

  it('estimates a name as wide as bold sans draws it, give or take', () => {
    // "ride-events-0" in Arial Bold is 6.22 em; the column adds the button's padding.
    expect(longestNameEm(['ride-events-0'])).toBeCloseTo(6.82, 1);
    expect(longestNameEm(['a', 'orders-10'])).toBeGreaterThan(longestNameEm(['orders-1']));
  });
});

describe('message paths', () => {
  it('runs a produce request from the producer to the leader replica row of its partition', () => {
    const l = layoutDiagram(orders(), 1270, 900, 18);
    const path = computePath(l, { from: 'producer-checkout', to: 'broker-2', partitionId: 'orders-1' })!;
    const producer = l.nodes['producer-checkout']!;
    const row = l.replicas[replicaKey(2, 'orders-1')]!;
    expect(pointOnPath(path, 0)).toEqual({
      x: producer.x + producer.width,
      y: producer.y + producer.height / 2,
    });
    expect(pointOnPath(path, 1)).toEqual({ x: row.x, y: row.y + row.height / 2 });
  });

  it('bows replication between stacked brokers out to the right of the column', () => {
    const l = layoutDiagram(orders(), 1270, 900, 18);
    const path = computePath(l, { from: 'broker-1', to: 'broker-3', partitionId: 'orders-0' })!;
    const card = l.nodes['broker-1']!;
    expect(pointOnPath(path, 0.5).x).toBeGreaterThan(card.x + card.width);
  });

  it('keeps that bow in the lane before the group column, so its records never pass over a member’s name', () => {
    // At 1280×720 the lane is ~30 px: an unbounded bow between brokers 1 and 3 reached 25 px into the groups.
    const l = layoutDiagram(orders(), 858, 560, 14);
    const path = computePath(l, { from: 'broker-1', to: 'broker-3', partitionId: 'orders-0' })!;
    const card = l.nodes['broker-1']!;
    const groups = l.nodes['group-billing']!;
    let furthest = -Infinity;
    for (let t = 0; t <= 1; t += 0.01) furthest = Math.max(furthest, pointOnPath(path, t).x);
    expect(furthest).toBeGreaterThan(card.x + card.width);
    // A record is drawn up to ~0.5 em around its point.
    expect(furthest + 0.5 * l.em).toBeLessThanOrEqual(groups.x);
  });

  it('lands a message on a replica cell beside its label, not on it, and not on the next cell', () => {
    const ecommerce = structureOf(createEngineHost().load({ scenario: 'ecommerce-orders' }).view, new Set());
    const l = layoutDiagram(ecommerce, 1280, 800, 18);
    expect(l.mode).toBe('cells');
    const path = computePath(l, {
      from: 'producer-order-service',
      to: 'broker-2',
      partitionId: 'order_placed-1',
    })!;
    const cell = l.replicas[replicaKey(2, 'order_placed-1')]!;
    const end = pointOnPath(path, 1);
    // The producer is on the left: the record stops just inside the cell's left side, clear of the middle.
    expect(end.y).toBeCloseTo(cell.y + cell.height / 2);
    expect(end.x).toBeGreaterThan(cell.x);
    expect(end.x).toBeLessThan(cell.x + cell.width * 0.25);
    // A producer card is not a cell: messages still leave from its side.
    const producer = l.nodes['producer-order-service']!;
    expect(pointOnPath(path, 0).x).toBe(producer.x + producer.width);
  });

  it('has no path to a node that is not on the diagram', () => {
    const l = layoutDiagram(orders(), 1270, 900, 18);
    expect(computePath(l, { from: 'producer-gone', to: 'broker-1', partitionId: null })).toBeNull();
  });

  it('measures flight from send to delivery, clamped', () => {
    expect(flightFraction(1000, 1200, 1100)).toBe(0.5);
    expect(flightFraction(1000, 1200, 900)).toBe(0);
    expect(flightFraction(1000, 1200, 5000)).toBe(1);
  });
});

describe('group card headers', () => {
  it('give a name that does not fit beside its Configure button a second line', () => {
    expect(groupHeaderEm('billing', 13.5, 18)).toBe(3);
    expect(groupHeaderEm('inventory', 13.5, 18)).toBeGreaterThan(4);
    expect(groupHeaderEm('inventory', 17, 18)).toBe(3);
    // At 1280×720 the Configure button's text is 13 px, not 0.75 × 14, and its padding gives some back:
    // a short name still keeps one line.
    expect(groupHeaderEm('billing', 13.5, 14)).toBe(3);
    expect(groupHeaderEm('inventory', 13.5, 14)).toBeGreaterThan(4);
  });

  it('keep names on one line when the column is already full of members', () => {
    const s: DiagramStructure = {
      ...cluster(3, 3),
      groups: ['inventory', 'payment', 'shipping'].map((g) => ({
        groupId: g,
        topic: 't',
        members: [1, 2, 3].map((i) => `${g}-${i}`),
      })),
    };
    const roomy = layoutDiagram(s, 900, 1400, 14);
    expect(Object.values(roomy.groupHeaders).every((h) => h > 4 * 14)).toBe(true);
    const full = layoutDiagram(s, 900, 560, 14);
    expect(Object.values(full.groupHeaders).every((h) => h === 3 * 14)).toBe(true);
    // The members sit under the header the card draws.
    const g = full.nodes['group-payment']!;
    expect(full.nodes['consumer-payment-1']!.y).toBeCloseTo(g.y + full.groupHeaders['payment']!);
  });
});

describe('share groups in the groups column', () => {
  it('places a share group under the consumer groups, its members in its card, nothing overlapping', () => {
    const s: DiagramStructure = {
      ...cluster(3, 2),
      groups: [{ groupId: 'g1', topic: 't', members: ['g1-1', 'g1-2'] }],
      shareGroups: [{ groupId: 'workers', topic: 't', members: ['workers-1', 'workers-2', 'workers-3'] }],
    };
    for (const [w, h, em] of [
      [860, 560, 14],
      [1290, 800, 18.24],
    ] as const) {
      const l = layoutDiagram(s, w, h, em);
      const card = l.nodes['sharegroup-workers']!;
      expect(card.y).toBeGreaterThan(l.nodes['group-g1']!.y);
      const cards = ['group-g1', 'sharegroup-workers', 'groups-add'].map((k) => l.nodes[k]!);
      for (let i = 0; i < cards.length; i++)
        for (let j = i + 1; j < cards.length; j++) expect(overlap(cards[i]!, cards[j]!)).toBe(false);
      for (const m of ['workers-1', 'workers-2', 'workers-3']) {
        expect(inside(l.nodes[`share-${m}`]!, card)).toBe(true);
        // A share member's row is taller than a consumer's: it has more to say.
        expect(l.nodes[`share-${m}`]!.height).toBeGreaterThan(l.nodes['consumer-g1-1']!.height);
      }
      expect(l.nodes['groups-add']!.y + l.nodes['groups-add']!.height).toBeLessThanOrEqual(h);
    }
  });
});

describe('cell labels', () => {
  it('uses the partition number, with the shortest distinguishing topic prefix when there are several topics', () => {
    expect([...cellLabels(['orders-0', 'orders-11']).values()]).toEqual(['0', '11']);
    const labels = cellLabels(['orders-3', 'outbox-3', 'payments-10']);
    expect(labels.get('orders-3')).toBe('or3');
    expect(labels.get('outbox-3')).toBe('ou3');
    expect(labels.get('payments-10')).toBe('p10');
  });

  it('uses initials instead of a long prefix, so that a topic and its dead-letter topic stay legible', () => {
    const labels = cellLabels(['invoices-0', 'invoices.DLT-0', 'invoices_sent-1']);
    expect(labels.get('invoices-0')).toBe('inv0');
    expect(labels.get('invoices.DLT-0')).toBe('iD0');
    expect(labels.get('invoices_sent-1')).toBe('is1');
    // Initials that collide fall back to the unambiguous prefixes.
    const clash = cellLabels(['order_events-0', 'order_errors-0']);
    expect(new Set(clash.values()).size).toBe(2);
  });
});
