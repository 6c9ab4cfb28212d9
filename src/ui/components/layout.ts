// Where things sit in the cluster diagram: producers on the left, brokers in the middle column, the
// controller above them, consumers on the right. Pure functions, so they are unit-tested.
import { scalePoint } from 'd3';
import type { SimView } from '../../engine/index';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: Record<string, Box>;
}

const CLIENT_WIDTH = 210;
const CLIENT_HEIGHT = 78;

/** Natural height of a broker card; the layout scales it to fit (up to 1.5× on a big screen). */
export function brokerHeight(partitionCount: number): number {
  return 52 + partitionCount * 34;
}

export function layoutDiagram(view: SimView, width: number, height: number): DiagramLayout {
  const nodes: Record<string, Box> = {};
  const perBroker = new Map<number, number>();
  for (const p of view.partitions) for (const r of p.replicas) perBroker.set(r, (perBroker.get(r) ?? 0) + 1);
  const top = 70;
  const gap = 18;
  const heights = view.brokers.map((b) => brokerHeight(perBroker.get(b.id) ?? 0));
  const total = heights.reduce((a, h) => a + h, 0) + gap * Math.max(0, heights.length - 1);
  const scale = Math.min(1.15, (height - top - 10) / Math.max(1, total));
  // Brokers take the middle, leaving room for the client columns and the replication arcs beside them.
  const brokerWidth = Math.max(300, Math.min(560, width - 2 * (CLIENT_WIDTH + 16) - 2 * 110));
  const bx = width / 2 - brokerWidth / 2;
  let y = top + Math.max(0, (height - top - 10 - total * scale) / 2);
  view.brokers.forEach((b, i) => {
    const h = heights[i]! * scale;
    nodes[`broker-${b.id}`] = { x: bx, y, width: brokerWidth, height: h };
    y += h + gap * scale;
  });
  nodes['controller'] = { x: width / 2 - 110, y: 8, width: 220, height: 44 };
  placeColumn(
    nodes,
    view.producers.map((p) => `producer-${p.id}`),
    16,
    top,
    height,
  );
  const consumers = view.groups.flatMap((g) =>
    g.members.filter((m) => m.status === 'running').map((m) => `consumer-${m.id}`),
  );
  placeColumn(nodes, consumers, width - CLIENT_WIDTH - 16, top, height);
  return { width, height, nodes };
}

function placeColumn(
  nodes: Record<string, Box>,
  ids: string[],
  x: number,
  top: number,
  height: number,
): void {
  const y = scalePoint<string>()
    .domain(ids)
    .range([top, height - CLIENT_HEIGHT - 10])
    .padding(0.5);
  for (const id of ids) nodes[id] = { x, y: y(id) ?? top, width: CLIENT_WIDTH, height: CLIENT_HEIGHT };
}

/** The anchor a message leaves from or arrives at: the side of the box that faces the other end. */
export function anchor(box: Box, toward: Box): { x: number; y: number } {
  const cx = box.x + box.width / 2;
  const tx = toward.x + toward.width / 2;
  if (Math.abs(cx - tx) < 1) return { x: box.x + box.width, y: box.y + box.height / 2 };
  return { x: tx > cx ? box.x + box.width : box.x, y: box.y + box.height / 2 };
}

/**
 * A point along a message's path at fraction t (0..1). Broker-to-broker traffic bows out to the right of
 * the broker column so that replication is visible and does not cross the boxes.
 */
export function pointOnPath(from: Box, to: Box, t: number): { x: number; y: number } {
  const a = anchor(from, to);
  const b = anchor(to, from);
  const sameColumn = Math.abs(from.x - to.x) < 1;
  const mid = { x: (a.x + b.x) / 2 + (sameColumn ? 70 + Math.abs(a.y - b.y) * 0.15 : 0), y: (a.y + b.y) / 2 };
  const u = 1 - t;
  return {
    x: u * u * a.x + 2 * u * t * mid.x + t * t * b.x,
    y: u * u * a.y + 2 * u * t * mid.y + t * t * b.y,
  };
}

/** A stable colour per key (not per first appearance), so a key keeps its colour across runs and links. */
export const KEY_COLOURS = [
  '#f2b134',
  '#4fb0c6',
  '#e0607e',
  '#7bc96f',
  '#b389e8',
  '#f28e2b',
  '#5fa8ff',
  '#d4c04a',
  '#ff9da7',
  '#59c2a3',
];

export function colourForKey(key: string | null): string {
  if (key === null) return '#9aa5b8';
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return KEY_COLOURS[Math.abs(h) % KEY_COLOURS.length]!;
}
