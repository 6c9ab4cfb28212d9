// A share group (KIP-932, "queues for Kafka") with its members, under the consumer groups. Unlike a
// consumer group's, its members share partitions: each row says which partitions a member reads, how many
// records it holds under an acquisition lock, and how it acknowledged what it was given (accepted,
// released, rejected). A crashed member stays on screen, holding its locks, until they run out.
import { memo } from 'react';
import type { ShareGroupView, ShareMemberView } from '../../engine/index';
import { openDialog, useUi } from '../store';
import { addNextConsumer, run } from '../engine/actions';
import type { DiagramLayout } from './layout';
import { Menu } from './Menu';
import { ConsumerLifeItems } from './ConsumerLifeItems';
import { headerShowsTopic, holdingText, shareMemberText } from './shareMemberText';
import { textPx } from './typeScale';

/** What a share group is, for the card's heading: the words a student needs to read the card. */
export const SHARE_GROUP_EXPLAINED =
  'A share group (KIP-932, queues for Kafka): its members share the topic’s partitions, several reading one partition. ' +
  'Each record is acquired under a lock (share.record.lock.duration.ms) by one member, which acknowledges it on its own: ' +
  'ACCEPT, RELEASE (delivered again) or REJECT. A record released or timed out share.delivery.count.limit times is ARCHIVED.';

function ShareMemberActions({ m }: { m: ShareMemberView }) {
  const stopped = m.status === 'stopped';
  return (
    <Menu label={`Actions for consumer ${m.consumerId}`} buttonText="⋯">
      <ConsumerLifeItems consumerId={m.consumerId} stopped={stopped} processingTimeMs={m.processingTimeMs} />
      {stopped ? null : (
        <button type="button" onClick={() => void run({ type: 'removeConsumer', consumerId: m.consumerId })}>
          Close consumer {m.consumerId}
        </button>
      )}
    </Menu>
  );
}

type RowMode = 'three' | 'two' | 'tight';

function ShareMemberRow({
  m,
  g,
  height,
  mode,
  countsEm,
}: {
  m: ShareMemberView;
  g: ShareGroupView;
  height: number | undefined;
  mode: RowMode;
  countsEm: number;
}) {
  const info = shareMemberText(m, g.topic, countsEm);
  const holding = holdingText(m, g.config['share.record.lock.duration.ms']);
  const stopped = m.status === 'stopped';
  return (
    <li
      className={`member share-member rows-${mode} tone-${info.tone}${mode === 'tight' ? ' tight' : ''}`}
      style={height !== undefined ? { height } : undefined}
      data-testid={`share-member-${m.consumerId}`}
    >
      <span className="member-head">
        <span className="member-id" title={m.consumerId}>
          {m.consumerId}
          {m.processingTimeMs >= 1000 ? <span className="slow-tag"> slow</span> : null}
        </span>
        {holding ? (
          <span
            className={`member-holding${stopped ? ' stale' : ''}`}
            title={holding.title}
            data-testid={`holding-${m.consumerId}`}
          >
            {holding.text}
          </span>
        ) : null}
      </span>
      <span className="member-detail">
        <span className="member-parts" title={`${info.status}. ${info.countsTitle}`}>
          {mode === 'tight' ? info.short : info.status}
          {mode === 'three' && info.tone === 'plain' ? ` · ${m.consumed} consumed` : ''}
          {mode === 'two' && !stopped ? ` · ${info.counts}` : ''}
        </span>
      </span>
      {mode === 'three' ? (
        <span className="member-counts" title={info.countsTitle}>
          {info.counts}
        </span>
      ) : null}
      <ShareMemberActions m={m} />
    </li>
  );
}

