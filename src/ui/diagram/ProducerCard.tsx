// A producer: where it sends, with which guarantees (acks, idempotence), how its records are keyed,
// and the last error it got back (NotEnoughReplicas in red). Its settings open in a small form.
import { memo, useMemo } from 'react';
import { describeKeys, producerSettings } from '../model/producerSettings';
import type { ProducerModel } from '../model/model';
import { openDialog, useUi } from '../store';
import { run } from '../engine/actions';
import type { Box } from './layout';
import { wrappingLines } from './producerLines';

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

const BLOCKED = 'send() blocked: buffer.memory full';

export const ProducerCard = memo(function ProducerCard({
  producerId,
  box,
  em,
}: {
  producerId: string;
  box: Box;
  /** The root font size the layout used, px. */
  em: number;
}) {
  const p = useUi((s) => s.model?.producerById.get(producerId) ?? null);
  const keys = useProducerKeys(producerId);
  const rate = p ? +p.ratePerSec.toFixed(1) : 0;
  const topicLine = p ? `→ ${p.topic} · ${rate} records/s` : '';
  const status = p ? (p.blocked ? BLOCKED : p.lastError) : null;
  const wrapping = useMemo(
    () => wrappingLines({ topic: topicLine, keys, status }, box, em),
    [topicLine, keys, status, box, em],
  );
  if (!p) return null;
  const cls = ['node client producer', ...[...wrapping].map((line) => `wrap-${line}`)].join(' ');
  return (
    <section
      className={cls}
      style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
      aria-label={`Producer ${p.id}`}
      data-testid={`producer-${p.id}`}
    >
      {/* Narrow columns cut a long name, topic or key list short; the tooltip always has it whole, and a
          card with room gives it a second line instead (producerLines.ts). */}
      <h2 title={p.id}>{p.id}</h2>
      <span className="client-line topic-line" title={topicLine}>
        → <strong>{p.topic}</strong> · {rate} records/s
      </span>
      <span className="client-line">
        acks={p.acks} ·{' '}
        {p.transactionalId ? 'transactional' : p.idempotence ? 'idempotent' : 'not idempotent'}
      </span>
      {keys ? (
        <span className="client-line muted keys-line" title={keys}>
          {keys}
        </span>
      ) : null}
      {p.blocked ? (
        <span
          className="client-error"
          role="status"
          title="buffer.memory is full of records the brokers have not acknowledged: send() blocks for up to max.block.ms"
        >
          {BLOCKED}
        </span>
      ) : p.lastError ? (
        <span className="client-error" role="status" title={p.lastError}>
          {p.lastError}
        </span>
      ) : p.transaction ? (
        <TransactionLine p={p} />
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

/** Where the application is in its loop of transactions, with abortTransaction() while one is open. */
function TransactionLine({ p }: { p: ProducerModel }) {
  const t = p.transaction!;
  const number = t.committed + t.aborted + 1;
  const text: Record<string, string> = {
    UNINITIALIZED: 'initTransactions()…',
    INITIALIZING: 'initTransactions()…',
    READY: `${t.committed} committed · ${t.aborted} aborted`,
    IN_TRANSACTION: `txn ${number}: ${t.sent}/${t.recordsPerTransaction} sent`,
    COMMITTING_TRANSACTION: `txn ${number}: committing…`,
    ABORTING_TRANSACTION: `txn ${number}: aborting…`,
    FENCED: 'fenced: ProducerFencedException',
  };
  // A stopped process (its service instance crashed) leaves its transaction as it was, open or ending.
  if (!p.running && t.state !== 'FENCED') {
    const midTransaction = t.state === 'IN_TRANSACTION' || t.state === 'COMMITTING_TRANSACTION';
    return (
      <span className="client-line txn-line muted" title={`transactional.id ${p.transactionalId}`}>
        <span className="txn-text">{midTransaction ? 'stopped mid-transaction' : 'stopped'}</span>
      </span>
    );
  }
  const open = t.state === 'IN_TRANSACTION' || t.state === 'COMMITTING_TRANSACTION';
  return (
    <span
      className={`client-line txn-line txn-${t.state.toLowerCase()}`}
      title={`transactional.id ${p.transactionalId} · producer id ${t.producerId} · ${t.committed} committed, ${t.aborted} aborted`}
    >
      <span className="txn-text">{text[t.state]}</span>
      {open ? (
        <button
          type="button"
          className="small"
          aria-label={`Abort the transaction of producer ${p.id}`}
          onClick={() => void run({ type: 'abortTransaction', producerId: p.id })}
        >
          Abort
        </button>
      ) : null}
    </span>
  );
}

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
