// Metrics over virtual time, sampled from successive frames: records appended per topic and total lag
// per group. Samples are keyed by virtual time, so a rewind drops the samples after the new time and
// the charts never mix two timelines.
import type { SimView } from '../../engine/index';

export interface Sample {
  atMs: number;
  /** Per topic: the sum over partitions of the longest replica log (records ever appended, minus truncation). */
  appended: Record<string, number>;
  /**
   * Per group: total lag as kafka-consumer-groups reports it, and for a share group as
   * kafka-share-groups does (records from the start offset to the high watermark not yet done with).
   */
  lag: Record<string, number>;
}

export const SAMPLE_EVERY_MS = 500;
/** Two minutes of virtual time: what the charts show. */
export const SAMPLES_KEPT = 240;

export function takeSample(view: SimView): Sample {
  const appended: Record<string, number> = {};
  for (const p of view.partitions) {
    let leo = 0;
    for (const r of p.replicaLogs) leo = Math.max(leo, r.logEndOffset);
    appended[p.topic] = (appended[p.topic] ?? 0) + leo;
  }
  const lag: Record<string, number> = {};
  for (const g of view.groups) lag[g.groupId] = g.totalLag;
  for (const g of view.shareGroups) lag[g.groupId] = g.totalLag;
  return { atMs: view.nowMs, appended, lag };
}

/**
 * The samples after this frame. Returns the same array when nothing changes, so subscribers re-render
 * only when a sample is added or a rewind removed some.
 */
export function addSample(samples: readonly Sample[], view: SimView): readonly Sample[] {
  let kept = samples;
  const last = kept[kept.length - 1];
  if (last && view.nowMs < last.atMs) kept = kept.filter((s) => s.atMs <= view.nowMs);
  const latest = kept[kept.length - 1];
  if (latest && view.nowMs - latest.atMs < SAMPLE_EVERY_MS) return kept;
  const next = [...kept, takeSample(view)];
  return next.length > SAMPLES_KEPT ? next.slice(next.length - SAMPLES_KEPT) : next;
}

export interface SeriesPoint {
  atMs: number;
  value: number;
}

/** Rates are measured over this many samples (two seconds), so that a few records/s do not look jagged. */
export const RATE_WINDOW = 4;

/** Records per second appended to a topic over the last two seconds at each sample (never negative). */
export function throughputSeries(samples: readonly Sample[], topic: string): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[Math.max(0, i - RATE_WINDOW)]!;
    const b = samples[i]!;
    const dt = (b.atMs - a.atMs) / 1000;
    if (dt <= 0) continue;
    const d = (b.appended[topic] ?? 0) - (a.appended[topic] ?? 0);
    out.push({ atMs: b.atMs, value: Math.max(0, d) / dt });
  }
  return out;
}

export function lagSeries(samples: readonly Sample[], groupId: string): SeriesPoint[] {
  return samples
    .filter((s) => s.lag[groupId] !== undefined)
    .map((s) => ({ atMs: s.atMs, value: s.lag[groupId]! }));
}
