// The render loop: converts wall time into virtual time at the chosen speed and lets the engine queue
// start at most one call per animation frame (a queued user action first, else an advance). After a
// frame that ran long (typically one that received a big view), it waits a frame before asking for the
// next view, so that a large cluster gets fewer views per second instead of long frames. A bigger view
// (a hundred replicas and more) is asked for less often, down to ten a second for thousands: taking a
// view in costs the main thread in proportion to its size, and the canvas interpolates in between.
import { engineQueue } from '../engine/bridge';
import { uiStore, viewLoad, BIG_VIEW } from '../store';
import { playback } from './machine';

/** Never owe more than this much virtual time, so that one call stays cheap after a stall. */
const MAX_OWED_MS = 2_000;

export function startLoop(): () => void {
  let last = performance.now();
  let owedMs = 0;
  let handle = 0;
  // The display's frame interval, learnt from the shortest recent intervals (60 Hz, 120 Hz, …).
  let vsyncMs = 16.7;
  let skipped = false;
  let lastAdvanceAt = 0;
  const tick = (now: number): void => {
    const raw = now - last;
    const dt = Math.min(raw, 250);
    last = now;
    vsyncMs = raw < vsyncMs ? Math.max(6, raw) : vsyncMs + (raw - vsyncMs) * 0.05;
    // Skip at most one frame in a row, so that playback can slow down but never stall.
    const wait = !skipped && raw > vsyncMs * 1.5;
    skipped = wait;
    const snap = playback.getSnapshot();
    // Nothing to advance before a scenario is loaded; queued calls (the load itself) still run.
    if (snap.matches('playing') && uiStore.getState().frame)
      owedMs = Math.min(owedMs + dt * snap.context.speed, MAX_OWED_MS);
    else owedMs = 0;
    const load = viewLoad(uiStore.getState().frame);
    // 0 ms for a lesson-sized cluster; ~25 ms (every other frame) for 100 replicas; 100 ms for thousands.
    const gapMs = load < BIG_VIEW ? 0 : Math.min(100, load / 10);
    const due = !wait && now - lastAdvanceAt >= gapMs;
    const advanced = engineQueue().tick(due ? owedMs : 0);
    if (advanced > 0) lastAdvanceAt = now;
    owedMs -= advanced;
    handle = requestAnimationFrame(tick);
  };
  handle = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(handle);
}
