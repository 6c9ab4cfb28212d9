// One partition's log on every replica, aligned by offset, with the high watermark, each replica's log
// end offset and each consumer group's committed offset and lag, a red row for records that were
// acknowledged and then lost (their offsets are usually someone else's by now), and a row per share
// group reading the partition: its share-partition's in-flight records by state and its start offset.
import { useMemo } from 'react';
import type { ReplicaModel } from '../model/model';
import { colourForKey, ROLE_COLOURS } from '../diagram/colours';
import { ROLE_LABEL } from '../diagram/ReplicaRow';
import { formatTime } from '../diagram/followPath';
import { useSize } from '../diagram/useSize';
import { followRecord, run } from '../engine/actions';
import { useUi } from '../store';
import { layoutPartitionLog, lostIn, type GroupOffset, type ShareInput } from './partitionLog';
import { RecordTracePanel } from './RecordTrace';
import { ShareEarlierNote, ShareLegend, ShareRowView, shareSummary } from './ShareRows';

function usePartition() {
  return useUi((s) => {
    const m = s.model;
    if (!m) return null;
    const id =
      s.selectedPartition && m.partitionById.has(s.selectedPartition)
        ? s.selectedPartition
        : m.topics[0]?.rows[0]?.id;
    return id ? m.partitionById.get(id)! : null;
  });
}

