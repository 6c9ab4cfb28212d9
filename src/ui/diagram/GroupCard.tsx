// A consumer group with its members. Each member shows the partitions assigned to it; a member with
// none is idle and says so (more members than partitions is a classic surprise); a stopped member stays
// on screen and says whether it crashed, was closed or failed (memberText.ts); a member in a rebalance
// says which step it is in.
import { memo } from 'react';
import type { MemberModel } from '../model/model';
import { openDialog, useUi } from '../store';
import { addNextConsumer, run } from '../engine/actions';
import type { Box, DiagramLayout } from './layout';
import { Menu } from './Menu';
import { ConsumerLifeItems } from './ConsumerLifeItems';
import { memberText } from './memberText';
import { textPx } from './typeScale';

/** The static-membership toggle's tooltip: what the restart does under the group's protocol. */
function staticToggleTitle(m: MemberModel, protocol: string): string {
  if (protocol === 'consumer')
    return m.groupInstanceId
      ? `Restart without group.instance.id: it closes with member epoch -2, so its old membership holds its partitions until group.consumer.session.timeout.ms`
      : `Restart with group.instance.id=${m.id}: it leaves (member epoch -1) and rejoins; later closes send member epoch -2, so a restart within group.consumer.session.timeout.ms keeps its partitions`;
  return m.groupInstanceId
    ? `Restart without group.instance.id: it closes without LeaveGroup, so its old membership holds its partitions until session.timeout.ms`
    : `Restart with group.instance.id=${m.id}: it leaves (LeaveGroup) and rejoins; later restarts within session.timeout.ms keep its partitions`;
}

function MemberActions({ m, protocol }: { m: MemberModel; protocol: string }) {
  const stopped = m.status === 'stopped';
  return (
    <Menu label={`Actions for consumer ${m.id}`} buttonText="⋯">
      <ConsumerLifeItems consumerId={m.id} stopped={stopped} processingTimeMs={m.processingTimeMs} />
      {/* A restart with a new group.instance.id (the consumer's own name, as a host name would be). */}
      <button
        type="button"
        title={staticToggleTitle(m, protocol)}
        onClick={() =>
          void run({
            type: 'setGroupInstanceId',
            consumerId: m.id,
            groupInstanceId: m.groupInstanceId ? null : m.id,
          })
        }
      >
        Make {m.id} a {m.groupInstanceId ? 'dynamic' : 'static'} member
      </button>
      <button type="button" onClick={() => void run({ type: 'removeConsumer', consumerId: m.id })}>
        Remove consumer {m.id}
      </button>
    </Menu>
  );
}

/**
 * Records a fetch brought that wait in the consumer's fetch buffer for poll() to return them: shown only
 * while there are some (a consumer busy with its last batch, or one that fetched more than
 * max.poll.records), so that a class sees a fetch and a poll() are two steps.
 */
function Buffered({ n }: { n: number }) {
  const records = `${n.toLocaleString('en')} ${n === 1 ? 'record' : 'records'}`;
  return (
    <span
      className="member-buffered"
      title={`${records} fetched, waiting in the fetch buffer for poll() to return them`}
    >
      {n.toLocaleString('en')} fetched<span className="sr-only">, waiting for poll()</span>
    </span>
  );
}

