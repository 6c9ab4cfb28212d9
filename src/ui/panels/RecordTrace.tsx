// "Follow this record": where one record is on every replica, whether the producer was told it was
// written, whether it is committed, which groups have processed it (and which share groups have
// acknowledged it), and if it was lost, why.
// Every time is the engine's own virtual time for that step (engine/trace.ts), not when the UI saw it.
import type { TimestampType } from '../../engine/index';
import { colourForKey } from '../diagram/colours';
import { formatTime } from '../diagram/followPath';
import { followRecord } from '../engine/actions';
import { useUi } from '../store';

const at = (ms: number | null | undefined): string => (ms == null ? '' : ` at t = ${formatTime(ms)}`);

/** Who set a record's timestamp, by the topic's message.timestamp.type when the leader appended it. */
const SET_BY: Record<TimestampType, string> = {
  CreateTime: 'CreateTime: the producer set it when send() was called',
  LogAppendTime: 'LogAppendTime: the leader set it when it appended the record',
};

export function RecordTracePanel() {
  const id = useUi((s) => s.followedRecord);
  const t = useUi((s) => s.trace);
  const groups = useUi((s) => s.model?.groups ?? []);
  const shareGroups = useUi((s) => s.model?.shareGroups ?? []);
  if (id === null) return null;
  return (
    <section className="record-trace" aria-label={`Record ${id}`} data-testid="record-trace">
      <h3>
        Following record {id}{' '}
        <button type="button" className="small" onClick={() => followRecord(null)}>
          Stop following record {id}
        </button>
      </h3>
      {!t ? (
        <p className="muted">Record {id} does not exist at this point in time.</p>
      ) : (
        <>
          <p>
            <span className="swatch" style={{ background: colourForKey(t.key) }} /> key{' '}
            <strong>{t.key ?? 'null'}</strong> from producer <strong>{t.producer}</strong> (acks={t.acks}) to{' '}
            {t.partitionId}
            {t.value ? (
              <>
                {' '}
                · value <code>{t.value}</code>
              </>
            ) : null}
          </p>
          <p className="muted">
            send() called{at(t.sentAtMs)}
            {t.timestampMs !== null
              ? ` · record timestamp t = ${formatTime(t.timestampMs)}${t.timestampType ? ` (${SET_BY[t.timestampType]})` : ''}`
              : ''}
          </p>
          <ul className="trace-replicas">
            {t.replicas.map((r) => (
              <li key={r.brokerId}>
                broker {r.brokerId}:{' '}
                {r.offsets.length === 0
                  ? 'does not have it'
                  : `offset ${r.offsets.join(' and ')}${r.offsets.length > 1 ? ' (duplicated by a retry)' : ''}${r.belowHighWatermark ? ', committed' : ', not yet committed'}`}
                {r.appendedAtMs !== null ? (
                  <span className="muted"> · appended{at(r.appendedAtMs)}</span>
                ) : null}
              </li>
            ))}
          </ul>
          <ul className="trace-milestones">
            <li className={t.acknowledged ? 'yes' : 'no'}>
              {t.acknowledged ? '✓ acknowledged to the producer' : '… not acknowledged yet'}
              {at(t.acknowledgedAtMs)}
            </li>
            <li className={t.committed ? 'yes' : 'no'}>
              {t.committed ? '✓ committed (below the high watermark)' : '… not committed yet'}
              {at(t.committedAtMs)}
            </li>
            {groups
              .filter((g) => g.topics.includes(t.partitionId.slice(0, t.partitionId.lastIndexOf('-'))))
              .map((g) => (
                <li key={g.groupId} className={t.processedBy.includes(g.groupId) ? 'yes' : 'no'}>
                  {t.processedBy.includes(g.groupId)
                    ? `✓ processed by group ${g.groupId}`
                    : `… not yet processed by group ${g.groupId}`}
                  {t.firstConsumedAtMs[g.groupId] !== undefined
                    ? ` (first polled${at(t.firstConsumedAtMs[g.groupId])})`
                    : ''}
                </li>
              ))}
            {shareGroups
              .filter((g) => g.topic === t.partitionId.slice(0, t.partitionId.lastIndexOf('-')))
              .map((g) => (
                <li key={g.groupId} className={t.processedBy.includes(g.groupId) ? 'yes' : 'no'}>
                  {t.processedBy.includes(g.groupId)
                    ? `✓ acknowledged in share group ${g.groupId}`
                    : `… not yet acknowledged in share group ${g.groupId}`}
                  {t.firstConsumedAtMs[g.groupId] !== undefined
                    ? ` (first polled${at(t.firstConsumedAtMs[g.groupId])})`
                    : ''}
                </li>
              ))}
            {t.lost ? (
              <li className="lost">
                ✕ lost{at(t.lostAtMs)}: {t.explanation ?? 'no replica has it any more.'}
              </li>
            ) : null}
          </ul>
        </>
      )}
    </section>
  );
}
