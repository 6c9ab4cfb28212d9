// Readouts in the shape of Kafka's own tools, so students recognise them on a real cluster:
// `kafka-topics --describe` and `kafka-consumer-groups --describe`.
import { useUi } from '../store';

export function TopicDescribe() {
  const view = useUi((s) => s.frame?.view ?? null);
  if (!view) return null;
  return (
    <section className="panel" aria-labelledby="describe-title">
      <h2 id="describe-title">kafka-topics --describe</h2>
      {view.topics.map((t) => (
        <table key={t.name} className="describe" aria-label={`Partitions of topic ${t.name}`}>
          <caption>
            Topic: <strong>{t.name}</strong> · PartitionCount: {t.partitions} · ReplicationFactor:{' '}
            {t.replicationFactor} · min.insync.replicas={t.config['min.insync.replicas']}
            {t.underReplicatedPartitions > 0 ? (
              <span className="urp"> · {t.underReplicatedPartitions} under-replicated</span>
            ) : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">Partition</th>
              <th scope="col">Leader</th>
              <th scope="col">Replicas</th>
              <th scope="col">Isr</th>
              <th scope="col">HW</th>
              <th scope="col">LEO</th>
            </tr>
          </thead>
          <tbody>
            {view.partitions
              .filter((p) => p.topic === t.name)
              .map((p) => (
                <tr
                  key={p.id}
                  data-testid={`describe-${p.id}`}
                  className={p.offline ? 'offline' : p.underReplicated ? 'under-replicated' : ''}
                >
                  <td>{p.partition}</td>
                  <td data-testid={`leader-${p.id}`}>{p.leader < 0 ? 'none' : p.leader}</td>
                  <td>
                    {p.replicas.map((r, i) => (
                      <span key={r} className={p.isr.includes(r) ? '' : 'out-of-sync'}>
                        {i > 0 ? ',' : ''}
                        {r}
                      </span>
                    ))}
                  </td>
                  <td data-testid={`isr-${p.id}`}>{p.isr.join(',')}</td>
                  <td>{p.highWatermark < 0 ? '-' : p.highWatermark}</td>
                  <td>{p.logEndOffset < 0 ? '-' : p.logEndOffset}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

export function GroupDescribe() {
  const groups = useUi((s) => s.frame?.view.groups ?? null);
  if (!groups) return null;
  return (
    <section className="panel" aria-labelledby="groups-title">
      <h2 id="groups-title">kafka-consumer-groups --describe</h2>
      {groups.map((g) => (
        <table key={g.groupId} className="describe" aria-label={`Consumer group ${g.groupId}`}>
          <caption>
            GROUP <strong>{g.groupId}</strong> · state {g.state} · total lag{' '}
            <span data-testid={`lag-${g.groupId}`}>{g.totalLag}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Partition</th>
              <th scope="col">Current-offset</th>
              <th scope="col">Log-end-offset</th>
              <th scope="col">Lag</th>
              <th scope="col">Consumer</th>
            </tr>
          </thead>
          <tbody>
            {g.partitions.map((p) => (
              <tr key={p.partitionId}>
                <td>{p.partitionId.slice(p.partitionId.lastIndexOf('-') + 1)}</td>
                <td data-testid={`committed-${g.groupId}-${p.partitionId}`}>{p.committed ?? '-'}</td>
                <td>{p.highWatermark < 0 ? '-' : p.highWatermark}</td>
                <td>{p.lag ?? '-'}</td>
                <td>{p.owner ?? '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

export function AuditBar() {
  const audit = useUi((s) => s.frame?.view.audit ?? null);
  if (!audit) return null;
  const items: [string, number, string][] = [
    ['produced', audit.produced, ''],
    ['acknowledged', audit.acknowledged, ''],
    ['committed', audit.committed, ''],
    ['lost', audit.lost, audit.lost > 0 ? 'bad' : ''],
    ['duplicated', audit.duplicated, audit.duplicated > 0 ? 'warn' : ''],
    ['reordered', audit.reordered, audit.reordered > 0 ? 'warn' : ''],
  ];
  return (
    <section className="audit" aria-label="Delivery audit">
      {items.map(([label, n, cls]) => (
        <div key={label} className={`audit-item ${cls}`}>
          <span className="audit-n" data-testid={`audit-${label}`}>
            {n}
          </span>
          <span className="audit-label">{label}</span>
        </div>
      ))}
    </section>
  );
}

export function EventLog() {
  const events = useUi((s) => s.frame?.view.events ?? null);
  if (!events) return null;
  const shown = events.slice(-14).reverse();
  return (
    <section className="panel events" aria-labelledby="events-title">
      <h2 id="events-title">What happened</h2>
      <ol aria-live="polite">
        {shown.map((e, i) => (
          <li key={`${e.atMs}-${i}-${e.type}`} className={`event event-${e.type}`}>
            <time>{(e.atMs / 1000).toFixed(1)} s</time> {e.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
