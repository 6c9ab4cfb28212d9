// The followed record's path drawn over the diagram: a calm highlight from the producer through the
// leader to each follower and to the consumer of each group, with a numbered, labelled stop at each end
// (offset and the virtual time the engine recorded for it there). Drawn only while a record is followed.
import { useMemo } from 'react';
import { useUi } from '../store';
import { labelFont, layoutFollowPath, type StopState } from './followPath';
import type { DiagramLayout } from './layout';

const STROKE: Record<StopState, string> = {
  done: '#1d2433',
  pending: '#6b7385',
  lost: '#c62a3b',
  down: '#6b7385',
};

export function FollowPath({ layout }: { layout: DiagramLayout }) {
  const trace = useUi((s) => s.trace);
  const pid = trace?.partitionId ?? null;
  const row = useUi((s) => (pid ? (s.model?.partitionById.get(pid) ?? null) : null));
  // Nothing to draw (and no re-render per frame) unless a record is followed.
  const brokers = useUi((s) => (s.trace ? (s.model?.brokers ?? null) : null));
  const groups = useUi((s) => (s.trace ? (s.model?.groups ?? null) : null));
  const shareGroups = useUi((s) => (s.trace ? (s.model?.shareGroups ?? null) : null));
  const path = useMemo(() => {
    if (!trace || !row || !brokers || !groups) return null;
    const topic = trace.partitionId.slice(0, trace.partitionId.lastIndexOf('-'));
    return layoutFollowPath(layout, trace, {
      leader: row.leader,
      down: new Set(brokers.filter((b) => b.status === 'stopped').map((b) => b.id)),
      groups: groups
        .filter((g) => g.topics.includes(topic))
        .map((g) => ({
          groupId: g.groupId,
          owner: g.partitions.find((p) => p.partitionId === trace.partitionId)?.owner ?? null,
        })),
      shareGroups: (shareGroups ?? [])
        .filter((g) => g.topic === topic)
        .map((g) => {
          const offset = trace.replicas.flatMap((r) => r.offsets)[0];
          const record = g.partitions
            .find((p) => p.partitionId === trace.partitionId)
            ?.inFlight.find((r) => r.offset === offset);
          return { groupId: g.groupId, holder: record?.state === 'ACQUIRED' ? record.consumerId : null };
        }),
    });
  }, [layout, trace, row, brokers, groups, shareGroups]);
  if (!path) return null;
  const font = labelFont(layout);
  return (
    <svg
      className="follow-path"
      width={layout.width}
      height={layout.height}
      role="img"
      aria-label={`Path of record ${trace!.recordId}: ${path.stops.map((s) => `${s.n}. ${s.label}`).join('; ')}`}
      data-testid="follow-path"
    >
      {path.legs.map((l) => (
        <g key={l.key} data-state={l.state}>
          {/* A wide pale band under a thin line reads as "highlighted" without shouting. */}
          <path d={l.d} className="follow-band" />
          <path
            d={l.d}
            className="follow-line"
            stroke={STROKE[l.state]}
            strokeDasharray={l.state === 'done' ? undefined : '7 6'}
          />
        </g>
      ))}
      {path.stops.map((s) => (
        <circle
          key={`dot-${s.key}`}
          cx={s.at.x}
          cy={s.at.y}
          r={font * 0.55}
          fill={STROKE[s.state]}
          stroke="#fff"
          strokeWidth={2}
        />
      ))}
      {/* Labels after every marker, so that no marker is drawn over a label. */}
      {path.stops.map((s) => (
        <g key={s.key} className={`follow-stop stop-${s.state}`} data-testid={`follow-stop-${s.key}`}>
          <rect
            x={s.box.x}
            y={s.box.y}
            width={s.box.width}
            height={s.box.height}
            rx={s.box.height / 2}
            className="follow-pill"
          />
          <text x={s.box.x + font * 0.7} y={s.box.y + font * 1.2} fontSize={font} className="follow-text">
            <tspan className="follow-n">{s.state === 'lost' ? '✕' : s.n}</tspan> {s.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
