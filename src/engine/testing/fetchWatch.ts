// Test helpers for the consumer's fetch buffer: a backlog of records waiting for a group, and a watch over
// what a consumer fetches and what each poll() hands its application.
import type { FetchPartition } from '../types';
import type { ConsumerConfig, ConsumerState } from '../groups/types';
import type { ConsumerSetup } from '../setup';
import type { Simulation } from '../simulation';
import { cluster } from './harness';

/** One partition of a FetchRequest the consumer sent, and when it left. */
export type FetchRequest = FetchPartition & { sentAtMs: number };

/** A record of key 'k' and value 'v': 1 + 1 bytes plus the 70-byte overhead (Simplification 8). */
export const RECORD_BYTES = 72;

/**
 * Topic t with `perPartition` records of RECORD_BYTES on each of its partitions, all below the high
 * watermark by 5 s, and group g (auto.offset.reset=earliest) with the given consumers.
 */
export function backlog(
  perPartition: number,
  partitions: number,
  config: Partial<ConsumerConfig> = {},
  consumers: ConsumerSetup[] = [],
): Simulation {
  const sim = cluster(3)
    .topic('t', partitions, 3)
    .producer({ id: 'p', topic: 't', ratePerSec: 0, keys: { kind: 'null' } })
    .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', config, consumers })
    .build();
  for (let i = 0; i < perPartition; i++)
    for (let p = 0; p < partitions; p++)
      sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v', partition: p });
  sim.advanceTo(5_000);
  for (const p of sim.view().partitions)
    if (p.highWatermark !== perPartition) throw new Error(`${p.id} holds ${p.highWatermark} records`);
  return sim;
}

/** One poll() that handed records of a partition to the application (a batch the consumer took). */
export interface Poll {
  partitionId: string;
  atMs: number;
  /** The position after it. */
  position: number;
}

/**
 * Advances in 50 ms steps (a hop is 200 ms, so no message goes unseen) and keeps what one consumer sent
 * and what its poll() calls handed to the application.
 */
export class FetchWatch {
  /** By `${message id}|${partition id}`. */
  private readonly fetches = new Map<string, FetchRequest>();
  private readonly seenPolls = new Map<string, Poll>();
  constructor(
    private readonly sim: Simulation,
    private readonly consumerId: string,
  ) {}

  consumer(): ConsumerState {
    return this.sim.peekState().consumers[this.consumerId]!;
  }

  /** Advance until `untilMs` or until `stop` holds after a step. */
  advanceTo(untilMs: number, stop: () => boolean = () => false): void {
    while (this.sim.peekState().nowMs < untilMs) {
      this.sim.advanceTo(Math.min(untilMs, this.sim.peekState().nowMs + 50));
      this.look();
      if (stop()) return;
    }
  }

  private look(): void {
    const node = `consumer-${this.consumerId}`;
    for (const t of this.sim.peekState().timers) {
      const m = t.timer.kind === 'deliver' ? t.timer.message : null;
      if (m?.from === node && m.body.kind === 'FetchRequest')
        for (const fp of m.body.partitions)
          this.fetches.set(`${m.id}|${fp.partitionId}`, { ...fp, sentAtMs: m.sentAtMs });
    }
    for (const b of this.consumer().processing)
      if (b.partitionId !== null)
        this.seenPolls.set(`${b.partitionId}@${b.startAtMs}`, {
          partitionId: b.partitionId,
          atMs: b.startAtMs,
          position: b.position,
        });
  }

  fetchesOf(partitionId: string): FetchRequest[] {
    return [...this.fetches.values()]
      .filter((f) => f.partitionId === partitionId)
      .sort((a, b) => a.sentAtMs - b.sentAtMs);
  }

  pollsOf(partitionId: string): Poll[] {
    return [...this.seenPolls.values()]
      .filter((p) => p.partitionId === partitionId)
      .sort((a, b) => a.atMs - b.atMs);
  }

  /** Records of this partition fetched and not yet returned by poll(). */
  buffered(partitionId: string): number {
    return this.consumer()
      .fetchBuffer.filter((f) => f.partitionId === partitionId)
      .reduce((n, f) => n + f.records.length - f.returned, 0);
  }
}
