// A producer: where it sends, with which guarantees (acks, idempotence), how its records are keyed,
// and the last error it got back (NotEnoughReplicas in red). Its settings open in a small form.
import { memo, useMemo } from 'react';
import { describeKeys, producerSettings } from '../model/producerSettings';
import { openDialog, useUi } from '../store';
import { run } from '../engine/actions';
import type { Box } from './layout';

function useProducerKeys(producerId: string): string | null {
  const scenario = useUi((s) => s.scenario);
  const log = useUi((s) => s.commandLog);
  // The keys change only by command, so the settings are recomputed when the log changes or a rewind
  // crosses a command, not on every frame.
  const lastCommandAt = useUi((s) => {
    const now = s.shown?.view.nowMs ?? 0;
    let at = -1;
    for (const c of s.commandLog) if (c.atMs <= now) at = c.atMs;
    return at;
  });
  return useMemo(() => {
    if (!scenario) return null;
    const settings = producerSettings(scenario, log, Math.max(0, lastCommandAt)).get(producerId);
    return settings ? describeKeys(settings.keys) : null;
  }, [scenario, log, lastCommandAt, producerId]);
}

export const ProducerCard = memo(function ProducerCard({
  producerId,
  box,
}: {
  producerId: string;
  box: Box;
}) {
  const p = useUi((s) => s.model?.producerById.get(producerId) ?? null);
  const keys = useProducerKeys(producerId);
  if (!p) return null;
  return (
    <section
      className="node client producer"
      style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
      aria-label={`Producer ${p.id}`}
      data-testid={`producer-${p.id}`}
    >
      <h2>{p.id}</h2>
      <span className="client-line">
        → <strong>{p.topic}</strong> · {+p.ratePerSec.toFixed(1)} records/s
      </span>
      <span className="client-line">
        acks={p.acks} · {p.idempotence ? 'idempotent' : 'not idempotent'}
      </span>
      {keys ? <span className="client-line muted">{keys}</span> : null}
      {p.blocked ? (
        <span
          className="client-error"
          role="status"
          title="buffer.memory is full of records the brokers have not acknowledged: send() blocks for up to max.block.ms"
        >
          send() blocked: buffer.memory full
        </span>
      ) : p.lastError ? (
        <span className="client-error" role="status">
          {p.lastError}
        </span>
      ) : (
        <span className="client-line muted">
          {p.produced} sent · {p.inFlight} in flight
        </span>
      )}
      <span className="client-actions">
        <button
          type="button"
          aria-label={`Configure producer ${p.id}`}
          onClick={() => openDialog({ kind: 'producer', producerId: p.id })}
        >
          Configure
        </button>
        <button
          type="button"
          aria-label={`Send a record from producer ${p.id}`}
          onClick={() => openDialog({ kind: 'sendRecord', producerId: p.id })}
        >
          Send…
        </button>
        <button
          type="button"
          aria-label={`Remove producer ${p.id}`}
          title={`Remove producer ${p.id}`}
          className="remove-client"
          onClick={() => void run({ type: 'removeProducer', producerId: p.id })}
        >
          ✕
        </button>
      </span>
    </section>
  );
});

export function AddProducerButton({ box }: { box: Box }) {
  return (
    <button
      type="button"
      className="add-button"
      style={{ position: 'absolute', left: box.x, top: box.y, width: box.width, height: box.height }}
      onClick={() => openDialog({ kind: 'producer', producerId: null })}
    >
      + Add producer
    </button>
  );
}
