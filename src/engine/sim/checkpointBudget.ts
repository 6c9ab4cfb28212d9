// What the seek cache's points cost in memory, counted in record copies (one per record per replica
// log): kept as objects, a record costs ~275 bytes with its audit entry, and records are nearly all of a
// long run's memory (the checkpoint list keeps its checkpoints frozen and counts bytes: sim/frozen.ts). Consecutive
// checkpoints share log chunks (sim/clone.ts), so a checkpoint costs only the records that its
// predecessor in the list does not hold. An estimate by offset windows, which is cheap enough to redo on
// every checkpoint: it treats a rewritten offset (truncation, a recreated topic) as the same record.
import type { ReplicaLog, SimState } from '../types';
import { chunkRecords } from '../log/recordChunks';

/** [first, end) offsets of the records a log's chunks hold, retention's deleted head included. */
function windowOf(log: ReplicaLog): [number, number] {
  const chunks = log.records.chunks;
  const first = chunks[0] && chunkRecords(chunks[0])[0];
  const lastChunk = chunks[chunks.length - 1] && chunkRecords(chunks[chunks.length - 1]!);
  const last = lastChunk?.[lastChunk.length - 1];
  return first && last ? [first.offset, last.offset + 1] : [0, 0];
}

/** Record copies held by `state` that `previous` does not hold. */
export function introducedRecords(previous: SimState | undefined, state: SimState): number {
  let n = 0;
  for (const id of state.partitionIds) {
    const logs = state.partitions[id]?.logs;
    if (!logs) continue;
    const before = previous?.partitions[id]?.logs;
    for (const b of Object.keys(logs)) {
      const [start, end] = windowOf(logs[b]!);
      const old = before?.[b];
      if (!old) {
        n += end - start;
        continue;
      }
      const [oldStart, oldEnd] = windowOf(old);
      // The part of [start, end) outside [oldStart, oldEnd), on either side.
      n += Math.max(0, end - Math.max(start, oldEnd)) + Math.max(0, Math.min(end, oldStart) - start);
    }
  }
  return n;
}

/** Record copies the live state holds: checkpoints that share them cost nothing extra. */
export function liveRecords(state: SimState): number {
  return introducedRecords(undefined, state);
}