export function PartitionLog() {
  const row = usePartition();
  const brokers = useUi((s) => s.model?.brokers ?? null);
  const groups = useUi((s) => s.model?.groups ?? null);
  const shareGroups = useUi((s) => s.model?.shareGroups ?? null);
  const explanations = useUi((s) => s.shown?.view.audit.explanations ?? null);
  const hasTransactions = useUi((s) => s.model?.producers.some((p) => p.transactionalId !== null) ?? false);
  const pid = row?.id ?? null;
  const lost = useMemo(() => (explanations && pid ? lostIn(explanations, pid) : []), [explanations, pid]);
  const [ref, size] = useSize<HTMLDivElement>();
  if (!row || !brokers || !groups) return <div ref={ref} />;
  const replicas = row.replicas
    .map((b) => brokers.find((x) => x.id === b)?.replicas.find((r) => r.partitionId === row.id))
    .filter((r): r is ReplicaModel => r !== undefined);
  const offsets: GroupOffset[] = groups
    .filter((g) => g.topic === row.topic)
    .map((g) => {
      const p = g.partitions.find((x) => x.partitionId === row.id);
      return { groupId: g.groupId, committed: p?.committed ?? null, lag: p?.lag ?? null };
    });
  const shares: ShareInput[] = (shareGroups ?? []).flatMap((g) => {
    const p = g.partitions.find((x) => x.partitionId === row.id);
    return p ? [{ groupId: g.groupId, partition: p, members: g.members.map((m) => m.consumerId) }] : [];
  });
  const l = layoutPartitionLog(row, replicas, offsets, Math.max(300, size.width), size.em, lost, shares);
  const bottom = l.rowsBottom;
  const notPreferred = row.leader >= 0 && row.leader !== row.preferredLeader;
  // The records a keyboard user can choose to follow: the newest of the longest replica log.
  const longest = replicas.reduce<ReplicaModel | null>(
    (a, r) => (!a || r.logEndOffset > a.logEndOffset ? r : a),
    null,
  );
  const summary = [
    `Log of ${row.id}.`,
    ...l.rows.map((r) => `Broker ${r.brokerId}, ${ROLE_LABEL[r.role]}: log end offset ${r.logEndOffset}.`),
    `High watermark ${row.highWatermark}.`,
    ...(lost.length > 0
      ? [
          `Lost after acknowledgement: offset${lost.length > 1 ? 's' : ''} ${lost.map((r) => r.offset).join(', ')}.`,
        ]
      : []),
    ...l.shareRows.map(shareSummary),
    ...l.markers.map((m) => `${m.label}.`),
  ].join(' ');
  return (
    <div ref={ref} className="partition-log">
      <p className="describe-caption">
        <strong>{row.id}</strong> · Leader: {row.leader < 0 ? 'none' : row.leader}
        {notPreferred ? ` (preferred ${row.preferredLeader})` : ''} · leader epoch {row.leaderEpoch} · Isr:{' '}
        {row.isr.join(',') || 'none'} · high watermark {row.highWatermark}
      </p>
      {notPreferred ? (
        <button type="button" onClick={() => void run({ type: 'electPreferredLeader', partitionId: row.id })}>
          Elect preferred leader for {row.id} (broker {row.preferredLeader})
        </button>
      ) : null}
      {row.offline ? (
        // kafka-leader-election --election-type unclean: the partition comes back, records only the
        // ISR had are lost. The controller refuses when no replica outside the ISR is alive.
        <button
          type="button"
          className="danger"
          onClick={() => void run({ type: 'electUncleanLeader', partitionId: row.id })}
        >
          Elect an unclean leader for {row.id} (--election-type unclean)
        </button>
      ) : null}
      <p className="muted small-print">
        {l.earlier > 0
          ? `Offsets ${l.logStartOffset}–${l.firstOffset - 1}: ${l.earlier} earlier records, not drawn.`
          : l.logStartOffset > 0
            ? `The log starts at offset ${l.logStartOffset}: older records were deleted by retention.`
            : 'The whole log is drawn.'}
      </p>
      <svg
        width={l.width}
        height={l.height}
        role="img"
        aria-label={summary}
        onClick={(e) => {
          const rid = (e.target as Element).closest('[data-rid]')?.getAttribute('data-rid');
          if (rid) followRecord(Number(rid), row.id);
        }}
      >
        {l.columns.map((c) => (
          <text key={c.offset} x={c.x + l.cell / 2} y={size.em * 1.1} className="axis" textAnchor="middle">
            {c.offset}
          </text>
        ))}
        {l.rows.map((r) => (
          <g key={r.brokerId} transform={`translate(0 ${r.y})`}>
            <text x={0} y={l.rowHeight * 0.45} className="row-label">
              broker {r.brokerId}
              {r.preferred ? ' ★' : ''}
            </text>
            <text x={0} y={l.rowHeight * 0.85} className="row-role" fill={ROLE_COLOURS[r.role]}>
              {ROLE_LABEL[r.role]}
            </text>
            {r.cells.map((c) =>
              c.txn === 'COMMIT' || c.txn === 'ABORT' ? (
                <g key={c.offset} className={`plog-marker marker-${c.txn.toLowerCase()}`}>
                  <rect
                    x={c.x + 1.5}
                    y={2}
                    width={l.cell - 3}
                    height={l.rowHeight - 8}
                    rx={4}
                    strokeDasharray={c.uncommitted ? '4 3' : undefined}
                  >
                    <title>{`offset ${c.offset} · ${c.txn} marker: a control record that ends a transaction; consumers skip it`}</title>
                  </rect>
                  <text x={c.x + l.cell / 2} y={l.rowHeight * 0.58} className="cell-key" textAnchor="middle">
                    {l.cell > size.em * 2.6 ? c.txn : c.txn[0]}
                  </text>
                </g>
              ) : (
                <g
                  key={c.offset}
                  data-rid={c.recordId}
                  className={`plog-cell${c.aborted ? ' plog-aborted' : ''}`}
                >
                  <rect
                    x={c.x + 1.5}
                    y={2}
                    width={l.cell - 3}
                    height={l.rowHeight - 8}
                    rx={4}
                    fill={c.uncommitted ? '#ffffff' : colourForKey(c.key)}
                    stroke={c.uncommitted ? colourForKey(c.key) : '#1d2433'}
                    strokeWidth={c.uncommitted ? 3 : 1}
                    strokeDasharray={c.uncommitted ? '4 3' : undefined}
                  >
                    <title>{`offset ${c.offset} · key ${c.key ?? 'null'} · leader epoch ${c.leaderEpoch} · timestamp ${formatTime(c.timestampMs)} (${c.timestampType})${c.txn === 'data' ? (c.aborted ? ' · aborted transaction: read_committed consumers skip it' : ' · written in a transaction') : ''}`}</title>
                  </rect>
                  {l.cell > size.em * 1.8 ? (
                    <text
                      x={c.x + l.cell / 2}
                      y={l.rowHeight * 0.58}
                      className="cell-key"
                      textAnchor="middle"
                    >
                      {(c.key ?? '∅').slice(0, Math.max(1, Math.floor(l.cell / (size.em * 0.62))))}
                    </text>
                  ) : null}
                  {c.aborted ? (
                    <path
                      d={`M${c.x + 5} ${l.rowHeight - 10} L${c.x + l.cell - 5} 6`}
                      className="aborted-strike"
                    />
                  ) : null}
                </g>
              ),
            )}
            {r.leoX !== null ? (
              <path d={`M${r.leoX} ${l.rowHeight - 4} l-5 6 h10 z`} fill="#1d2433" aria-hidden="true" />
            ) : null}
            <text x={l.width - 2} y={l.rowHeight * 0.62} className="row-leo" textAnchor="end">
              LEO {r.logEndOffset}
            </text>
          </g>
        ))}
        {l.lost ? (
          <g transform={`translate(0 ${l.lost.y})`} data-testid="lost-row">
            <text x={0} y={l.rowHeight * 0.45} className="row-label lost-label">
              lost
            </text>
            <text x={0} y={l.rowHeight * 0.85} className="row-role lost-label">
              acked, then gone
            </text>
            {l.lost.cells.map((c) => (
              <g key={c.recordId} className="plog-lost" data-lost-offset={c.offset}>
                <rect
                  x={c.x + 1.5}
                  y={2}
                  width={l.cell - 3}
                  height={l.rowHeight - 8}
                  rx={4}
                  className="lost-cell"
                >
                  <title>{`Lost record ${c.recordId} at offset ${c.offset}: ${c.text}`}</title>
                </rect>
                <path
                  d={`M${c.x + 6} 7 L${c.x + l.cell - 6} ${l.rowHeight - 11} M${c.x + l.cell - 6} 7 L${c.x + 6} ${l.rowHeight - 11}`}
                  className="lost-cross"
                />
              </g>
            ))}
          </g>
        ) : null}
        {l.shareRows.map((r) => (
          <ShareRowView key={r.groupId} r={r} l={l} em={size.em} />
        ))}
        {l.hwX !== null ? (
          <g>
            <line x1={l.hwX} x2={l.hwX} y1={size.em * 1.35} y2={bottom + size.em * 0.1} className="hw-line" />
            <text
              x={l.hwAnchor === 'end' ? l.hwX - 6 : l.hwX + 6}
              y={bottom + size.em * 0.6}
              className="hw-label"
              textAnchor={l.hwAnchor}
            >
              high watermark {row.highWatermark}
            </text>
          </g>
        ) : null}
        {l.lsoX !== null ? (
          <g data-testid="lso-line">
            <line
              x1={l.lsoX}
              x2={l.lsoX}
              y1={size.em * 1.35}
              y2={bottom + size.em * 1.3}
              className="lso-line"
            />
            <text
              x={l.lsoX > l.width / 2 ? l.lsoX - 6 : l.lsoX + 6}
              y={bottom + size.em * 1.7}
              className="lso-label"
              textAnchor={l.lsoX > l.width / 2 ? 'end' : 'start'}
            >
              <title>
                The last stable offset: the first offset of the oldest unfinished transaction. read_committed
                consumers read below it.
              </title>
              LSO {row.lastStableOffset}
            </text>
          </g>
        ) : null}
        {l.markers.map((m) => (
          <g key={m.groupId} transform={`translate(${m.x} ${m.y + size.em})`}>
            <path
              d={m.beforeWindow ? 'M0 0 l8 -6 v12 z' : 'M0 -7 l-6 -9 h12 z'}
              fill="#4fb0c6"
              stroke="#1d2433"
            />
            <text x={m.anchor === 'end' ? -10 : 10} y={4} className="marker-label" textAnchor={m.anchor}>
              {m.beforeWindow ? '← ' : ''}
              {m.label}
            </text>
          </g>
        ))}
      </svg>
      {l.shareRows.map((r) => (
        <ShareEarlierNote key={r.groupId} r={r} firstOffset={l.firstOffset} />
      ))}
      {shares.length > 0 ? <ShareLegend /> : null}
      {lost.length > 0 ? (
        <p className="lost-note" data-testid="lost-note">
          ✕ {lost.length} acknowledged record{lost.length > 1 ? 's' : ''} lost from {row.id}
          {l.lost && l.lost.before.length > 0
            ? ` (offset${l.lost.before.length > 1 ? 's' : ''} ${l.lost.before.join(', ')} lie before the drawn window)`
            : ''}
          : {lost[lost.length - 1]!.text}
        </p>
      ) : null}
      {longest && longest.tail.length > 0 ? (
        <label className="follow-pick">
          Follow a record:{' '}
          <select
            value=""
            onChange={(e) => {
              if (e.target.value) followRecord(Number(e.target.value), row.id);
            }}
          >
            <option value="">choose an offset…</option>
            {longest.tail
              .slice()
              .reverse()
              .map((r) => (
                <option key={r.offset} value={r.recordId}>
                  offset {r.offset} · key {r.key ?? 'null'}
                </option>
              ))}
          </select>
        </label>
      ) : null}
      <RecordTracePanel />
      <p className="legend">
        <span className="swatch solid" /> committed (below the high watermark, readable by consumers){' '}
        <span className="swatch hollow" /> not yet committed · ▲ log end offset · ★ preferred leader
        {hasTransactions
          ? ' · C/A: a transaction’s COMMIT or ABORT marker · struck: aborted · LSO: where read_committed stops'
          : ''}
      </p>
    </div>
  );
}
