// The menu items every consumer has, in a consumer group or a share group: crash or restart its
// process, and slow it down or give it back its full speed. The commands are the same for both; the
// engine routes them by the consumer's id.
import { run } from '../engine/actions';
import { openDialog } from '../store';

export function ConsumerLifeItems({
  consumerId,
  stopped,
  processingTimeMs,
}: {
  consumerId: string;
  stopped: boolean;
  processingTimeMs: number;
}) {
  return (
    <>
      {stopped ? (
        <button type="button" onClick={() => void run({ type: 'restartConsumer', consumerId })}>
          Restart consumer {consumerId}
        </button>
      ) : (
        <button
          type="button"
          className="danger"
          onClick={() => void run({ type: 'crashConsumer', consumerId })}
        >
          Crash consumer {consumerId}
        </button>
      )}
      {processingTimeMs >= 1000 ? (
        <button
          type="button"
          onClick={() => void run({ type: 'slowConsumer', consumerId, processingTimeMs: 0 })}
        >
          Restore full speed on consumer {consumerId}
        </button>
      ) : (
        <button type="button" onClick={() => openDialog({ kind: 'slowConsumer', consumerId })}>
          Slow down consumer {consumerId}…
        </button>
      )}
    </>
  );
}
