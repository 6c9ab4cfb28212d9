// The event log narrates causes; a burst of identical events (every rejected produce while the ISR is
// too small, often alternating between partitions) would drown the rest, so a repeat of one of the last
// few lines is counted on that line instead of added.
import type { SimEvent } from '../../engine/index';

export interface EventLine {
  key: string;
  atMs: number;
  type: string;
  text: string;
  /** How many identical events in a row this line stands for. */
  count: number;
}

/** How many of the latest lines a repeat may join. */
export const REPEAT_WINDOW = 4;

/** Newest first, at most `limit` lines. */
export function eventLines(events: readonly SimEvent[], limit: number): EventLine[] {
  const out: EventLine[] = [];
  for (let i = events.length - 1; i >= 0 && out.length <= limit; i--) {
    const e = events[i]!;
    const same = out.slice(-REPEAT_WINDOW).find((l) => l.type === e.type && l.text === e.text);
    if (same) {
      same.count++;
      continue;
    }
    out.push({ key: `${e.atMs}-${i}-${e.type}`, atMs: e.atMs, type: e.type, text: e.text, count: 1 });
  }
  return out.slice(0, limit);
}

/** Events worth a colour: what went wrong in red, leadership changes in blue, recoveries in green. */
export function eventTone(type: string): 'bad' | 'leader' | 'good' | 'plain' {
  if (/Lost|Rejected|Failed|Offline|unclean|Killed|isrShrunk|Fenced|truncated|noOffset/i.test(type))
    return 'bad';
  if (/leaderElected|controlledShutdown/.test(type)) return 'leader';
  if (/isrExpanded|Restarted|Reconnected|Unfenced|Rebalanced|Stable/i.test(type)) return 'good';
  return 'plain';
}
