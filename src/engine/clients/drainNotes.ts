// The Sender's notes during one drain pass (drain.ts), on each partition and each broker connection. They
// are kept between calls and marked with the pass that wrote them, since fresh per-call arrays made
// planning (twice per record) the engine's largest source of garbage. Not state: nothing survives a pass.
import type { PartitionState, QueuedRecord } from '../types';

export interface PlannedBatch {
  partition: number;
  records: QueuedRecord[];
}

/** One produce request: the batches for the partitions one broker leads, in the order they were planned. */
export interface PlannedRequest {
  brokerId: number;
  batches: PlannedBatch[];
  bytes: number;
}

/** One pass's notes on a partition. */
export interface PartitionNotes {
  pass: number;
  inFlight: number;
  /** state.partitions entry, null when there is none; undefined until looked up in this pass. */
  p: PartitionState | null | undefined;
  /** Once one record of the partition must wait, the later ones wait too (per-partition order). */
  blocked: boolean;
  /** The batch planned in this pass (one per partition per request), and its bytes. */
  batch: PlannedBatch | null;
  bytes: number;
  /** Queued records of the partition when the pass began (-1 before the pass touches it), and seen so far. */
  total: number;
  seen: number;
}

/** One pass's notes on a broker connection: requests in flight on it and the request being planned. */
export interface ConnectionNotes {
  pass: number;
  inFlightRequests: number;
  lastRequestId: number;
  request: PlannedRequest | null;
  /** RecordAccumulator.ready: some partition it leads has a batch that may leave now. */
  ready: boolean;
}

const notes: PartitionNotes[] = [];
const connections: ConnectionNotes[] = [];
let pass = 0;

export function notesOf(partition: number): PartitionNotes {
  let n = notes[partition];
  if (n === undefined)
    n = notes[partition] = {
      pass: -1,
      inFlight: 0,
      p: undefined,
      blocked: false,
      batch: null,
      bytes: 0,
      total: -1,
      seen: 0,
    };
  if (n.pass !== pass) {
    n.pass = pass;
    n.inFlight = 0;
    n.p = undefined;
    n.blocked = false;
    n.batch = null;
    n.bytes = 0;
    n.total = -1;
    n.seen = 0;
  }
  return n;
}

export function connectionOf(brokerId: number): ConnectionNotes {
  let c = connections[brokerId];
  if (c === undefined)
    c = connections[brokerId] = {
      pass: -1,
      inFlightRequests: 0,
      lastRequestId: -1,
      request: null,
      ready: false,
    };
  if (c.pass !== pass) {
    c.pass = pass;
    c.inFlightRequests = 0;
    c.lastRequestId = -1;
    c.request = null;
    c.ready = false;
  }
  return c;
}

/** Start a pass: every note from an earlier pass now reads as fresh. */
export function beginPass(): void {
  pass++;
}
