// The path of a followed record across the diagram: producer → leader replica → each follower replica →
// the member of each group that reads the partition. A pure function of the layout and the record's
// trace, so it is unit-tested; legs the record has travelled are solid, the rest dashed, and where it was
// lost is marked. Legs reuse the curves messages travel along (paths.ts), so the highlight lies under them.
import type { RecordTrace } from '../../engine/index';
import type { Box, DiagramLayout } from './layout';
import { computePath, type Point } from './paths';
import { textPx } from './typeScale';

export type StopState = 'done' | 'pending' | 'lost' | 'down';

export interface FollowStop {
  key: string;
  /** 1-based order along the path, as the trace panel numbers its lines. */
  n: number;
  at: Point;
  state: StopState;
  label: string;
  /** Which way the label reads from its stop, so that it stays inside the diagram. */
  anchor: 'start' | 'end';
  /** The label's pill, placed near its stop without covering another stop's label. */
  box: Box;
}

export interface FollowLeg {
  key: string;
  d: string;
  state: StopState;
}

export interface FollowPathLayout {
  legs: FollowLeg[];
  stops: FollowStop[];
}

export interface FollowContext {
  /** The partition's current leader, or -1 when it has none. */
  leader: number;
  /** Brokers that are stopped. */
  down: ReadonlySet<number>;
  /** Groups that read the record's topic, with the member that owns its partition now (null: none). */
  groups: readonly { groupId: string; owner: string | null }[];
  /** Share groups that read the topic, with the member holding the record's lock now (null: none). */
  shareGroups?: readonly { groupId: string; holder: string | null }[];
}

/** A virtual time as exactly as the engine knows it, without trailing zeros beyond tenths: 1.2 s, 1.25 s. */
export function formatTime(ms: number): string {
  const digits = ms % 100 === 0 ? 1 : ms % 10 === 0 ? 2 : 3;
  return `${(ms / 1000).toFixed(digits)} s`;
}

// The engine's own times (trace.ts): when each replica appended it, when the producer got its ack.
const secs = (ms: number | null | undefined): string => (ms == null ? '' : ` · at ${formatTime(ms)}`);

// The group's first poll that returned it; a replay after an offset reset keeps that first time.
const polled = (ms: number | undefined): string => (ms === undefined ? '' : ` (polled at ${formatTime(ms)})`);

