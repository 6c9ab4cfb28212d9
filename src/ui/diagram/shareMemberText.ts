// What a share group member's row says (ShareGroupCard), pure. A share consumer does not own its
// partitions: several members may read one partition, and what matters is what each holds under an
// acquisition lock and how it acknowledged what it was given (ACCEPT, RELEASE, REJECT). A crashed
// member keeps its locks until share.record.lock.duration.ms runs out, so its row says that it still
// holds them, and whether the coordinator still counts it (until share.session.timeout.ms).
import type { ShareMemberView } from '../../engine/index';
import type { MemberTone } from './memberText';
import { textEm } from './replicaRows';
import { textPx } from './typeScale';

export interface ShareMemberText {
  /** Its assignment, or why it has none (crashed, closed, idle). */
  status: string;
  /** The same in a word or two, for a row of one line beside the name and the pill. */
  short: string;
  tone: MemberTone;
  /** What it did with the records it was given, in words when they fit the row, else abbreviated. */
  counts: string;
  /** The same, whole, for the tooltip and screen readers. */
  countsTitle: string;
}

function partitionNumbers(assigned: readonly string[], topic: string): string {
  const own = assigned.every((p) => p.slice(0, p.lastIndexOf('-')) === topic);
  if (!own) return assigned.join(', ');
  return `${topic} ${assigned.map((p) => p.slice(p.lastIndexOf('-') + 1)).join(', ')}`;
}

function statusOf(m: ShareMemberView, topic: string): { status: string; short: string; tone: MemberTone } {
  if (m.status === 'stopped') {
    if (m.stopReason === 'closed') return { status: 'closed: left the group', short: 'closed', tone: 'idle' };
    return {
      status: m.inGroup ? 'crashed: still in the group' : 'crashed: session expired, removed',
      short: 'crashed',
      tone: 'bad',
    };
  }
  if (m.memberEpoch === 0) return { status: 'joining: ShareGroupHeartbeat', short: 'joining', tone: 'busy' };
  if (m.assigned.length === 0) return { status: 'idle: no partition', short: 'idle', tone: 'idle' };
  const parts = partitionNumbers(m.assigned, topic);
  return { status: parts, short: parts, tone: 'plain' };
}

/** `widthEm`: the room for the counts, in ems of their font. */
export function shareMemberText(m: ShareMemberView, topic: string, widthEm: number): ShareMemberText {
  const whole = `${m.accepted} accepted · ${m.released} released · ${m.rejected} rejected`;
  const short = `${m.accepted} acc · ${m.released} rel · ${m.rejected} rej`;
  // textEm measures bold text; the counts are regular weight, a little narrower: the margin is kept, so
  // that an estimate never cuts the last word.
  const fits = textEm(whole) <= widthEm;
  return {
    ...statusOf(m, topic),
    counts: fits ? whole : short,
    countsTitle: `${m.consumed} records consumed: ${m.accepted} accepted (ACCEPT), ${m.released} released (RELEASE, delivered again), ${m.rejected} rejected (REJECT, archived)`,
  };
}

/**
 * The "holding N" pill: records whose acquisition lock the member holds. A crashed member's pill stays,
 * in the alarm tone, because those records wait for their locks to run out before anyone else gets them.
 */
export function holdingText(m: ShareMemberView, lockMs: number): { text: string; title: string } | null {
  if (m.holding === 0) return null;
  const records = `${m.holding} ${m.holding === 1 ? 'record' : 'records'}`;
  return {
    text: `holding ${m.holding}`,
    title:
      m.status === 'running'
        ? `${records} acquired: locked to ${m.consumerId} until it acknowledges them or share.record.lock.duration.ms (${lockMs} ms) runs out`
        : `${records} still locked to ${m.consumerId}, which ${m.stopReason === 'closed' ? 'closed' : 'crashed'}: they become AVAILABLE again when share.record.lock.duration.ms (${lockMs} ms) runs out`,
  };
}

/**
 * Whether the card's second header line has room for the topic whole, beside the state, the group
 * epoch and the lag (which are never cut). Estimated from font metrics, as the layout sizes boxes; a
 * topic that does not fit is left out rather than cut to a letter, since every member's row names it.
 */
export function headerShowsTopic(
  h: { state: string; topic: string; epoch: number; lag: string },
  widthPx: number,
  em: number,
): boolean {
  const font = textPx(0.85, em);
  // The state is a bold pill (its padding and border beside); the rest is regular text, which runs
  // about 0.85 of textEm's bold estimate in Chromium's sans (measured at 1280×720); the spans'
  // three gaps stand for the spaces between them.
  const pill = textEm(h.state) * textPx(0.8, em) + 0.9 * em + 4;
  const words = textEm(`${h.topic}· epoch ${h.epoch}· lag ${h.lag}`) * font * 0.85;
  return pill + words + 0.9 * em <= widthPx;
}
