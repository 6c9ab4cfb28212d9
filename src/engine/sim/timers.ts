// A binary min-heap of timers ordered by (atMs, seq), kept as a plain array inside the state so that
// checkpoints and hashes see it. seq breaks ties in scheduling order, which makes runs deterministic.
// Scheduled timers (and the messages they carry) are never changed, so checkpoints share them.
import type { ScheduledTimer, SimState, Timer } from '../types';

function before(a: ScheduledTimer, b: ScheduledTimer): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export function schedule(state: SimState, atMs: number, timer: Timer): void {
  if (!Number.isInteger(atMs) || atMs < state.nowMs) {
    throw new Error(`timer ${timer.kind} scheduled at ${atMs}, before now (${state.nowMs})`);
  }
  const heap = state.timers;
  const added: ScheduledTimer = { atMs, seq: state.seq++, timer };
  let i = heap.length;
  heap.push(added);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (!before(added, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = added;
}

export function peekTimer(state: SimState): ScheduledTimer | undefined {
  return state.timers[0];
}

export function popTimer(state: SimState): ScheduledTimer | undefined {
  const heap = state.timers;
  const top = heap[0];
  const last = heap.pop();
  const n = heap.length;
  if (top === undefined || last === undefined || n === 0) return top;
  // Floyd's bottom-up pop: walk the hole down to a leaf along the earlier child (one comparison per
  // level), then sift the last timer up from there, which is usually only a level or two. The
  // (atMs, seq) order is total, so the pop order is the same as with the textbook sift-down.
  let i = 0;
  for (let l = 1; l < n; l = 2 * i + 1) {
    const c = l + 1 < n && before(heap[l + 1]!, heap[l]!) ? l + 1 : l;
    heap[i] = heap[c]!;
    i = c;
  }
  siftUp(heap, i, last);
  return top;
}

function siftUp(heap: ScheduledTimer[], from: number, t: ScheduledTimer): void {
  let i = from;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (!before(t, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = t;
}
