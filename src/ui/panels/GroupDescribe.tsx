// `kafka-consumer-groups --describe`: per partition, the committed offset, the log end offset the
// consumer can read up to (the high watermark) and the lag between them, and who owns it. Share groups
// follow, as `kafka-share-groups --describe` shows them (ShareGroupDescribe.tsx).
import { memo, useState } from 'react';
import type { GroupModel } from '../model/model';
import { useUi } from '../store';
import { ShareGroupTable } from './ShareGroupDescribe';
import { ROWS_SHOWN } from './TopicDescribe';

export function GroupDescribe() {
  const groups = useUi((s) => s.model?.groups ?? null);
  const shareGroups = useUi((s) => s.model?.shareGroups ?? null);
  if (!groups || !shareGroups) return null;
  if (groups.length === 0 && shareGroups.length === 0) return <p className="muted">No consumer groups.</p>;
  return (
    <div className="describe-panel">
      {groups.map((g) => (
        <GroupTable key={g.groupId} group={g} />
      ))}
      {shareGroups.map((g) => (
        <ShareGroupTable key={g.groupId} group={g} />
      ))}
    </div>
  );
}

const GroupTable = memo(function GroupTable({ group: g }: { group: GroupModel }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? g.partitions : g.partitions.slice(0, ROWS_SHOWN);
  return (
    <section className="topic" aria-label={`Consumer group ${g.groupId}`}>
      <p className="describe-caption">
        GROUP <strong>{g.groupId}</strong> ASSIGNMENT-STRATEGY {g.assignor ?? '-'} STATE{' '}
        <strong className={`group-state state-${g.state}`} data-testid={`state-${g.groupId}`}>
          {g.state}
        </strong>{' '}
        #MEMBERS {g.members.filter((m) => m.status === 'running').length}
      </p>
      <p className="describe-caption muted">
        group.protocol={g.protocol} · generation {g.generation} · total lag{' '}
        <strong data-testid={`lag-${g.groupId}`}>{g.totalLag}</strong>
      </p>
      {/* The lines kafka-consumer-groups --describe prints for these states. */}
      {g.rebalancing ? (
        <p className="health bad">Warning: Consumer group &apos;{g.groupId}&apos; is rebalancing.</p>
      ) : g.state === 'Empty' ? (
        <p className="health" data-testid={`empty-${g.groupId}`}>
          Consumer group &apos;{g.groupId}&apos; has no active members.
        </p>
      ) : null}
      <table className="describe group-table" aria-label={`Partitions of consumer group ${g.groupId}`}>
        <thead>
          <tr>
            <th scope="col">TOPIC</th>
            <th scope="col">PARTITION</th>
            <th scope="col">CURRENT-OFFSET</th>
            <th scope="col">LOG-END-OFFSET</th>
            <th scope="col">LAG</th>
            <th scope="col">CONSUMER-ID</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.partitionId}>
              <td>{p.partitionId.slice(0, p.partitionId.lastIndexOf('-'))}</td>
              <td>{p.partitionId.slice(p.partitionId.lastIndexOf('-') + 1)}</td>
              <td data-testid={`committed-${g.groupId}-${p.partitionId}`}>{p.committed ?? '-'}</td>
              <td>{p.highWatermark < 0 ? '-' : p.highWatermark}</td>
              <td className={p.lag !== null && p.lag > 0 ? 'lagging' : undefined}>{p.lag ?? '-'}</td>
              <td>{p.owner ?? '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {g.partitions.length > ROWS_SHOWN ? (
        <button type="button" className="link" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? `Show the first ${ROWS_SHOWN} partitions`
            : `Show all ${g.partitions.length} partitions of group ${g.groupId}`}
        </button>
      ) : null}
    </section>
  );
});
