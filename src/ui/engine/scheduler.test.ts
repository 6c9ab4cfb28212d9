import { describe, expect, it } from 'vitest';
import type { HostFrame } from '../../engine/worker/host';
import { createScheduler } from './scheduler';

const frameAt = (nowMs: number) =>
  ({ view: { nowMs }, knownEndMs: nowMs, error: null }) as unknown as HostFrame;

/** A fake engine whose calls stay pending until the test settles them, like a busy worker. */
function fakeEngine() {
  const calls: { what: string; settle: () => void }[] = [];
  let now = 0;
  const call = (what: string, next: () => number) =>
    new Promise<HostFrame>((resolve) => calls.push({ what, settle: () => resolve(frameAt((now = next()))) }));
  return {
    calls,
    engine: {
      advanceBy: (ms: number) => call(`advance ${ms}`, () => now + ms),
      seek: (ms: number) => call(`seek ${ms}`, () => ms),
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('engine call scheduler', () => {
  it('keeps one call in flight: ticks while busy do nothing', async () => {
    const { calls, engine } = fakeEngine();
    const frames: number[] = [];
    const s = createScheduler(
      () => engine,
      (f) => frames.push(f.view.nowMs),
    );
    expect(s.tick(16)).toBe(16);
    expect(s.tick(16)).toBe(0);
    expect(s.tick(16)).toBe(0);
    expect(calls.map((c) => c.what)).toEqual(['advance 16']);
    calls[0]!.settle();
    await flush();
    expect(frames).toEqual([16]);
    expect(s.tick(33.7)).toBe(33);
    expect(calls.map((c) => c.what)).toEqual(['advance 16', 'advance 33']);
  });

  it('runs queued user actions before playback', async () => {
    const { calls, engine } = fakeEngine();
    const s = createScheduler(
      () => engine,
      () => {},
    );
    const done = s.enqueue(() => engine.seek(500));
    expect(s.tick(16)).toBe(0);
    expect(calls.map((c) => c.what)).toEqual(['seek 500']);
    calls[0]!.settle();
    expect((await done).view.nowMs).toBe(500);
    expect(s.tick(16)).toBe(16);
  });

  it('collapses a run of seeks into the latest target, answering every caller', async () => {
    const { calls, engine } = fakeEngine();
    const s = createScheduler(
      () => engine,
      () => {},
    );
    const first = s.seek(100, (ms) => engine.seek(ms));
    const second = s.seek(200, (ms) => engine.seek(ms));
    const third = s.seek(300, (ms) => engine.seek(ms));
    expect(s.pending).toBe(1);
    s.tick(0);
    // A seek that has started is fixed; the next one waits behind it.
    const fourth = s.seek(400, (ms) => engine.seek(ms));
    calls[0]!.settle();
    const answers = await Promise.all([first, second, third]);
    expect(answers.map((f) => f.view.nowMs)).toEqual([300, 300, 300]);
    await flush();
    s.tick(0);
    calls[1]!.settle();
    expect((await fourth).view.nowMs).toBe(400);
    expect(calls.map((c) => c.what)).toEqual(['seek 300', 'seek 400']);
  });

  it('does not advance when no virtual time is owed', () => {
    const { calls, engine } = fakeEngine();
    const s = createScheduler(
      () => engine,
      () => {},
    );
    expect(s.tick(0.5)).toBe(0);
    expect(calls).toEqual([]);
  });
});
