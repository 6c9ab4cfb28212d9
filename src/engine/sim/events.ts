// Narrated events: what happened and why, in Kafka's words. The state keeps a bounded tail for the view;
// callers that need every event read the count before and after a step.
import type { SimEvent, SimState } from '../types';

export const MAX_EVENTS_KEPT = 500;

export function emit(state: SimState, type: string, text: string, extra: Partial<SimEvent> = {}): void {
  state.events.push({ atMs: state.nowMs, type, text, ...extra });
  state.eventCount++;
  if (state.events.length > MAX_EVENTS_KEPT * 2)
    state.events.splice(0, state.events.length - MAX_EVENTS_KEPT);
}

/** Events emitted since `countBefore` (at most the retained tail). */
export function eventsSince(state: SimState, countBefore: number): SimEvent[] {
  const n = Math.min(state.eventCount - countBefore, state.events.length);
  return n <= 0 ? [] : state.events.slice(state.events.length - n);
}
