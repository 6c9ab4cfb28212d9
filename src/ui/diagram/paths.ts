// The paths messages travel along. A message that belongs to a partition leaves and lands on that
// partition's replica row (or cell), so a record visibly goes producer → leader → followers → consumer.
import type { Box, DiagramLayout } from './layout';
import { replicaKey } from './layout';

export interface Point {
  x: number;
  y: number;
}

/** A quadratic curve from `a` to `b` bent through `c`. */
export interface MessagePath {
  a: Point;
  c: Point;
  b: Point;
}

export interface Routable {
  from: string;
  to: string;
  partitionId: string | null;
}

const cache = new WeakMap<DiagramLayout, Map<string, MessagePath | null>>();

/** The path of a message in this layout, cached per layout (layouts change only with the structure). */
export function pathFor(layout: DiagramLayout, m: Routable): MessagePath | null {
  let perLayout = cache.get(layout);
  if (!perLayout) cache.set(layout, (perLayout = new Map()));
  const key = `${m.from}>${m.to}>${m.partitionId ?? ''}`;
  let path = perLayout.get(key);
  if (path === undefined) {
    path = computePath(layout, m);
    perLayout.set(key, path);
  }
  return path;
}

/** A message's end: the replica row or cell of its partition on a broker, or else the node's card. */
function endpoint(
  layout: DiagramLayout,
  node: string,
  partitionId: string | null,
): { box: Box; cell: boolean } | null {
  if (partitionId !== null && node.startsWith('broker-')) {
    const replica = layout.replicas[replicaKey(Number(node.slice(7)), partitionId)];
    if (replica) return { box: replica, cell: layout.mode === 'cells' };
  }
  const box = layout.nodes[node];
  return box ? { box, cell: false } : null;
}

export function computePath(layout: DiagramLayout, m: Routable): MessagePath | null {
  const from = endpoint(layout, m.from, m.partitionId);
  const to = endpoint(layout, m.to, m.partitionId);
  if (!from || !to) return null;
  const a = anchor(from.box, to.box, from.cell);
  const b = anchor(to.box, from.box, to.cell);
  const c = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const fromBroker = m.from.startsWith('broker-');
  const toBroker = m.to.startsWith('broker-');
  if (fromBroker && toBroker) {
    // Replication between brokers bows sideways, so it does not run straight through other cards.
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    if (Math.abs(dx) < 2) c.x += sideBow(layout, Math.max(a.x, b.x), dy);
    else {
      const len = Math.hypot(dx, dy);
      c.x += (-dy / len) * len * 0.18;
      c.y += (dx / len) * len * 0.18;
    }
  }
  return { a, c, b };
}

/**
 * How far replication between stacked brokers bows out to the right of their column: more for a longer
 * path, but never so far that its records cross into the group column and over the names there. A
 * quadratic curve reaches half way to its control point, and a record is drawn up to about 0.5 em around
 * its point (MessageLayer's radius and outline).
 */
function sideBow(layout: DiagramLayout, x: number, dy: number): number {
  const groups = layout.nodes['coordinator']?.x ?? Infinity;
  return Math.max(0, Math.min(40 + Math.abs(dy) * 0.2, 2 * (groups - x - 0.6 * layout.em)));
}

/** How far inside a replica cell its messages leave and land, as a share of the cell's width. */
export const CELL_INSET = 0.15;

/**
 * Where a message leaves or lands: the side of the box that faces the other end. Two boxes in the same
 * column (stacked broker cards) use their right-hand sides. A replica cell is small and carries its
 * label in the middle, so its messages stop just inside the facing side, clear of the label, and never
 * on a neighbouring cell.
 */
export function anchor(box: Box, toward: Box, cell = false): Point {
  const cx = box.x + box.width / 2;
  const tx = toward.x + toward.width / 2;
  const y = box.y + box.height / 2;
  const inset = cell ? box.width * CELL_INSET : 0;
  if (Math.abs(cx - tx) < 2 || tx > cx) return { x: box.x + box.width - inset, y };
  return { x: box.x + inset, y };
}

export function pointOnPath(p: MessagePath, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * p.a.x + 2 * u * t * p.c.x + t * t * p.b.x,
    y: u * u * p.a.y + 2 * u * t * p.c.y + t * t * p.b.y,
  };
}

/** How far along its flight a message is at virtual time `nowMs`, from 0 (sent) to 1 (delivered). */
export function flightFraction(sentAtMs: number, deliverAtMs: number, nowMs: number): number {
  const span = Math.max(1, deliverAtMs - sentAtMs);
  return Math.min(1, Math.max(0, (nowMs - sentAtMs) / span));
}
