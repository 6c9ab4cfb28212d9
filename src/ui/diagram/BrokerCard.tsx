// One broker and the partition replicas it hosts. In roomy layouts each replica is a row with its role
// and a strip of its latest records; in a big cluster each replica is a coloured cell.
import { memo } from 'react';
import type { BrokerModel } from '../model/model';
import { openDialog, useUi } from '../store';
import { run } from '../engine/actions';
import type { BrokerHeader } from './brokerGrid';
import type { BrokerMode, Box } from './layout';
import { Menu } from './Menu';
import type { RowSizes } from './replicaRows';
import { ReplicaCells, ReplicaRow } from './ReplicaRow';

export function brokerStatusText(b: BrokerModel): string {
  if (b.registersAtMs !== null) return `restarting · registers at ${formatMs(b.registersAtMs)}`;
  if (b.status === 'stopped') return b.fenced ? 'stopped' : 'stopped · controller not yet aware';
  const parts = [b.isolated ? 'isolated from the network' : b.fenced ? 'running · fenced' : 'running'];
  if (b.slowFetchDelayMs > 0) parts.push(`slow (+${formatMs(b.slowFetchDelayMs)} per fetch)`);
  return parts.join(' · ');
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/**
 * Kill or restart, the action a lesson asks for most, on the card itself. On a narrower card the button
 * says only "Kill" (styles.css hides the rest, see `BrokerHeader`): the card's title already names the
 * broker, and the broker's status beside it is worth more than the repeat. Its accessible name stays whole.
 */
function KillOrRestart({ b, inMenu }: { b: BrokerModel; inMenu: boolean }) {
  const down = b.status === 'stopped';
  const verb = down ? 'Restart' : 'Kill';
  if (b.registersAtMs !== null)
    // The new process is waiting for the controller to fence the old one (DuplicateBrokerRegistration).
    // aria-disabled rather than disabled: the button keeps the keyboard focus it had as "Restart".
    return (
      <button type="button" aria-disabled="true" aria-label={`Broker ${b.id} is restarting`}>
        Restarting…
      </button>
    );
  return (
    <button
      type="button"
      className={down ? undefined : 'danger'}
      aria-label={`${verb} broker ${b.id}`}
      onClick={() => void run({ type: down ? 'restartBroker' : 'killBroker', brokerId: b.id })}
    >
      {verb}
      <span className={inMenu ? undefined : 'broker-word'}> broker {b.id}</span>
    </button>
  );
}

function BrokerActions({ b, compact }: { b: BrokerModel; compact: boolean }) {
  const down = b.status === 'stopped';
  return (
    <div className="broker-actions">
      {compact ? null : <KillOrRestart b={b} inMenu={false} />}
      <Menu label={`More actions for broker ${b.id}`} buttonText="⋯">
        {compact ? <KillOrRestart b={b} inMenu /> : null}
        {!down ? (
          <button type="button" onClick={() => void run({ type: 'shutdownBroker', brokerId: b.id })}>
            Shut down broker {b.id} (controlled)
          </button>
        ) : null}
        {b.isolated ? (
          <button type="button" onClick={() => void run({ type: 'reconnectBroker', brokerId: b.id })}>
            Reconnect broker {b.id}
          </button>
        ) : (
          <button type="button" onClick={() => void run({ type: 'isolateBroker', brokerId: b.id })}>
            Isolate broker {b.id} from the network
          </button>
        )}
        {b.slowFetchDelayMs > 0 ? (
          <button
            type="button"
            onClick={() => void run({ type: 'slowBroker', brokerId: b.id, fetchDelayMs: 0 })}
          >
            Restore full fetch speed on broker {b.id}
          </button>
        ) : (
          <button type="button" onClick={() => openDialog({ kind: 'slowBroker', brokerId: b.id })}>
            Slow down broker {b.id}…
          </button>
        )}
      </Menu>
    </div>
  );
}

interface CardProps {
  brokerId: number;
  box: Box;
  mode: BrokerMode;
  header: number;
  headerStyle: BrokerHeader;
  unit: number;
  rowFont: number;
  nameEm: number;
  rowSizes: RowSizes;
  cellColumns: number;
  stripRecords: number;
}

export const BrokerCard = memo(function BrokerCard({
  brokerId,
  box,
  mode,
  header,
  headerStyle,
  unit,
  rowFont,
  nameEm,
  rowSizes,
  cellColumns,
  stripRecords,
}: CardProps) {
  const b = useUi((s) => s.model?.brokerById.get(brokerId) ?? null);
  const selected = useUi((s) => s.selectedPartition);
  const labels = useUi((s) => (mode === 'cells' && unit >= 22 ? (s.model?.cellLabels ?? null) : null));
  if (!b) return null;
  const status = brokerStatusText(b);
  const cls = [
    'broker-card',
    `mode-${mode}`,
    `header-${headerStyle}`,
    b.status === 'stopped' ? 'is-down' : '',
    b.isolated ? 'is-isolated' : '',
    b.slowFetchDelayMs > 0 ? 'is-slow' : '',
  ].join(' ');
  const summary = `leads ${b.counts.leader}, ${b.counts.isr} in ISR, ${b.counts.out} out of ISR${b.counts.offline ? `, ${b.counts.offline} offline` : ''}`;
  return (
    <section
      className={cls}
      style={{
        left: box.x,
        top: box.y,
        width: box.width,
        height: box.height,
        ['--unit' as string]: `${unit}px`,
        ['--row-font' as string]: `${rowFont}px`,
        ['--name-width' as string]: `${nameEm}em`,
        // The row's smaller texts keep to the smallest legible size, and their columns grow with them.
        ['--badge-font' as string]: `${rowSizes.badgeFont}px`,
        ['--rec-font' as string]: `${rowSizes.recFont}px`,
        ['--leo-font' as string]: `${rowSizes.leoFont}px`,
        ['--badge-width' as string]: `${rowSizes.badgeWidth}px`,
        ['--rec-width' as string]: `${rowSizes.recWidth}px`,
        ['--leo-width' as string]: `${rowSizes.leoWidth}px`,
        // Cells keep the header height of styles.css; rows follow the layout, which may stack the status.
        ...(mode === 'cells' ? {} : { ['--header-height' as string]: `${header}px` }),
      }}
      aria-label={`Broker ${b.id}: ${status}`}
      data-testid={`broker-${b.id}`}
    >
      <header>
        <h2>{mode === 'cells' && box.width < 120 ? b.id : `Broker ${b.id}`}</h2>
        {mode === 'cells' && box.width < 150 ? null : <span className="broker-status">{status}</span>}
        <BrokerActions b={b} compact={mode === 'cells'} />
      </header>
      {mode === 'cells' ? (
        <ReplicaCells
          replicas={b.replicas}
          unit={unit}
          columns={cellColumns}
          selected={selected}
          summary={summary}
          labels={labels}
        />
      ) : (
        <ul
          className={`replica-rows${rowSizes.leoWidth > 0 ? '' : ' no-leo'}`}
          aria-label={`Replicas on broker ${b.id}: ${summary}`}
        >
          {b.replicas.map((r) => (
            <ReplicaRow
              key={r.partitionId}
              replica={r}
              compact={mode === 'compact'}
              leo={rowSizes.leoWidth > 0}
              records={stripRecords}
              selected={selected === r.partitionId}
            />
          ))}
        </ul>
      )}
    </section>
  );
});
