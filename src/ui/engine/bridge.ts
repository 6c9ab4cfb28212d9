// The main thread's handle on the engine worker. One worker per page, created lazily (React StrictMode
// would otherwise create two), typed from the host object with `import type` only.
import { wrap, type Remote } from 'comlink';
import type { EngineHost } from '../../engine/worker/host';

let remote: Remote<EngineHost> | null = null;

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