/** The name and Configure on the first line; the state, topic (where it fits whole), epoch and lag under. */
function ShareGroupHeader({ g, width, em }: { g: ShareGroupView; width: number; em: number }) {
  const lagKnown = g.partitions.some((p) => p.lag !== null);
  const lag = lagKnown ? String(g.totalLag) : '-';
  // The lag counted as two digits at least, so that the topic does not come and go as it ticks 9 ⇄ 10.
  const showTopic = headerShowsTopic(
    { state: g.state, topic: g.topic, epoch: g.groupEpoch, lag: '9'.repeat(Math.max(2, lag.length)) },
    width - em - 8,
    em,
  );
  return (
    <header>
      <h2>
        <span className="group-name" title={SHARE_GROUP_EXPLAINED}>
          share group {g.groupId}
        </span>
        <button
          type="button"
          className="small configure"
          aria-label={`Configure share group ${g.groupId}`}
          onClick={() => openDialog({ kind: 'shareGroup', groupId: g.groupId })}
        >
          Configure
        </button>
      </h2>
      <span className="client-line group-line">
        <span
          className={`group-state state-${g.state}`}
          title={`${g.state}, group epoch ${g.groupEpoch}, topic ${g.topic}`}
        >
          {g.state}
        </span>
        {showTopic ? (
          <span className="group-topics" title={g.topic}>
            {g.topic}
          </span>
        ) : null}
        <span
          className="group-epoch"
          title={`group epoch ${g.groupEpoch}: bumped whenever members come or go`}
        >
          · epoch {g.groupEpoch}
        </span>
        <span
          className="group-lag"
          title={
            lagKnown
              ? 'Records from each share-partition start offset (SPSO) to the high watermark not yet acknowledged or archived'
              : 'No member has fetched yet, so no share-partition has a start offset'
          }
        >
          · lag {lag}
        </span>
      </span>
    </header>
  );
}

export const ShareGroupCard = memo(function ShareGroupCard({
  groupId,
  layout,
}: {
  groupId: string;
  layout: DiagramLayout;
}) {
  const g = useUi((s) => s.model?.shareGroupById.get(groupId) ?? null);
  const box = layout.nodes[`sharegroup-${groupId}`];
  if (!g || !box) return null;
  const add = (): void =>
    addNextConsumer(
      groupId,
      g.members.map((m) => m.consumerId),
    );
  const header = layout.groupHeaders[groupId] ?? 3 * layout.em;
  const nameWraps = header > 3.5 * layout.em;
  // A member's name (1rem) over two lines of 0.85rem text (never below the floor), line-height 1.3.
  const line = 1.3 * textPx(0.85, layout.em);
  const threeLines = 1.3 * layout.em + 2 * line + 0.3 * layout.em;
  const twoLines = Math.max(2.5 * layout.em, 1.3 * layout.em + line + 0.1 * layout.em);
  // The counts' room: the card's width less its padding and borders, in ems of their font.
  const countsEm = (box.width - layout.em - 10) / textPx(0.85, layout.em);
  return (
    <section
      className={`group-card share-group-card${nameWraps ? ' name-wraps' : ''}`}
      style={{
        left: box.x,
        top: box.y,
        width: box.width,
        height: box.height,
        ['--group-header' as string]: `${header}px`,
      }}
      aria-label={`Share group ${g.groupId}`}
      data-testid={`sharegroup-${g.groupId}`}
    >
      <ShareGroupHeader g={g} width={box.width} em={layout.em} />
      <ul className="members">
        {g.members.map((m) => {
          const mb = layout.nodes[`share-${m.consumerId}`];
          const mode: RowMode =
            mb === undefined || mb.height >= threeLines ? 'three' : mb.height >= twoLines ? 'two' : 'tight';
          return (
            <ShareMemberRow
              key={m.consumerId}
              m={m}
              g={g}
              height={mb?.height}
              mode={mode}
              countsEm={countsEm}
            />
          );
        })}
        {g.members.length === 0 ? <li className="member tone-idle">no members</li> : null}
      </ul>
      <button
        type="button"
        className="add-member"
        onClick={add}
        aria-label={`Add consumer to share group ${g.groupId}`}
      >
        + Add member
      </button>
    </section>
  );
});
