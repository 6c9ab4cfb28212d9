import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../engine/index';
import { layoutDiagram } from './layout';
import { batchPoints, carriesNothing, drawMessages, DRAW_ALL_UP_TO } from './drawMessages';

const msg = (id: number, kind: MessageView['kind'], keys: (string | null)[] = []): MessageView => ({
  id,
  kind,
  from: 'broker-2',
  to: 'broker-1',
  sentAtMs: 0,
  deliverAtMs: 200,
  partitionId: 't-0',
  keys,
  error: null,
});

/** A canvas context that records where sprites are drawn, and with which opacity. */
function countingContext() {
  const calls = { drawImage: 0, at: [] as { x: number; alpha: number }[] };
  const fake = {
    globalAlpha: 1,
    drawImage(_img: unknown, x: number, _y: number, w: number) {
      calls.drawImage++;
      calls.at.push({ x: x + w / 2, alpha: fake.globalAlpha });
    },
  };
  return { ctx: fake as unknown as CanvasRenderingContext2D, calls };
}

const layout = layoutDiagram(
  {
    key: 'k',
    brokers: [
      { id: 1, partitionIds: ['t-0'] },
      { id: 2, partitionIds: ['t-0'] },
    ],
    producers: [],
    groups: [],
    shareGroups: [],
  },
  1000,
  700,
  16,
);

globalThis.OffscreenCanvas ??= class {
  constructor(
    public width: number,
    public height: number,
  ) {}
  getContext() {
    return new Proxy({}, { get: () => () => undefined, set: () => true });
  }
} as unknown as typeof OffscreenCanvas;

describe('drawing messages', () => {
  it('tells polls from records', () => {
    expect(carriesNothing(msg(1, 'FetchRequest'))).toBe(true);
    expect(carriesNothing(msg(1, 'FetchResponse'))).toBe(true);
    expect(carriesNothing(msg(1, 'FetchResponse', ['a']))).toBe(false);
    expect(carriesNothing(msg(1, 'ProduceRequest', ['a']))).toBe(false);
  });

  it('counts empty polls instead of drawing them when thousands are in flight, but always draws records', () => {
    const polls = Array.from({ length: DRAW_ALL_UP_TO + 10 }, (_, i) => msg(i, 'FetchRequest'));
    const records = [msg(10_000, 'FetchResponse', ['a', 'b'])];
    const { ctx, calls } = countingContext();
    const opts = { nowMs: 100, reducedMotion: false, selected: null, radius: 8, dpr: 1 };
    expect(drawMessages(ctx, layout, [...polls, ...records], opts)).toBe(polls.length);
    expect(calls.drawImage).toBe(2);
    const few = countingContext();
    expect(drawMessages(few.ctx, layout, polls.slice(0, 10), opts)).toBe(0);
    expect(few.calls.drawImage).toBe(10);
  });

  it('with reduced motion, fades a message out where it leaves and in where it lands, never in between', () => {
    const opts = { reducedMotion: true, selected: null, radius: 8, dpr: 1 };
    const m = msg(1, 'ProduceResponse');
    const at = (nowMs: number, reducedMotion: boolean) => {
      const { ctx, calls } = countingContext();
      drawMessages(ctx, layout, [m], { ...opts, nowMs, reducedMotion });
      return calls.at[0]!;
    };
    const start = at(0, false);
    const end = at(200, false);
    expect(at(50, false).x).not.toBe(start.x);
    expect(at(50, true)).toEqual({ x: start.x, alpha: 0.5 });
    expect(at(150, true)).toEqual({ x: end.x, alpha: 0.5 });
  });

  it('draws a batch as a short train along its path, which never runs back past where it left', () => {
    const path = { a: { x: 0, y: 0 }, c: { x: 50, y: 0 }, b: { x: 100, y: 0 } };
    const o = { radius: 10, reducedMotion: false };
    const mid = batchPoints(path, 0.5, 6, o);
    expect(mid).toHaveLength(4);
    expect(mid[0]).toEqual({ x: 50, y: 0 });
    // Each record a little behind the one before it, on the path.
    for (let i = 1; i < mid.length; i++) {
      expect(mid[i]!.x).toBeLessThan(mid[i - 1]!.x);
      expect(mid[i]!.y).toBe(0);
    }
    expect(batchPoints(path, 0, 3, o)).toEqual([path.a, path.a, path.a]);
    // With reduced motion nothing travels: the records fan out where the batch is shown.
    const still = batchPoints(path, 0.9, 2, { ...o, reducedMotion: true });
    expect(still[0]).toEqual(path.b);
    expect(still[1]!.x).toBeLessThan(path.b.x);
  });
});
