// One broker and the partition replicas it hosts, each with its role and a strip of its latest records.
import type { BrokerView, PartitionView } from '../../engine/index';
import { engine } from '../engine/bridge';
import { acceptFrame } from '../store';
import { colourForKey, type Box } from './layout';

function statusText(b: BrokerView): string {
  if (b.status === 'stopped') return b.fenced ? 'stopped · fenced' : 'stopped · not yet fenced';
  if (b.isolated) return 'isolated';
  if (b.fenced) return 'running · fenced';
  return b.slowFetchDelayMs > 0 ? 'running · slow' : 'running';
}

function roleOf(p: PartitionView, brokerId: number): { label: string; cls: string } {
  if (p.leader === brokerId) return { label: 'leader', cls: 'role-leader' };
  if (p.isr.includes(brokerId)) return { label: 'in ISR', cls: 'role-isr' };
  return { label: 'out of ISR', cls: 'role-out' };
}

export function BrokerCard({
  broker,
  partitions,
  box,
}: {
  broker: BrokerView;
  partitions: PartitionView[];
  box: Box;
}) {
  const hosted = partitions.filter((p) => p.replicas.includes(broker.id));
  const down = broker.status === 'stopped';
  const act = (type: 'killBroker' | 'restartBroker'): void => {
    void engine().dispatch({ type, brokerId: broker.id }).then(acceptFrame);
  };
  return (
    <section
      className={`broker-card${down ? ' is-down' : ''}${broker.isolated ? ' is-isolated' : ''}`}
      style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
      aria-label={`Broker ${broker.id}`}
      data-testid={`broker-${broker.id}`}
    >
      <header>
        <h2>Broker {broker.id}</h2>
        <span className="broker-status">{statusText(broker)}</span>
        {down ? (
          <button type="button" onClick={() => act('restartBroker')}>
            Restart broker {broker.id}
          </button>
        ) : (
          <button type="button" className="danger" onClick={() => act('killBroker')}>
            Kill broker {broker.id}
          </button>
        )}
      </header>
      <ul className="replica-rows">
        {hosted.map((p) => {
          const role = roleOf(p, broker.id);
          const log = p.replicaLogs.find((r) => r.brokerId === broker.id)!;
          return (
            <li key={p.id} className={`replica-row ${role.cls}`}>
              <span className="replica-name">{p.id}</span>
              <span className={`role-badge ${role.cls}`}>
                {role.label}
                {p.preferredLeader === broker.id ? ' ★' : ''}
              </span>
              <span
                className="log-strip"
                aria-label={`Log of ${p.id} on broker ${broker.id}: log end offset ${log.logEndOffset}`}
              >
                {log.tail.slice(-8).map((r) => (
                  <span
                    key={r.offset}
                    className={`rec${r.offset >= p.highWatermark ? ' uncommitted' : ''}`}
                    style={{ background: colourForKey(r.key) }}
                    title={`offset ${r.offset} · key ${r.key ?? 'null'} · epoch ${r.leaderEpoch}`}
                  >
                    {r.offset}
                  </span>
                ))}
              </span>
              <span className="leo">LEO {log.logEndOffset}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
