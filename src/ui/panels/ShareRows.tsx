// A share group's share-partition under the log it reads (KIP-932): each in-flight record in the colour
// of its state (AVAILABLE, ACQUIRED with its holder's name, ACKNOWLEDGED, ARCHIVED), its delivery count
// when it was delivered more than once, and the share-partition start offset (SPSO) as a violet line:
// every record below it is acknowledged or archived. Drawn inside the partition log's SVG.
import { SHARE_STATE_COLOURS, shareStateInk } from '../diagram/colours';
import type { PartitionLogLayout, ShareRow } from './partitionLog';

/** The SPSO's colour: the share group card's violet. */
const SPSO = '#7454b8';

/**
 * A cell's outline says what its fill cannot: an ACQUIRED record's amber is close to some keys' colours
 * in the replica rows above, so its lock is drawn as a thick violet outline (the share group's colour);
 * an AVAILABLE one has a blue outline, the others the records' ink.
 */
const OUTLINE = {
  AVAILABLE: { stroke: '#1f5fd1', width: 2 },
  ACQUIRED: { stroke: SPSO, width: 3.5 },
  ACKNOWLEDGED: { stroke: '#1d2433', width: 1 },
  ARCHIVED: { stroke: '#1d2433', width: 1 },
} as const;

const STATE_WORDS = {
  AVAILABLE: 'AVAILABLE: any member may acquire it',
  ACQUIRED: 'ACQUIRED: locked to one member until it acknowledges it or the lock runs out',
  ACKNOWLEDGED: 'ACKNOWLEDGED: accepted, done',
  ARCHIVED: 'ARCHIVED: rejected, or delivered share.delivery.count.limit times; never delivered again',
} as const;

function cellTitle(c: ShareRow['cells'][number]): string {
  const holder =
    c.holder !== null ? ` · held by ${c.holder}, lock until ${(c.lockUntilMs / 1000).toFixed(1)} s` : '';
  return `offset ${c.offset} · ${STATE_WORDS[c.state]} · delivery count ${c.deliveryCount}${holder}`;
}

export function shareSummary(r: ShareRow): string {
  const by = { AVAILABLE: 0, ACQUIRED: 0, ACKNOWLEDGED: 0, ARCHIVED: 0 };
  for (const c of r.cells) by[c.state]++;
  const start = r.startOffset < 0 ? 'not read yet' : `share-partition start offset (SPSO) ${r.startOffset}`;
  return `Share group ${r.groupId}: ${start}; drawn in flight: ${by.AVAILABLE} AVAILABLE, ${by.ACQUIRED} ACQUIRED, ${by.ACKNOWLEDGED} ACKNOWLEDGED, ${by.ARCHIVED} ARCHIVED.`;
}

export function ShareRowView({ r, l, em }: { r: ShareRow; l: PartitionLogLayout; em: number }) {
  const h = r.height;
  const name = r.groupId.length > 13 ? `${r.groupId.slice(0, 12)}…` : r.groupId;
  return (
    <g transform={`translate(0 ${r.y})`} data-testid={`share-row-${r.groupId}`}>
      <text x={0} y={h * 0.4} className="row-label">
        <title>{`share group ${r.groupId}${r.earlier > 0 ? ` · ${r.earlier} in-flight records before the drawn window` : ''}`}</title>
        {name}
      </text>
      <text x={0} y={h * 0.78} className="row-role share-spso-label">
        {r.startOffset < 0 ? 'not read yet' : `SPSO ${r.startOffset}${r.spsoBefore ? ' ←' : ''}`}
      </text>
      {r.cells.map((c) => (
        <g
          key={c.offset}
          className={`share-cell share-${c.state.toLowerCase()}`}
          data-offset={c.offset}
          data-state={c.state}
        >
          <rect
            x={c.x + 1.5}
            y={2}
            width={l.cell - 3}
            height={h - 8}
            rx={4}
            fill={SHARE_STATE_COLOURS[c.state]}
            stroke={OUTLINE[c.state].stroke}
            strokeWidth={OUTLINE[c.state].width}
          >
            <title>{cellTitle(c)}</title>
          </rect>
          {c.holderLabel ? (
            <text
              x={c.x + l.cell / 2}
              y={h * 0.42}
              className="cell-key"
              textAnchor="middle"
              fill={shareStateInk(c.state)}
            >
              {c.holderLabel}
            </text>
          ) : null}
          {c.deliveryCount > 1 ? (
            <text
              x={c.x + l.cell / 2}
              y={h * 0.78}
              className="cell-key share-count"
              textAnchor="middle"
              style={{ fill: shareStateInk(c.state) }}
            >
              ×{c.deliveryCount}
            </text>
          ) : null}
        </g>
      ))}
      {r.cells.length === 0 && r.earlier > 0 ? (
        // Its records in flight are all older than the drawn offsets: say where they are.
        <text x={l.labelWidth + 0.8 * em} y={h * 0.6} className="share-earlier">
          ← {r.earlier} in flight before offset {l.firstOffset}
        </text>
      ) : null}
      {r.spsoX !== null ? (
        <g className="share-spso" data-testid={`spso-${r.groupId}`}>
          <title>{`share-partition start offset (SPSO) ${r.startOffset}: every record below it is ACKNOWLEDGED or ARCHIVED`}</title>
          <line x1={r.spsoX} x2={r.spsoX} y1={-0.2 * em} y2={h - 2} stroke={SPSO} strokeWidth={4} />
          <path d={`M${r.spsoX - 6} ${-0.2 * em - 8} h12 l-6 8 z`} fill={SPSO} />
        </g>
      ) : null}
    </g>
  );
}

/**
 * A share-partition's window often starts before the drawn offsets (its start offset waits for the
 * oldest record still in flight): what lies there is said in words, by state, under the log.
 */
export function ShareEarlierNote({ r, firstOffset }: { r: ShareRow; firstOffset: number }) {
  if (r.earlier === 0) return null;
  const states = (Object.entries(r.earlierByState) as [string, number][])
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  return (
    <p className="small-print share-earlier-note" data-testid={`share-earlier-${r.groupId}`}>
      ← Share group {r.groupId}: {r.earlier} in-flight record{r.earlier > 1 ? 's' : ''} from its SPSO{' '}
      {r.startOffset} to offset {firstOffset - 1}, not drawn: {states}.
    </p>
  );
}

/** The share-partition rows' legend, in Kafka's words, and what a share group does, in one sentence. */
export function ShareLegend() {
  const chip = (state: keyof typeof SHARE_STATE_COLOURS, text: string = state) => (
    <span
      className="share-chip"
      style={{
        background: SHARE_STATE_COLOURS[state],
        color: shareStateInk(state),
        borderColor: OUTLINE[state].stroke,
        borderWidth: OUTLINE[state].width >= 3 ? 3 : OUTLINE[state].width,
      }}
    >
      {text}
    </span>
  );
  return (
    <div className="legend share-legend" data-testid="share-legend">
      <p>
        Share-partition rows: {chip('AVAILABLE')} {chip('ACQUIRED', 'ACQUIRED (holder)')}{' '}
        {chip('ACKNOWLEDGED')} {chip('ARCHIVED')} · ×3: delivery count ·{' '}
        <span className="share-spso-key">▼ SPSO</span>: share-partition start offset
      </p>
      <p>
        A share group’s members share partitions: each record is acquired under a lock by one member and
        acknowledged one by one; a record delivered share.delivery.count.limit times without being accepted is
        ARCHIVED.
      </p>
    </div>
  );
}