export function layoutFollowPath(
  layout: DiagramLayout,
  t: RecordTrace,
  ctx: FollowContext,
): FollowPathLayout | null {
  const pid = t.partitionId;
  const holders = t.replicas.filter((r) => r.offsets.length > 0).map((r) => r.brokerId);
  // The leader that appended it is the current one, unless the partition is offline; then the path
  // starts at a replica that still holds the record.
  const leader = ctx.leader >= 0 ? ctx.leader : (holders[0] ?? t.replicas[0]?.brokerId ?? Number.NaN);
  if (!layout.replicas[`${leader}/${pid}`]) return null;
  const legs: FollowLeg[] = [];
  const stops: FollowStop[] = [];
  const mid = layout.width / 2;
  const stop = (key: string, at: Point, state: StopState, label: string): void => {
    const anchor = at.x > mid ? 'end' : 'start';
    stops.push({
      key,
      n: stops.length + 1,
      at,
      state,
      label,
      anchor,
      box: { x: 0, y: 0, width: 0, height: 0 },
    });
  };
  const leg = (key: string, from: string, to: string, state: StopState): Point | null => {
    const p = computePath(layout, { from, to, partitionId: pid });
    if (!p) return null;
    legs.push({ key, d: `M${p.a.x} ${p.a.y} Q${p.c.x} ${p.c.y} ${p.b.x} ${p.b.y}`, state });
    return p.b;
  };
  const replicaOf = (b: number) => t.replicas.find((r) => r.brokerId === b);
  const replicaState = (b: number): StopState => {
    if ((replicaOf(b)?.offsets.length ?? 0) > 0) return 'done';
    if (t.lost) return 'lost';
    return ctx.down.has(b) ? 'down' : 'pending';
  };
  const replicaLabel = (b: number, role: string): string => {
    const r = replicaOf(b);
    const state = replicaState(b);
    if (state === 'done') return `${role} ${b} · offset ${r!.offsets.join(' and ')}${secs(r!.appendedAtMs)}`;
    if (state === 'lost') return `${role} ${b} · lost`;
    if (state === 'down') return `${role} ${b} · stopped`;
    return `${role} ${b} · not yet`;
  };

  const leaderState = replicaState(leader);
  const producerNode = `producer-${t.producer}`;
  if (layout.nodes[producerNode]) {
    const start = computePath(layout, { from: producerNode, to: `broker-${leader}`, partitionId: pid });
    if (start)
      stop(
        'producer',
        start.a,
        t.acknowledged ? 'done' : t.lost ? 'lost' : 'pending',
        `${t.producer}${t.acknowledged ? ` · acked${t.acknowledgedAtMs === null ? '' : ` at ${formatTime(t.acknowledgedAtMs)}`}` : ` · acks=${t.acks}, no ack yet`}`,
      );
    const at = leg('to-leader', producerNode, `broker-${leader}`, leaderState);
    if (at) stop(`broker-${leader}`, at, leaderState, replicaLabel(leader, 'leader'));
  } else {
    const box = layout.replicas[`${leader}/${pid}`]!;
    stop(
      `broker-${leader}`,
      { x: box.x, y: box.y + box.height / 2 },
      leaderState,
      replicaLabel(leader, 'leader'),
    );
  }
  for (const r of t.replicas) {
    if (r.brokerId === leader) continue;
    const state = replicaState(r.brokerId);
    const at = leg(`to-${r.brokerId}`, `broker-${leader}`, `broker-${r.brokerId}`, state);
    if (at) stop(`broker-${r.brokerId}`, at, state, replicaLabel(r.brokerId, 'follower'));
  }
  for (const g of ctx.groups) {
    const node =
      g.owner && layout.nodes[`consumer-${g.owner}`] ? `consumer-${g.owner}` : `group-${g.groupId}`;
    const done = t.processedBy.includes(g.groupId);
    const state: StopState = done ? 'done' : t.lost ? 'lost' : 'pending';
    const at = leg(`to-${g.groupId}`, `broker-${leader}`, node, state);
    const who = g.owner ?? `group ${g.groupId}`;
    if (at)
      stop(
        `group-${g.groupId}`,
        at,
        state,
        done
          ? `${who} · processed${polled(t.firstConsumedAtMs[g.groupId])}`
          : `${who} · ${g.owner ? 'not yet processed' : 'no member owns it'}`,
      );
  }
  // A share group has processed the record once a member's ACCEPT reached the leader; until then the
  // path ends at the member holding its lock, or at the card when none does.
  for (const g of ctx.shareGroups ?? []) {
    const node =
      g.holder && layout.nodes[`share-${g.holder}`] ? `share-${g.holder}` : `sharegroup-${g.groupId}`;
    const done = t.processedBy.includes(g.groupId);
    const state: StopState = done ? 'done' : t.lost ? 'lost' : 'pending';
    const at = leg(`to-${g.groupId}`, `broker-${leader}`, node, state);
    if (at)
      stop(
        `sharegroup-${g.groupId}`,
        at,
        state,
        done
          ? `share group ${g.groupId} · acknowledged${polled(t.firstConsumedAtMs[g.groupId])}`
          : g.holder
            ? `${g.holder} · ACQUIRED, not yet acknowledged`
            : `share group ${g.groupId} · not yet acknowledged`,
      );
  }
  placeLabels(stops, layout);
  return { legs, stops };
}

/** Label size from the type scale: a character of the label font is about 0.56 em wide. */
export const labelFont = (layout: DiagramLayout): number => Math.round(textPx(0.85, layout.em));

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Each label goes just above its stop, reading into the diagram; when that would cover a label already
 * placed (stops converge on the same card edge), it tries below, then further away, in turn.
 */
function placeLabels(stops: FollowStop[], layout: DiagramLayout): void {
  const font = labelFont(layout);
  const height = font * 1.7;
  // Stop markers are obstacles too: a label must not hide where another leg ends.
  const placed: Box[] = stops.map((s) => ({
    x: s.at.x - font * 0.7,
    y: s.at.y - font * 0.7,
    width: font * 1.4,
    height: font * 1.4,
  }));
  for (const s of stops) {
    const width = Math.ceil((s.label.length + 2) * font * 0.56 + font * 1.6);
    const x =
      s.anchor === 'end'
        ? Math.max(2, s.at.x - width + font)
        : Math.min(layout.width - width - 2, Math.max(2, s.at.x - font));
    let box: Box | null = null;
    for (const dy of [-2.5, 0.9, -4.5, 2.9, -6.5, 4.9, -8.5, 6.9, -10.5, 8.9]) {
      const y = Math.min(layout.height - height - 2, Math.max(2, s.at.y + dy * font));
      const candidate = { x, y, width, height };
      if (!placed.some((p) => overlaps(p, candidate))) {
        box = candidate;
        break;
      }
    }
    s.box = box ?? { x, y: Math.max(2, s.at.y - 2.5 * font), width, height };
    placed.push(s.box);
  }
}
