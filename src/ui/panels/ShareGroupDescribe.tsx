// `kafka-share-groups --describe` beside the consumer groups: each share-partition's start offset
// (START-OFFSET, the SPSO) and lag, as the tool prints them, and what the group's members acknowledged.
import { memo } from 'react';
import type { ShareGroupView } from '../../engine/index';

export const ShareGroupTable = memo(function ShareGroupTable({ group: g }: { group: ShareGroupView }) {
  const running = g.members.filter((m) => m.status === 'running').length;
  return (
    <section className="topic" aria-label={`Share group ${g.groupId}`}>
      <p className="describe-caption">
        SHARE GROUP <strong>{g.groupId}</strong> STATE{' '}
        <strong className={`group-state state-${g.state}`} data-testid={`share-state-${g.groupId}`}>
          {g.state}
        </strong>{' '}
        #MEMBERS {running}
      </p>
      <p className="describe-caption muted">
        group epoch {g.groupEpoch} · share.acknowledgement.mode={g.config['share.acknowledgement.mode']} ·
        total lag <strong data-testid={`share-lag-${g.groupId}`}>{g.totalLag}</strong> · {g.stats.accepted}{' '}
        accepted, {g.stats.released} released, {g.stats.rejected} rejected, {g.stats.archivedAtLimit} archived
        at share.delivery.count.limit
        {g.stats.renewed > 0 ? ` · ${g.stats.renewed} locks renewed (RENEW)` : ''}
      </p>
      <table className="describe group-table" aria-label={`Share-partitions of share group ${g.groupId}`}>
        <thead>
          <tr>
            <th scope="col">TOPIC</th>
            <th scope="col">PARTITION</th>
            <th scope="col">START-OFFSET</th>
            <th scope="col">LAG</th>
          </tr>
        </thead>
        <tbody>
          {g.partitions.map((p) => (
            <tr key={p.partitionId}>
              <td>{p.partitionId.slice(0, p.partitionId.lastIndexOf('-'))}</td>
              <td>{p.partitionId.slice(p.partitionId.lastIndexOf('-') + 1)}</td>
              <td>{p.startOffset < 0 ? '-' : p.startOffset}</td>
              <td className={p.lag !== null && p.lag > 0 ? 'lagging' : undefined}>{p.lag ?? '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
