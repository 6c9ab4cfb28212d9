// Every call to the engine worker goes through this queue, so that the main thread never waits on
// the worker and never piles up requests behind it: one call is in flight at a time, calls start only
// from the render loop's tick (so at most one view arrives per animation frame), user actions go before
// playback, and a run of timeline seeks collapses into the latest one.
import type { HostFrame } from '../../engine/worker/host';

export interface Advancer {
  advanceBy(ms: number): Promise<HostFrame>;
}

interface Job {
  /** Receives the seek target for a seek, nothing otherwise. */
  run: (seekMs?: number) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  /** Set for a seek that has not started yet, so that a newer seek can take its place. */
  seekMs?: number;
}

export interface Scheduler {
  /** Queue a call; it starts at a later tick, when nothing else is in flight. */
  enqueue<T>(run: () => Promise<T>): Promise<T>;
  /** Queue a seek; if a seek is already waiting, it moves to `ms` instead and both callers get its frame. */
  seek(ms: number, run: (ms: number) => Promise<HostFrame>): Promise<HostFrame>;
  /**
   * Called once per animation frame. Starts the next queued call, or else advances by the virtual time
   * owed to playback. Returns the virtual ms it asked the engine to advance (0 if none).
   */
  tick(owedMs: number): number;
  readonly busy: boolean;
  readonly pending: number;
}

export function createScheduler(engine: () => Advancer, onAdvanced: (frame: HostFrame) => void): Scheduler {
  const queue: Job[] = [];
  let inFlight = false;

  const start = (run: () => Promise<unknown>, done: (v: unknown) => void, fail: (e: unknown) => void) => {
    inFlight = true;
    // Free the slot before answering, so that whoever awaits the answer can queue the next call at once.
    run().then(
      (v) => {
        inFlight = false;
        done(v);
      },
      (e: unknown) => {
        inFlight = false;
        fail(e);
      },
    );
  };

  return {
    enqueue<T>(run: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      });
    },
    seek(ms, run) {
      const waiting = queue.find((j) => j.seekMs !== undefined);
      if (waiting) {
        waiting.seekMs = ms;
        return new Promise<HostFrame>((resolve, reject) => {
          const [prevResolve, prevReject] = [waiting.resolve, waiting.reject];
          waiting.resolve = (v) => {
            prevResolve(v);
            resolve(v as HostFrame);
          };
          waiting.reject = (e) => {
            prevReject(e);
            reject(e);
          };
        });
      }
      return new Promise<HostFrame>((resolve, reject) => {
        const job: Job = {
          run: (target) => run(target ?? ms),
          resolve: resolve as (v: unknown) => void,
          reject,
          seekMs: ms,
        };
        queue.push(job);
      });
    },
    tick(owedMs) {
      if (inFlight) return 0;
      const job = queue.shift();
      if (job) {
        // Once started, a seek is fixed; a newer seek queues behind it.
        const target = job.seekMs;
        delete job.seekMs;
        start(
          () => job.run(target),
          (v) => job.resolve(v),
          (e) => job.reject(e),
        );
        return 0;
      }
      if (owedMs < 1) return 0;
      const ms = Math.floor(owedMs);
      start(
        () => engine().advanceBy(ms),
        (f) => onAdvanced(f as HostFrame),
        (e) => console.error('engine advance failed', e),
      );
      return ms;
    },
    get busy() {
      return inFlight;
    },
    get pending() {
      return queue.length;
    },
  };
}
