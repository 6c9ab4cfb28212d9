// The main thread's handle on the engine worker. One worker per page, created lazily (React StrictMode
// would otherwise create two), typed from the host object with `import type` only. All calls go through
// the scheduler, which keeps one in flight.
import { wrap, type Remote } from 'comlink';
import type { EngineHost } from '../../engine/worker/host';
import { acceptFrame } from '../store';
import { createScheduler, type Scheduler } from './scheduler';

let remote: Remote<EngineHost> | null = null;
let scheduler: Scheduler | null = null;

export function engine(): Remote<EngineHost> {
  if (!remote) {
    const worker = new Worker(new URL('../../engine/worker/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'kafkascope-engine',
    });
    remote = wrap<EngineHost>(worker);
  }
  return remote;
}

export function engineQueue(): Scheduler {
  scheduler ??= createScheduler(engine, (frame) => acceptFrame(frame, true));
  return scheduler;
}