export const GroupCard = memo(function GroupCard({
  groupId,
  layout,
}: {
  groupId: string;
  layout: DiagramLayout;
}) {
  const g = useUi((s) => s.model?.groupById.get(groupId) ?? null);
  const box = layout.nodes[`group-${groupId}`];
  if (!g || !box) return null;
  const add = (): void =>
    addNextConsumer(
      groupId,
      g.members.map((m) => m.id),
    );
  const header = layout.groupHeaders[groupId] ?? 3 * layout.em;
  // The layout gives a long name a second line when the column has room (groupHeaderEm); otherwise it is
  // cut short, and the tooltips keep the whole name, topics and assignment either way.
  const twoLines = header > 3.5 * layout.em;
  const topics = g.topics.join(', ');
  const lagKnown = g.partitions.some((p) => p.lag !== null);
  // A member's name (1rem) over its assignment (0.85rem, never below MIN_TEXT_PX), line-height 1.3.
  const twoLineRow = Math.max(
    2.5 * layout.em,
    1.3 * layout.em + 1.3 * textPx(0.85, layout.em) + 0.1 * layout.em,
  );
  return (
    <section
      className={`group-card${twoLines ? ' name-wraps' : ''}`}
      style={{
        left: box.x,
        top: box.y,
        width: box.width,
        height: box.height,
        ['--group-header' as string]: `${header}px`,
      }}
      aria-label={`Consumer group ${g.groupId}`}
      data-testid={`group-${g.groupId}`}
    >
      <header>
        <h2>
          <span className="group-name" title={`group ${g.groupId}`}>
            group {g.groupId}
          </span>
          <button
            type="button"
            className="small configure"
            aria-label={`Configure group ${g.groupId}`}
            onClick={() => openDialog({ kind: 'group', groupId: g.groupId })}
          >
            Configure
          </button>
        </h2>
        {/* The lag is never cut: the topics give way first. */}
        <span className="client-line group-line">
          <span className={`group-state state-${g.state}`} title={g.state}>
            {g.state}
          </span>
          <span className="group-topics" title={topics}>
            {topics}
          </span>
          {/* Lag counts from committed offsets; with none yet, kafka-consumer-groups shows LAG as "-". */}
          <span
            className="group-lag"
            title={
              lagKnown
                ? 'Records up to the high watermark that the group has not committed, over its partitions'
                : 'No committed offsets yet, so no lag to show (kafka-consumer-groups prints -)'
            }
          >
            · lag {lagKnown ? g.totalLag : '-'}
          </span>
          <Menu label={`More actions for group ${g.groupId}`} buttonText="⋯">
            <button type="button" onClick={() => openDialog({ kind: 'resetOffsets', groupId: g.groupId })}>
              Reset offsets of group {g.groupId}…
            </button>
            <button type="button" onClick={() => openDialog({ kind: 'addConsumer', groupId: g.groupId })}>
              Add a static consumer to group {g.groupId}…
            </button>
          </Menu>
        </span>
      </header>
      <ul className="members">
        {g.members.map((m) => {
          const mb = layout.nodes[`consumer-${m.id}`];
          // Short rows (many members on a small screen) put the assignment beside the name.
          const tight = mb !== undefined && mb.height < twoLineRow;
          const info = memberText(m, g);
          return (
            <li
              key={m.id}
              className={`member tone-${info.tone}${tight ? ' tight' : ''}`}
              style={mb ? { height: mb.height } : undefined}
              data-testid={`consumer-${m.id}`}
            >
              <span className="member-id">
                {m.id}
                {m.isLeader ? <span className="leader-tag"> leader</span> : null}
                {m.processingTimeMs >= 1000 ? <span className="slow-tag"> slow</span> : null}
                {m.groupInstanceId ? (
                  <span className="static-tag" title={`group.instance.id=${m.groupInstanceId}`}>
                    {' '}
                    static
                  </span>
                ) : null}
              </span>
              <span className="member-detail">
                <span className="member-parts" title={info.text}>
                  {info.text}
                </span>
                {m.buffered > 0 ? <Buffered n={m.buffered} /> : null}
              </span>
              <MemberActions m={m} protocol={g.protocol} />
            </li>
          );
        })}
        {g.members.length === 0 ? <li className="member tone-idle">no members</li> : null}
      </ul>
      <button
        type="button"
        className="add-member"
        onClick={add}
        aria-label={`Add consumer to group ${g.groupId}`}
      >
        + Add consumer
      </button>
    </section>
  );
});

/** The groups' column ends with a button for each kind of group: a consumer group, a share group. */
export function AddGroupButton({ box }: { box: Box }) {
  return (
    <div
      className="add-group-buttons"
      style={{ position: 'absolute', left: box.x, top: box.y, width: box.width, height: box.height }}
    >
      {/* Half a column each: the words that fit, the whole action in the name. */}
      <button
        type="button"
        className="add-button"
        aria-label="+ Add consumer group"
        onClick={() => openDialog({ kind: 'addGroup' })}
      >
        + Consumer group
      </button>
      <button
        type="button"
        className="add-button"
        aria-label="+ Add share group"
        onClick={() => openDialog({ kind: 'addShareGroup' })}
      >
        + Share group
      </button>
    </div>
  );
}
