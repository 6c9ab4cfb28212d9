// How a replica row shares its card's width: the partition name, the role badge, the strip of latest
// records and the log end offset. Sizes are in ems of the row's font (as styles.css sizes `.replica-row`),
// so the layout can decide them without measuring the DOM. Pure; unit-tested through layout.test.ts.
import type { BrokerMode } from './layout';
import { textPx } from './typeScale';

type RowMode = Exclude<BrokerMode, 'cells'>;

/**
 * Per mode, in row ems (as styles.css lays out `.replica-row`): everything but the name and the strip
 * (badge, log end offset, gaps, the card's padding and border), the badge and log end offset columns
 * within it, the gap between columns, one record chip with its gap, and the name column's narrowest
 * width. `badge`, `rec` and `leo` are those texts' sizes in row ems, each floored at MIN_TEXT_PX: when a
 * floor lifts a text above its share of the row font, its column grows with it (see `sizesAt`).
 */
const ROW = {
  rows: {
    fixed: 13.4,
    badgeColumn: 5.8,
    leoColumn: 4.4,
    gap: 0.45,
    chip: 2.05,
    minName: 5.6,
    badge: 0.84,
    badgePadding: 0.45,
    rec: 0.76,
    recWidth: 2.5,
    leo: 0.9,
    leoText: 'LEO 999',
    perUnit: 0.38,
    smallest: 0.95,
    largest: 1.2,
  },
  compact: {
    fixed: 10.8,
    badgeColumn: 5.4,
    leoColumn: 2.8,
    gap: 0.3,
    chip: 1.8,
    minName: 5.6,
    badge: 0.84,
    badgePadding: 0.2,
    rec: 0.8,
    recWidth: 2.1,
    leo: 0.9,
    leoText: '999',
    perUnit: 0.55,
    smallest: 0.72,
    largest: 0.85,
  },
} as const;

/** The widest role badge (ReplicaRow's ROLE_LABEL) in ems of its font, with a little slack for rounding. */
const widestBadgeEm = (): number => textEm('out of ISR') + 0.3;
/** A badge's borders, px (styles.css `.role-badge`). */
const BADGE_BORDERS_PX = 4;
/** A record chip's gap in the strip, px (styles.css `.log-strip`). */
const CHIP_GAP_PX = 2;
/** A chip's least width in ems of its font: a three-digit offset in bold with its borders. */
const MIN_CHIP_EM = 1.9;

/** The strip always shows the latest records, at least this many: the one being replicated and the one before. */
const MIN_CHIPS = 2;
/** Room for the high-watermark marker's gap and the chips' fixed 2 px gaps, which do not scale with the font. */
const STRIP_SLACK_EM = 0.5;

/** Sizes inside a replica row, px: what styles.css draws with, set on the broker card by the layout. */
export interface RowSizes {
  badgeFont: number;
  recFont: number;
  leoFont: number;
  badgeWidth: number;
  /** A record chip's least width (a longer offset widens it). */
  recWidth: number;
  /** 0 when a compact row leaves out its log end offset (a bare number there) to keep the name whole. */
  leoWidth: number;
}

export interface RowColumns {
  /** Font size of a replica row, px. */
  rowFont: number;
  /** Width of the partition-name column, in row ems. */
  nameEm: number;
  /** How many record chips the strip shows. */
  stripRecords: number;
  rowSizes: RowSizes;
}

/** The sizes of a row's parts at row font `font`, px, and the width of everything but the name. */
function sizesAt(mode: RowMode, font: number, leo: boolean) {
  const spec = ROW[mode];
  const badgeFont = textPx(spec.badge, font);
  const recFont = textPx(spec.rec, font);
  const leoFont = textPx(spec.leo, font);
  // A column keeps its share of the row font, and grows when its text's floor needs more.
  const badgeWidth = Math.max(
    spec.badgeColumn * font,
    (widestBadgeEm() + 2 * spec.badgePadding) * badgeFont + BADGE_BORDERS_PX,
  );
  const leoWidth = leo ? Math.max(spec.leoColumn * font, (textEm(spec.leoText) + 0.3) * leoFont) : 0;
  // A chip keeps its share of the row font; where the floor lifts its text, it is as wide as three digits.
  const recWidth = Math.max(spec.recWidth * spec.rec * font, MIN_CHIP_EM * recFont);
  const chip = Math.max(spec.chip * font, recWidth + CHIP_GAP_PX);
  const fixed =
    spec.fixed * font +
    (badgeWidth - spec.badgeColumn * font) +
    (leo ? leoWidth - spec.leoColumn * font : -(spec.leoColumn + spec.gap) * font);
  const strip = (records: number): number => records * chip + STRIP_SLACK_EM * font;
  return { sizes: { badgeFont, recFont, leoFont, badgeWidth, recWidth, leoWidth }, fixed, chip, strip };
}

/** The smallest row font of a mode at root font `em`, px: never below MIN_TEXT_PX. */
const smallestFont = (mode: RowMode, em: number): number => textPx(ROW[mode].smallest, em);

/**
 * The narrowest card a mode's rows fit at their smallest font, px: the shortest name column, two
 * records, and (compact) no log end offset. The grid does not pick a mode for narrower cards.
 */
export function narrowestRowCard(mode: RowMode, em: number): number {
  const font = smallestFont(mode, em);
  const at = sizesAt(mode, font, mode === 'rows');
  return at.fixed + ROW[mode].minName * font + at.strip(MIN_CHIPS);
}

/**
 * Rows grow with the room they get, so a small cluster reads from afar, but shrink (down to the mode's
 * smallest font) to keep whole partition names and the strip's last two records: `ride-events-0` is
 * worth more to the back row than a larger `ride-ev…-0`. A compact row whose name would still be cut
 * leaves out its log end offset (a bare number there; the partition log has it). Whatever width is left
 * goes to the strip.
 */
export function rowColumns(
  mode: RowMode,
  unit: number,
  cardWidth: number,
  em: number,
  partitionIds: readonly string[],
): RowColumns {
  const spec = ROW[mode];
  const smallest = smallestFont(mode, em);
  const natural = clamp(unit * spec.perUnit, smallest, Math.max(smallest, spec.largest * em));
  const wanted = Math.max(spec.minName, longestNameEm(partitionIds));
  const fits = (font: number, leo: boolean): boolean => {
    const at = sizesAt(mode, font, leo);
    return at.fixed + wanted * font + at.strip(MIN_CHIPS) <= cardWidth;
  };
  const leo = mode === 'rows' || fits(smallest, true);
  const rowFont = largestFitting(smallest, natural, (font) => fits(font, leo));
  const at = sizesAt(mode, rowFont, leo);
  const widthEm = cardWidth / rowFont;
  const nameEm = Math.max(
    spec.minName,
    Math.min(wanted, widthEm - (at.fixed + at.strip(MIN_CHIPS)) / rowFont),
  );
  const stripRecords = clamp(
    Math.floor((cardWidth - at.fixed - nameEm * rowFont - STRIP_SLACK_EM * rowFont) / at.chip),
    MIN_CHIPS,
    12,
  );
  return { rowFont, nameEm, stripRecords, rowSizes: at.sizes };
}

/** The largest font in [lo, hi] for which `fits` holds (it holds for all smaller ones), or lo. */
function largestFitting(lo: number, hi: number, fits: (font: number) => boolean): number {
  if (fits(hi)) return hi;
  if (!fits(lo)) return lo;
  let [a, b] = [lo, hi];
  for (let i = 0; i < 40; i++) {
    const mid = (a + b) / 2;
    if (fits(mid)) a = mid;
    else b = mid;
  }
  return a;
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
