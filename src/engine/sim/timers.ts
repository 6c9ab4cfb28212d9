// A binary min-heap of timers ordered by (atMs, seq), kept as a plain array inside the state so that
// checkpoints and hashes see it. seq breaks ties in scheduling order, which makes runs deterministic.
import type { ScheduledTimer, SimState, Timer } from '../types';

function before(a: ScheduledTimer, b: ScheduledTimer): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export function schedule(state: SimState, atMs: number, timer: Timer): void {
  if (!Number.isInteger(atMs) || atMs < state.nowMs) {
    throw new Error(`timer ${timer.kind} scheduled at ${atMs}, before now (${state.nowMs})`);
  }
  const heap = state.timers;
  heap.push({ atMs, seq: state.seq++, timer });
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    const c = heap[i]!;
    if (!before(c, p)) break;
    heap[parent] = c;
    heap[i] = p;
    i = parent;
  }
}

export function peekTimer(state: SimState): ScheduledTimer | undefined {
  return state.timers[0];
}

export function popTimer(state: SimState): ScheduledTimer | undefined {
  const heap = state.timers;
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
    if (m === i) break;
    const t = heap[m]!;
    heap[m] = heap[i]!;
    heap[i] = t;
    i = m;
  }
  return top;
}
