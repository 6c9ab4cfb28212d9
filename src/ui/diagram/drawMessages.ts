// Drawing messages in flight on a canvas. Produce requests and fetch responses (and share fetch
// responses, with the records a share consumer acquired) carry records, drawn as dots coloured by key; acknowledgements return green, rejections (NotEnoughReplicas) return as a red
// cross; fetch requests are faint rings, because they carry no data.
import type { MessageView } from '../../engine/index';
import { colourForKey, INK, ROLE_COLOURS } from './colours';
import type { DiagramLayout } from './layout';
import { flightFraction, pathFor, pointOnPath, type MessagePath, type Point } from './paths';

export interface DrawOptions {
  nowMs: number;
  reducedMotion: boolean;
  /** When a partition is selected, other partitions' messages are drawn faint. */
  selected: string | null;
  /** Dot radius in px, from the type scale. */
  radius: number;
  /** Device pixels per CSS pixel, so sprites are drawn sharp. */
  dpr: number;
}

/**
 * Above this many messages in flight, messages that carry no records (fetch requests, empty fetch
 * responses) are counted instead of drawn: a big cluster's followers poll in bursts of thousands, and
 * drawing them all would cost frames and hide the records that matter.
 */
export const DRAW_ALL_UP_TO = 400;

const POLLS = new Set<string>([
  'FetchRequest',
  'HeartbeatRequest',
  'HeartbeatResponse',
  'ConsumerGroupHeartbeatRequest',
  'ConsumerGroupHeartbeatResponse',
  'OffsetCommitRequest',
  'OffsetCommitResponse',
  'ShareGroupHeartbeatRequest',
  'ShareGroupHeartbeatResponse',
  'ShareFetchRequest',
]);

export const carriesNothing = (m: MessageView): boolean =>
  POLLS.has(m.kind) || (isFetchResponse(m) && m.keys.length === 0 && m.error === null);

/** A share group's ShareFetch brings acquired records to its member as a fetch brings records. */
const isFetchResponse = (m: MessageView): boolean =>
  m.kind === 'FetchResponse' || m.kind === 'ShareFetchResponse';

/** The group colour, for the group protocol's messages to and from the coordinator. */
const GROUP = '#2f7f91';

/** Draws the messages; returns how many empty polls were counted instead of drawn. */
export function drawMessages(
  ctx: CanvasRenderingContext2D,
  layout: DiagramLayout,
  messages: readonly MessageView[],
  o: DrawOptions,
): number {
  const summarise = messages.length > DRAW_ALL_UP_TO;
  let skipped = 0;
  for (const m of messages) {
    if (summarise && carriesNothing(m)) {
      skipped++;
      continue;
    }
    const path = pathFor(layout, m);
    if (!path) continue;
    const t = flightFraction(m.sentAtMs, m.deliverAtMs, o.nowMs);
    let alpha = 1;
    // No travel with reduced motion: the message fades out where it was sent and fades in where it arrives.
    if (o.reducedMotion) alpha = t < 0.5 ? 1 - 2 * t : 2 * t - 1;
    if (o.selected !== null && m.partitionId !== o.selected) alpha *= 0.2;
    ctx.globalAlpha = alpha;
    if (carriesRecords(m)) records(ctx, batchPoints(path, t, m.keys.length, o), m.keys, o.radius, o.dpr);
    else drawOne(ctx, m, o.reducedMotion ? (t < 0.5 ? path.a : path.b) : pointOnPath(path, t), o);
  }
  ctx.globalAlpha = 1;
  return skipped;
}

const carriesRecords = (m: MessageView): boolean =>
  m.keys.length > 0 && (m.kind === 'ProduceRequest' || (isFetchResponse(m) && m.error === null));

/** A batch shows up to this many of its records, so per-key colour (and so per-key order) is visible. */
export const BATCH_SHOWN = 4;

/**
 * Where a batch's first records are drawn: a short train along its path, the first record in front, so
 * that it follows the curve to its replica instead of fanning out across the cards beside it. The train
 * never runs back past where it left: at the start of its flight the records sit on top of one another.
 * With reduced motion there is no travel, so the records fan out where the batch is shown.
 */
export function batchPoints(
  path: MessagePath,
  t: number,
  count: number,
  o: Pick<DrawOptions, 'radius' | 'reducedMotion'>,
): Point[] {
  const shown = Math.min(BATCH_SHOWN, count);
  const r = o.radius;
  if (o.reducedMotion) {
    const p = t < 0.5 ? path.a : path.b;
    return Array.from({ length: shown }, (_, i) => ({ x: p.x - i * r * 0.8, y: p.y - i * r * 0.3 }));
  }
  // A quadratic curve's length is close to the mean of its chord and its control polygon.
  const length =
    (Math.hypot(path.b.x - path.a.x, path.b.y - path.a.y) +
      Math.hypot(path.c.x - path.a.x, path.c.y - path.a.y) +
      Math.hypot(path.b.x - path.c.x, path.b.y - path.c.y)) /
    2;
  const step = (r * 0.9) / Math.max(1, length);
  return Array.from({ length: shown }, (_, i) => pointOnPath(path, Math.max(0, t - i * step)));
}

