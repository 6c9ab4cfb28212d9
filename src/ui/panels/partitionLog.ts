// The log of one partition on each of its replicas, aligned by offset, the way Kafka's documentation
// draws it: the high watermark as a line, each replica's log end offset, and each consumer group's
// committed offset with its lag. Only a window of the newest offsets is drawn; what lies before it is
// summarised as a count, so the cost never grows with the log.
import { scaleLinear } from 'd3';
import type { LossExplanation, RecordView, SharePartitionView, TimestampType } from '../../engine/index';
import type { PartitionRow, ReplicaModel, Role } from '../model/model';

export interface GroupOffset {
  groupId: string;
  committed: number | null;
  lag: number | null;
}

export interface LogCell {
  offset: number;
  recordId: number;
  x: number;
  key: string | null;
  uncommitted: boolean;
  leaderEpoch: number;
  /** The record's timestamp, and who set it (message.timestamp.type when the leader appended it). */
  timestampMs: number;
  timestampType: TimestampType;
  /** Written in a transaction, or a transaction marker; and whether its transaction was aborted. */
  txn: RecordView['txn'];
  aborted: boolean;
}

export interface LogRow {
  brokerId: number;
  role: Role;
  preferred: boolean;
  y: number;
  logEndOffset: number;
  /** Where the next record would go, or null when the replica is further behind than the window. */
  leoX: number | null;
  cells: LogCell[];
}

export interface PartitionLogLayout {
  width: number;
  height: number;
  cell: number;
  rowHeight: number;
  labelWidth: number;
  firstOffset: number;
  columns: { offset: number; x: number }[];
  rows: LogRow[];
  /** The partition's high watermark line, or null when no leader knows it. */
  hwX: number | null;
  /** The last stable offset's line while it is below the high watermark (an unfinished transaction). */
  lsoX: number | null;
  markers: {
    groupId: string;
    x: number;
    y: number;
    label: string;
    beforeWindow: boolean;
    anchor: 'start' | 'end';
  }[];
  /** Where the high watermark's label reads from, so that it stays inside the panel. */
  hwAnchor: 'start' | 'end';
  /** The row of lost records under the replicas (red, crossed), or null when none was lost here. */
  lost: {
    y: number;
    cells: { offset: number; recordId: number; x: number; text: string }[];
    before: number[];
  } | null;
  /** A row per share group reading the partition: its in-flight records by state, and its SPSO. */
  shareRows: ShareRow[];
  /** Where the rows (replicas, lost, share-partitions) end: the high watermark's label goes under them. */
  rowsBottom: number;
  /** Records older than the window on the longest replica log (they exist, but are not drawn). */
  earlier: number;
  logStartOffset: number;
}

export const LABEL_EM = 8.5;

/** A share group's share-partition of this partition, and its members' names (for short holder labels). */
export interface ShareInput {
  groupId: string;
  partition: SharePartitionView;
  members: readonly string[];
}

export interface ShareCell {
  offset: number;
  x: number;
  state: SharePartitionView['inFlight'][number]['state'];
  deliveryCount: number;
  /** The member holding its acquisition lock, and as much of its name as the cell has room for. */
  holder: string | null;
  holderLabel: string;
  lockUntilMs: number;
}

export interface ShareRow {
  groupId: string;
  y: number;
  height: number;
  /** The share-partition start offset, -1 before a member first fetched the partition. */
  startOffset: number;
  /** Where the SPSO's line is drawn (at the window's left edge when it lies before the window), or null. */
  spsoX: number | null;
  spsoBefore: boolean;
  lag: number | null;
  cells: ShareCell[];
  /** In-flight records older than the drawn window, and how many of them are in each state. */
  earlier: number;
  earlierByState: Record<ShareCell['state'], number>;
}

/** A share-partition row holds two lines in each cell: the holder's name and the delivery count. */
export const SHARE_ROW_EM = 3.2;

/**
 * As much of a member's name as fits `chars`: the whole name when it fits, else its first letter and
 * what tells it apart from the group's other members (`workers-1`, `workers-2` → `w1`, `w2`), so that a
 * holder is never a bare number beside the delivery count.
 */
export function holderLabel(name: string, members: readonly string[], chars: number): string {
  if (name.length <= chars) return name;
  let common = 0;
  const others = members.filter((m) => m !== name);
  if (others.length > 0) {
    common = name.length;
    for (const o of others) {
      let i = 0;
      while (i < common && i < o.length && o[i] === name[i]) i++;
      common = i;
    }
  }
  const rest = name.slice(common).replace(/^[-_.]+/, '');
  if (rest.length === 0 || common === 0) return name.slice(0, Math.max(1, chars));
  return `${name[0]}${rest}`.slice(0, Math.max(1, chars));
}

/** A record that was acknowledged and is now on no replica, as the delivery audit explains it. */
export interface LostRecord {
  offset: number;
  recordId: number;
  atMs: number;
  text: string;
}

/** The lost records of one partition, from the audit's explanations. Newest last; a record is listed once. */
export function lostIn(explanations: readonly LossExplanation[], partitionId: string): LostRecord[] {
  const out = new Map<number, LostRecord>();
  for (const x of explanations)
    if (x.partitionId === partitionId)
      out.set(x.recordId, { offset: x.offset, recordId: x.recordId, atMs: x.atMs, text: x.text });
  return [...out.values()];
}

function countStates(records: readonly { state: ShareCell['state'] }[]): ShareRow['earlierByState'] {
  const by = { AVAILABLE: 0, ACQUIRED: 0, ACKNOWLEDGED: 0, ARCHIVED: 0 };
  for (const r of records) by[r.state]++;
  return by;
}

