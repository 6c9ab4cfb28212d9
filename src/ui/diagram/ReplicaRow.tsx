// A replica of a partition on one broker: its role in Kafka's terms, and a strip of its latest records
// coloured by key. Records at or above the high watermark are not yet committed and drawn hollow.
import { memo } from 'react';
import type { RecordView } from '../../engine/index';
import type { ReplicaModel, Role } from '../model/model';
import { followRecord } from '../engine/actions';
import { selectPartition } from '../store';
import { colourForKey } from './colours';

export const ROLE_LABEL: Record<Role, string> = {
  leader: 'leader',
  isr: 'in ISR',
  out: 'out of ISR',
  offline: 'offline',
};

export const ReplicaRow = memo(function ReplicaRow({
  replica: r,
  compact,
  leo,
  records,
  selected,
}: {
  replica: ReplicaModel;
  compact: boolean;
  /** Whether the row shows the log end offset: a narrow compact row leaves it to its tooltip. */
  leo: boolean;
  records: number;
  selected: boolean;
}) {
  return (
    <li
      className={`replica-row role-${r.role}${selected ? ' selected' : ''}`}
      title={leo ? undefined : `log end offset ${r.logEndOffset}`}
    >
      <button
        type="button"
        className="replica-name"
        aria-label={`Show the log of ${r.partitionId}`}
        aria-pressed={selected}
        onClick={() => selectPartition(r.partitionId)}
      >
        {/* The topic may be cut short; the partition number never is, so every row stays identifiable. */}
        <span className="rn-topic">{r.partitionId.slice(0, r.partitionId.lastIndexOf('-'))}</span>
        <span className="rn-part">{r.partitionId.slice(r.partitionId.lastIndexOf('-'))}</span>
      </button>
      <span className={`role-badge role-${r.role}`}>
        {ROLE_LABEL[r.role]}
        {r.preferred ? (
          <span className="preferred" title="preferred leader">
            {' '}
            ★<span className="sr-only"> preferred leader</span>
          </span>
        ) : null}
      </span>
      <LogStrip
        partitionId={r.partitionId}
        tail={r.tail}
        count={records}
        highWatermark={r.highWatermark}
        compact={compact}
      />
      {leo ? (
        <span className="leo" title="log end offset">
          {compact ? '' : 'LEO '}
          {r.logEndOffset}
        </span>
      ) : null}
    </li>
  );
});

/** The last `count` records of a replica, oldest on the left. */
export function LogStrip({
  partitionId,
  tail,
  count,
  highWatermark,
  compact,
}: {
  partitionId: string;
  tail: readonly RecordView[];
  count: number;
  highWatermark: number;
  compact: boolean;
}) {
  // Older records are not drawn at all: the LEO beside the strip says how long the log is.
  const shown = tail.slice(-count);
  return (
    // Clicking a record follows it (the partition log offers the same from the keyboard).
    <span
      className={`log-strip${compact ? ' compact' : ''}`}
      aria-hidden="true"
      onClick={(e) => {
        const rid = (e.target as HTMLElement).dataset['rid'];
        if (rid) followRecord(Number(rid), partitionId);
      }}
    >
      {shown.map((rec) =>
        rec.txn === 'COMMIT' || rec.txn === 'ABORT' ? (
          // A transaction marker takes an offset like a record; it carries no data, so it is a letter.
          <span
            key={rec.offset}
            className={`rec marker marker-${rec.txn.toLowerCase()}${rec.offset >= highWatermark ? ' uncommitted' : ''}`}
            title={`offset ${rec.offset} · ${rec.txn} marker (a control record ending a transaction)`}
          >
            {rec.txn === 'COMMIT' ? 'C' : 'A'}
          </span>
        ) : (
          <span
            key={rec.offset}
            data-rid={rec.recordId}
            className={`rec${rec.offset >= highWatermark ? ' uncommitted' : ''}${rec.offset === highWatermark ? ' at-hw' : ''}${rec.aborted ? ' aborted' : ''}`}
            style={{ ['--key' as string]: colourForKey(rec.key) }}
            title={`offset ${rec.offset} · key ${rec.key ?? 'null'} · leader epoch ${rec.leaderEpoch}${rec.txn === 'data' ? (rec.aborted ? ' · in an aborted transaction' : ' · in a transaction') : ''}`}
          >
            {rec.offset}
          </span>
        ),
      )}
    </span>
  );
}

/** A big cluster: one cell per replica, coloured by role. Clicking a cell shows that partition's log. */
export const ReplicaCells = memo(function ReplicaCells({
  replicas,
  unit,
  columns,
  selected,
  summary,
  labels,
}: {
  replicas: readonly ReplicaModel[];
  unit: number;
  columns: number;
  /** Short cell labels per partition id (`o3` for orders-3), or null when cells are too small for text. */
  labels: ReadonlyMap<string, string> | null;
  selected: string | null;
  summary: string;
}) {
  return (
    <div
      className="replica-cells"
      style={{
        gridTemplateColumns: `repeat(${columns}, ${unit}px)`,
        gridAutoRows: `${unit}px`,
        fontSize: `${Math.min(15, unit * 0.36)}px`,
      }}
      role="img"
      aria-label={summary}
      onClick={(e) => {
        const pid = (e.target as HTMLElement).dataset['pid'];
        if (pid) selectPartition(pid);
      }}
    >
      {replicas.map((r) => (
        <span
          key={r.partitionId}
          data-pid={r.partitionId}
          className={`cell role-${r.role}${r.preferred ? ' preferred' : ''}${selected === r.partitionId ? ' selected' : ''}`}
          title={`${r.partitionId}: ${ROLE_LABEL[r.role]}${r.preferred ? ', preferred leader' : ''}, LEO ${r.logEndOffset}`}
        >
          {labels ? <span className="cell-label">{labels.get(r.partitionId)}</span> : null}
        </span>
      ))}
    </div>
  );
});