function drawOne(ctx: CanvasRenderingContext2D, m: MessageView, p: Point, o: DrawOptions): void {
  const { radius: r, dpr } = o;
  switch (m.kind) {
    case 'FetchRequest':
      return stamp(ctx, p, 'ring', '#8d97ab', r * 0.45, dpr);
    case 'ProduceResponse':
      return m.error
        ? stamp(ctx, p, 'cross', ROLE_COLOURS.out, r * 0.9, dpr)
        : stamp(ctx, p, 'dot', ROLE_COLOURS.isr, r * 0.6, dpr);
    case 'ProduceRequest':
      return; // always carries records: drawn as a batch (records, below)
    case 'FetchResponse':
    case 'ShareFetchResponse':
      // A response with records is drawn as a batch (records, below).
      if (m.error) return stamp(ctx, p, 'ring', ROLE_COLOURS.out, r * 0.6, dpr);
      return stamp(ctx, p, 'dot', '#8d97ab', r * 0.3, dpr);
    case 'HeartbeatRequest':
    case 'HeartbeatResponse':
    case 'ConsumerGroupHeartbeatRequest':
    case 'ConsumerGroupHeartbeatResponse':
      return stamp(ctx, p, 'ring', GROUP, r * 0.4, dpr);
    case 'OffsetCommitRequest':
    case 'OffsetCommitResponse':
      return stamp(ctx, p, 'dot', GROUP, r * 0.3, dpr);
    case 'ShareFetchRequest':
      return stamp(ctx, p, 'ring', '#8d97ab', r * 0.45, dpr);
    case 'ShareGroupHeartbeatRequest':
    case 'ShareGroupHeartbeatResponse':
      return stamp(ctx, p, 'ring', GROUP, r * 0.4, dpr);
    case 'ShareAcknowledgeRequest':
      // Acknowledgements on their own (a closing member's last ones): green, like a produce's ack.
      return stamp(ctx, p, 'dot', ROLE_COLOURS.isr, r * 0.5, dpr);
    case 'JoinGroupRequest':
    case 'JoinGroupResponse':
    case 'SyncGroupRequest':
    case 'SyncGroupResponse':
    case 'LeaveGroupRequest':
      // The rebalance itself: bigger, so that a class can see the members gather at the coordinator.
      return stamp(ctx, p, 'dot', GROUP, r * 0.7, dpr);
    default:
      return stamp(ctx, p, 'dot', '#8d97ab', r * 0.3, dpr);
  }
}

/** A batch's records at their points, the first drawn last so that it is on top. */
function records(
  ctx: CanvasRenderingContext2D,
  points: readonly Point[],
  keys: readonly (string | null)[],
  r: number,
  dpr: number,
): void {
  for (let i = points.length - 1; i >= 0; i--)
    stamp(ctx, points[i]!, 'record', colourForKey(keys[i]!), r, dpr);
}

type Shape = 'record' | 'dot' | 'ring' | 'cross';

/**
 * Shapes are drawn once into small sprites and then copied, because rasterising hundreds of
 * anti-aliased paths every frame is what costs most on a machine without a GPU (a projector laptop).
 */
const sprites = new Map<string, { canvas: HTMLCanvasElement | OffscreenCanvas; half: number }>();

function stamp(
  ctx: CanvasRenderingContext2D,
  p: Point,
  shape: Shape,
  colour: string,
  r: number,
  scale: number,
): void {
  const key = `${shape}|${colour}|${r.toFixed(1)}|${scale}`;
  let sprite = sprites.get(key);
  if (!sprite) {
    sprite = makeSprite(shape, colour, r, scale);
    sprites.set(key, sprite);
  }
  ctx.drawImage(sprite.canvas, p.x - sprite.half, p.y - sprite.half, sprite.half * 2, sprite.half * 2);
}

function makeSprite(shape: Shape, colour: string, r: number, scale: number) {
  const half = Math.ceil(r + 3);
  const size = Math.ceil(half * 2 * scale);
  const canvas =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(size, size)
      : document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const c = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  c.scale(scale, scale);
  c.translate(half, half);
  c.beginPath();
  if (shape === 'cross') {
    c.strokeStyle = colour;
    c.lineWidth = 3.5;
    c.lineCap = 'round';
    c.moveTo(-r, -r);
    c.lineTo(r, r);
    c.moveTo(r, -r);
    c.lineTo(-r, r);
    c.stroke();
  } else {
    c.arc(0, 0, r, 0, Math.PI * 2);
    if (shape === 'ring') {
      c.strokeStyle = colour;
      c.lineWidth = colour === ROLE_COLOURS.out ? 2 : 1.5;
      c.stroke();
    } else {
      c.fillStyle = colour;
      c.fill();
      if (shape === 'record') {
        c.strokeStyle = INK;
        c.lineWidth = 1.2;
        c.stroke();
      }
    }
  }
  return { canvas, half };
}