export function layoutPartitionLog(
  row: PartitionRow,
  replicas: readonly ReplicaModel[],
  groups: readonly GroupOffset[],
  width: number,
  em: number,
  lostRecords: readonly LostRecord[] = [],
  shares: readonly ShareInput[] = [],
): PartitionLogLayout {
  const labelWidth = LABEL_EM * em;
  const leoWidth = 5 * em;
  const tailLength = Math.max(0, ...replicas.map((r) => r.tail.length));
  const columns = Math.max(
    4,
    Math.min(tailLength || 4, Math.floor((width - labelWidth - leoWidth) / (2 * em))),
  );
  const cell = Math.min(3 * em, (width - labelWidth - leoWidth) / columns);
  const end = Math.max(0, ...replicas.map((r) => r.logEndOffset));
  const first = Math.max(0, end - columns);
  const x = scaleLinear()
    .domain([first, first + columns])
    .range([labelWidth, labelWidth + columns * cell]);
  const top = 1.6 * em;
  const rowHeight = 2.6 * em;
  const inWindow = (o: number): boolean => o >= first && o <= first + columns;
  const rows: LogRow[] = replicas.map((r, i) => ({
    brokerId: r.brokerId,
    role: r.role,
    preferred: r.preferred,
    y: top + i * rowHeight,
    logEndOffset: r.logEndOffset,
    leoX: inWindow(r.logEndOffset) ? x(r.logEndOffset) : null,
    cells: r.tail
      .filter((rec) => rec.offset >= first && rec.offset < first + columns)
      .map((rec) => ({
        offset: rec.offset,
        recordId: rec.recordId,
        x: x(rec.offset),
        key: rec.key,
        uncommitted: rec.offset >= row.highWatermark,
        leaderEpoch: rec.leaderEpoch,
        timestampMs: rec.timestampMs,
        timestampType: rec.timestampType,
        txn: rec.txn,
        aborted: rec.aborted,
      })),
  }));
  // Lost records get a row of their own under the replicas: the offsets they had are usually held by
  // other records now, and the contrast is the lesson.
  const lostY = top + replicas.length * rowHeight;
  const lost =
    lostRecords.length === 0
      ? null
      : {
          y: lostY,
          cells: lostRecords
            .filter((r) => r.offset >= first && r.offset < first + columns)
            .map((r) => ({ offset: r.offset, recordId: r.recordId, x: x(r.offset), text: r.text })),
          before: lostRecords.filter((r) => r.offset < first).map((r) => r.offset),
        };
  // Share-partitions come under the log they read: one row per share group, its records by state.
  const shareHeight = SHARE_ROW_EM * em;
  const shareTop = lostY + (lost ? rowHeight : 0);
  const chars = Math.max(1, Math.floor(cell / (em * 0.62)));
  const shareRows: ShareRow[] = shares.map((sh, i) => {
    const p = sh.partition;
    const started = p.startOffset >= 0;
    return {
      groupId: sh.groupId,
      y: shareTop + i * shareHeight,
      height: shareHeight,
      startOffset: p.startOffset,
      spsoX: started ? x(Math.min(Math.max(first, p.startOffset), first + columns)) : null,
      spsoBefore: started && p.startOffset < first,
      lag: p.lag,
      cells: p.inFlight
        .filter((r) => r.offset >= first && r.offset < first + columns)
        .map((r) => ({
          offset: r.offset,
          x: x(r.offset),
          state: r.state,
          deliveryCount: r.deliveryCount,
          holder: r.consumerId,
          holderLabel: r.consumerId ? holderLabel(r.consumerId, sh.members, chars) : '',
          lockUntilMs: r.lockUntilMs,
        })),
      earlier: p.inFlight.filter((r) => r.offset < first).length,
      earlierByState: countStates(p.inFlight.filter((r) => r.offset < first)),
    };
  });
  const rowsBottom = shareTop + shares.length * shareHeight;
  // An unfinished transaction's last stable offset gets a line and a label under the high watermark's.
  const lsoShown = row.lastStableOffset >= 0 && row.lastStableOffset < row.highWatermark;
  const markersTop = rowsBottom + 0.6 * em + (lsoShown ? 1.3 * em : 0);
  const markers = groups
    .filter((g) => g.committed !== null)
    .map((g, i) => {
      const committed = g.committed!;
      const before = committed < first;
      return {
        groupId: g.groupId,
        x: before ? labelWidth : x(Math.min(committed, first + columns)),
        y: markersTop + i * 1.8 * em,
        label: `${g.groupId}: committed ${committed} · lag ${g.lag ?? '-'}`,
        beforeWindow: before,
        // Labels right of the middle read leftwards from their marker, so they never leave the panel.
        anchor:
          (before ? labelWidth : x(Math.min(committed, first + columns))) > width / 2
            ? ('end' as const)
            : ('start' as const),
      };
    });
  const logStartOffset = Math.min(...replicas.map((r) => r.logStartOffset));
  return {
    width,
    height: markersTop + Math.max(1, markers.length) * 1.8 * em + 0.4 * em,
    cell,
    rowHeight,
    labelWidth,
    firstOffset: first,
    columns: Array.from({ length: columns }, (_, k) => ({ offset: first + k, x: x(first + k) })),
    rows,
    hwX: row.highWatermark >= 0 && inWindow(row.highWatermark) ? x(row.highWatermark) : null,
    lsoX: lsoShown ? x(Math.min(Math.max(first, row.lastStableOffset), first + columns)) : null,
    hwAnchor: x(Math.min(Math.max(row.highWatermark, first), first + columns)) > width / 2 ? 'end' : 'start',
    markers,
    lost,
    shareRows,
    rowsBottom,
    earlier: Math.max(0, first - Math.max(0, logStartOffset)),
    logStartOffset,
  };
}
