// The render loop: converts wall time into virtual time at the chosen speed and asks the worker to
// advance. One call is in flight at a time, so the main thread never queues work behind the engine.
import { engine } from '../engine/bridge';
import { acceptFrame } from '../store';

/** Never ask for more than this much virtual time in one call, so that a frame stays cheap. */
const MAX_ADVANCE_MS = 2_000;

export function startLoop(playback: () => { playing: boolean; speed: number }): () => void {
  let last = performance.now();
  let owedMs = 0;
  let inFlight = false;
  let handle = 0;
  const tick = (now: number): void => {
    const dt = Math.min(now - last, 250);
    last = now;
    const { playing, speed } = playback();
    if (playing) owedMs = Math.min(owedMs + dt * speed, MAX_ADVANCE_MS);
    else owedMs = 0;
    if (!inFlight && owedMs >= 1) {
      const ms = Math.floor(owedMs);
      owedMs -= ms;
      inFlight = true;
      engine()
        .advanceBy(ms)
        .then(acceptFrame)
        .catch((e: unknown) => console.error('engine advance failed', e))
        .finally(() => {
          inFlight = false;
        });
    }
    handle = requestAnimationFrame(tick);
  };
  handle = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(handle);
}
