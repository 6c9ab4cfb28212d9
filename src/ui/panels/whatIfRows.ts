// The rows of the What if? table and its one-line answer, from both runs' audits and consumer groups.
import type { AuditView } from '../../engine/index';
import type { ConsumptionView, WhatIfResult } from '../../engine/worker/host';

export interface Row {
  name: string;
  /** What it counts (the row's tooltip). */
  help: string;
  /** More of it is bad (coloured, and first in the answer); else it is not judged. */
  judged: boolean;
  base: number;
  variant: number;
}

const AUDIT: [keyof AuditView & string, string, boolean][] = [
  ['produced', 'records the producers created', false],
  // More acknowledged is not better in itself: acks=1 acknowledges sooner, and loses some of it.
  ['acknowledged', 'a producer was told the write succeeded', false],
  ['committed', 'below the high watermark on every in-sync replica', false],
  ['failed', 'the producer gave up and told the application', true],
  ['lost', 'acknowledged or committed, then gone', true],
  ['duplicated', 'written twice by retries', true],
  ['reordered', 'a key committed out of order', true],
];

const GROUPS: [keyof ConsumptionView, string, string, boolean][] = [
  ['consumed', 'consumed', 'records the consumer groups’ poll() handed to the application', false],
  ['lag', 'lag now', 'records the consumer groups have not consumed yet, summed over partitions', true],
  ['redelivered', 'redelivered', 'records a consumer group processed more than once', true],
];

export function whatIfRows(r: WhatIfResult): Row[] {
  if (!r.variant) return [];
  const v = r.variant;
  const rows: Row[] = AUDIT.map(([key, help, judged]) => ({
    name: key,
    help,
    judged,
    base: r.base[key] as number,
    variant: v[key] as number,
  }));
  const bg = r.baseGroups;
  const vg = r.variantGroups;
  if (bg && vg)
    for (const [key, name, help, judged] of GROUPS)
      rows.push({ name, help, judged, base: bg[key], variant: vg[key] });
  return rows;
}

/** The difference a class should see first, in one sentence: what got worse or better, else what changed. */
export function headline(id: string, rows: readonly Row[]): string {
  const judged = rows.filter((row) => row.judged && row.base !== row.variant);
  const shown = judged.length > 0 ? judged : rows.filter((row) => row.base !== row.variant);
  if (shown.length === 0) return `With ${id}: the same outcome, every number below is equal.`;
  const parts = shown.map((row) => `${row.variant} ${row.name} (this run ${row.base})`);
  return `With ${id}: ${parts.join(', ')}.`;
}

/** 'worse' or 'better' for a judged row that differs, else ''. */
export function tone(row: Row): string {
  if (!row.judged || row.base === row.variant) return '';
  return row.variant > row.base ? 'worse' : 'better';
}

/**
 * The what-if that answers a loss, from its explanation (audit/audit.ts words it): the setting that
 * would have kept the record. Null when no single setting would.
 */
export function suggestedWhatIf(explanation: string): string | null {
  if (explanation.startsWith('acks=1:') || explanation.startsWith('acks=0:')) return 'acks=all';
  if (explanation.startsWith('unclean leader election:')) return 'unclean.leader.election.enable=false';
  if (explanation.startsWith('acks=all with only the leader in the ISR (min.insync.replicas=1)'))
    return 'min.insync.replicas=2';
  return null;
}
