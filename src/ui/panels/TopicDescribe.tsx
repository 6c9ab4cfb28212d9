// `kafka-topics --describe`, as students will meet it on a real cluster: Leader, Replicas, Isr per
// partition. Out-of-sync replicas are red (as kafka-ui shows them); a leader other than the preferred
// one (the first replica) is marked, with a button for a preferred leader election.
import { memo, useState } from 'react';
import type { PartitionRow, TopicModel } from '../model/model';
import { openDialog, selectPartition, useUi } from '../store';
import { run } from '../engine/actions';
import { DEFAULT_TOPIC_CONFIG } from '../../engine/index';

/** Rows shown per topic before "show all": a big topic is summarised, not drawn in full. */
export const ROWS_SHOWN = 12;

export function TopicDescribe() {
  const topics = useUi((s) => s.model?.topics ?? null);
  const [onlyUnder, setOnlyUnder] = useState(false);
  if (!topics) return null;
  return (
    <div className="describe-panel">
      <div className="topic-tools">
        <label className="filter">
          <input type="checkbox" checked={onlyUnder} onChange={(e) => setOnlyUnder(e.target.checked)} />
          <code>--under-replicated-partitions</code>
        </label>
        <button type="button" onClick={() => openDialog({ kind: 'createTopic' })}>
          Create topic…
        </button>
      </div>
      {topics.map((t) => (
        <TopicTable key={t.name} topic={t} onlyUnder={onlyUnder} />
      ))}
    </div>
  );
}

const TopicTable = memo(function TopicTable({
  topic: t,
  onlyUnder,
}: {
  topic: TopicModel;
  onlyUnder: boolean;
}) {
  const [showAll, setShowAll] = useState(false);
  const selected = useUi((s) => s.selectedPartition);
  const rows = onlyUnder ? t.rows.filter((r) => r.underReplicated || r.offline) : t.rows;
  const shown = showAll ? rows : rows.slice(0, ROWS_SHOWN);
  return (
    <section className="topic" aria-label={`Topic ${t.name}`}>
      <div className="topic-head">
        <p className="describe-caption">
          Topic: <strong>{t.name}</strong> PartitionCount: {t.partitions} ReplicationFactor:{' '}
          {t.replicationFactor} Configs: min.insync.replicas={t.config['min.insync.replicas']}
          {/* kafka-topics lists the configs set on the topic; this one only when it departs from Kafka's default. */}
          {t.config['message.timestamp.type'] !== DEFAULT_TOPIC_CONFIG['message.timestamp.type']
            ? `,message.timestamp.type=${t.config['message.timestamp.type']}`
            : ''}
        </p>
        <button type="button" onClick={() => openDialog({ kind: 'topic', topic: t.name })}>
          {/* The name never breaks at its hyphens when a narrow column wraps the button. */}
          Configure topic <span className="topic-name">{t.name}</span>
        </button>
      </div>
      <p
        className={`health${t.underReplicated > 0 || t.offline > 0 ? ' bad' : ''}`}
        data-testid={`urp-${t.name}`}
      >
        {t.underReplicated} under-replicated
        {t.offline > 0 ? ` · ${t.offline} offline (no leader)` : ''}
        {t.replicationFactor <= t.config['min.insync.replicas'] ? (
          <span className="warn">
            {' '}
            · replication factor ≤ min.insync.replicas: one broker down blocks acks=all
          </span>
        ) : null}
      </p>
      <table className="describe" aria-label={`Partitions of topic ${t.name}`}>
        <thead>
          <tr>
            <th scope="col">Partition</th>
            <th scope="col">Leader</th>
            <th scope="col">Replicas</th>
            <th scope="col">Isr</th>
            <th scope="col">HW</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <DescribeRow key={r.id} row={r} selected={selected === r.id} />
          ))}
        </tbody>
      </table>
      {rows.length > ROWS_SHOWN ? (
        <button type="button" className="link" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? `Show the first ${ROWS_SHOWN} partitions of ${t.name}`
            : `Show all ${rows.length} partitions of ${t.name}`}
        </button>
      ) : null}
    </section>
  );
});

const DescribeRow = memo(function DescribeRow({
  row: r,
  selected,
}: {
  row: PartitionRow;
  selected: boolean;
}) {
  const notPreferred = r.leader >= 0 && r.leader !== r.preferredLeader;
  const cls = [
    r.offline ? 'offline' : r.underReplicated ? 'under-replicated' : '',
    selected ? 'selected' : '',
  ].join(' ');
  return (
    <>
      <tr
        data-testid={`describe-${r.id}`}
        className={`${cls}${notPreferred ? ' has-note' : ''}`.trim() || undefined}
      >
        <td>
          <button
            type="button"
            className="link"
            aria-label={`Show the log of ${r.id}`}
            aria-pressed={selected}
            onClick={() => selectPartition(r.id)}
          >
            {r.partition}
          </button>
        </td>
        <td data-testid={`leader-${r.id}`}>{r.leader < 0 ? 'none' : r.leader}</td>
        <td>
          {r.replicas.map((b, i) => (
            <span key={b} className={r.isr.includes(b) ? undefined : 'out-of-sync'}>
              {i > 0 ? ',' : ''}
              {b}
            </span>
          ))}
          {r.outOfSync.length > 0 ? (
            <span className="sr-only"> (out of sync: {r.outOfSync.join(',')})</span>
          ) : null}
        </td>
        <td data-testid={`isr-${r.id}`}>{r.isr.join(',')}</td>
        <td>{r.highWatermark < 0 ? '-' : r.highWatermark}</td>
      </tr>
      {/* A line of its own under the partition, so the columns keep their widths when it comes and goes. */}
      {notPreferred ? (
        <tr className={`preferred-note${cls ? ` ${cls}` : ''}`}>
          <td colSpan={5}>
            <span>↳ preferred leader is broker {r.preferredLeader}</span>
            <button
              type="button"
              className="small"
              aria-label={`Elect preferred leader for ${r.id} (broker ${r.preferredLeader})`}
              onClick={() => void run({ type: 'electPreferredLeader', partitionId: r.id })}
            >
              Elect preferred
            </button>
          </td>
        </tr>
      ) : null}
    </>
  );
});
