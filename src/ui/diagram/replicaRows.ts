// How a replica row shares its card's width: the partition name, the role badge, the strip of latest
// records and the log end offset. Sizes are in ems of the row's font (as styles.css sizes `.replica-row`),
// so the layout can decide them without measuring the DOM. Pure; unit-tested through layout.test.ts.
import type { BrokerMode } from './layout';

type RowMode = Exclude<BrokerMode, 'cells'>;

/**
 * Per mode, in row ems (as styles.css lays out `.replica-row`): everything but the name and the strip
 * (badge, log end offset, gaps, the card's padding and border), one record chip with its gap, and the
 * name column's narrowest width.
 */
const ROW = {
  rows: { fixed: 13.4, chip: 2.05, minName: 5.6 },
  compact: { fixed: 10.8, chip: 1.8, minName: 5.6 },
} as const;

/** The strip always shows the latest records, at least this many: the one being replicated and the one before. */
const MIN_CHIPS = 2;
/** Room for the high-watermark marker's gap and the chips' fixed 2 px gaps, which do not scale with the font. */
const STRIP_SLACK_EM = 0.5;

export interface RowColumns {
  /** Font size of a replica row, px. */
  rowFont: number;
  /** Width of the partition-name column, in row ems. */
  nameEm: number;
  /** How many record chips the strip shows. */
  stripRecords: number;
}

/**
 * Rows grow with the room they get, so a small cluster reads from afar, but shrink (down to the mode's
 * smallest font) to keep whole partition names and the strip's last two records: `ride-events-0` is
 * worth more to the back row than a larger `ride-ev…-0`. Whatever width is left goes to the strip.
 */
export function rowColumns(
  mode: RowMode,
  unit: number,
  cardWidth: number,
  em: number,
  partitionIds: readonly string[],
): RowColumns {
  const spec = ROW[mode];
  const [natural, smallest] =
    mode === 'rows'
      ? [clamp(unit * 0.38, 0.95 * em, 1.2 * em), 0.95 * em]
      : [clamp(unit * 0.55, 0.72 * em, 0.85 * em), 0.72 * em];
  const wanted = Math.max(spec.minName, longestNameEm(partitionIds));
  // The grid only picks a mode whose smallest font fits the card, so the floor keeps rows legible.
  const strip = (records: number): number => records * spec.chip + STRIP_SLACK_EM;
  const rowFont = Math.max(smallest, Math.min(natural, cardWidth / (spec.fixed + wanted + strip(MIN_CHIPS))));
  const widthEm = cardWidth / rowFont;
  const nameEm = Math.max(spec.minName, Math.min(wanted, widthEm - spec.fixed - strip(MIN_CHIPS)));
  const stripRecords = clamp(
    Math.floor((widthEm - spec.fixed - nameEm - STRIP_SLACK_EM) / spec.chip),
    MIN_CHIPS,
    12,
  );
  return { rowFont, nameEm, stripRecords };
}

/** The name column a partition id needs in bold sans (Arial/Liberation Sans metrics), padding included. */
export function longestNameEm(partitionIds: readonly string[]): number {
  let widest = 0;
  for (const id of partitionIds) widest = Math.max(widest, textEm(id));
  // The button's padding (0.2rem a side) and a little slack for rounding.
  return widest + 0.6;
}

/** Advance widths of Arial Bold, in ems, grouped: near enough to size a column without measuring. */
const NARROW = new Set("ijl.,:;!|'");
const THIN = new Set('ft-');
const ROUND = new Set('bdghnopqu');

/** The width of `s` in bold sans, in ems of its font. */
export function textEm(s: string): number {
  let w = 0;
  for (const c of s) w += charEm(c);
  return w;
}

function charEm(c: string): number {
  if (NARROW.has(c) || c === ' ') return 0.278;
  if (THIN.has(c)) return 0.333;
  if (c === 'r') return 0.389;
  if (ROUND.has(c)) return 0.611;
  if (c === 'm') return 0.889;
  if (c === 'w') return 0.778;
  if (c >= 'A' && c <= 'Z') return c === 'M' || c === 'W' ? 0.9 : c === 'I' ? 0.278 : 0.722;
  // The other lower-case letters, digits and '_' are 0.5–0.556.
  return 0.556;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
