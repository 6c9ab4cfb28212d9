// How broker cards tile the middle of the diagram: how many columns, and how much each card can show
// (rows with log strips, compact rows, or cells). Pure; unit-tested through layout.test.ts.
import type { DiagramStructure } from '../model/structure';
import type { Box, BrokerMode } from './layout';
import { narrowestRowCard } from './replicaRows';
import { MIN_TEXT_PX } from './typeScale';

/** Vertical sizes in root ems, so that the layout follows the CSS type scale. */
const BROKER_HEADER_EM = { rows: 2.6, compact: 2.3, cells: 2.3 } as const;
const MIN_ROW_EM = { rows: 2.1, compact: 1.45 } as const;
/**
 * A compact row's least height, px: its tallest part at the smallest text, a role badge (line-height 1.15
 * and 2 px borders a side, styles.css `.mode-compact`) over the row's 1 px top border.
 */
const MIN_COMPACT_ROW_PX = MIN_TEXT_PX * 1.15 + 5;
const MAX_ROW_EM = 3.4;
const MIN_CARD_WIDTH_EM = { rows: 24, compact: 14 } as const;
const MAX_CARD_WIDTH_EM = 40;
export const GAP_EM = 0.8;
/** A stacked header's second line: the broker's status, under its name (styles.css `.header-stacked`). */
const STATUS_LINE_EM = 1.2;

/**
 * How a broker card's header shares its width between the name, the status and the actions, so that the
 * status is never cut to "run…": `wide` says "Kill broker 2"; `short` says "Kill" (the title names the
 * broker); `stacked` puts the status on a line of its own under the name. Cells keep Kill in the menu.
 */
export type BrokerHeader = 'wide' | 'short' | 'stacked';

export function brokerHeader(mode: BrokerMode, cardWidth: number, em: number): BrokerHeader {
  if (mode === 'cells' || cardWidth >= 28 * em) return 'wide';
  return cardWidth >= 19 * em ? 'short' : 'stacked';
}

export interface Grid {
  mode: BrokerMode;
  /** Card header height and gap between cards, px; tighter for very large clusters. */
  header: number;
  gap: number;
  columns: number;
  cardWidth: number;
  cardHeight: number;
  unit: number;
  cellColumns: number;
}

/**
 * Try every column count and keep the most detailed mode that fits, then the largest rows or cells.
 * A classroom cluster (3 brokers, a few partitions) gets one column of roomy rows; a 50-broker cluster
 * gets a grid of cell maps.
 */
export function chooseBrokerGrid(s: DiagramStructure, area: Box, em: number): Grid {
  return (
    searchGrid(s, area, em, GAP_EM * em, false) ??
    // A very large cluster: tiny cards with a one-line header, so that every replica still gets a cell.
    searchGrid(s, area, em, 0.25 * em, true) ?? {
      mode: 'cells',
      header: 1.2 * em,
      gap: 0,
      columns: s.brokers.length,
      cardWidth: area.width / Math.max(1, s.brokers.length),
      cardHeight: area.height,
      unit: 1,
      cellColumns: 1,
    }
  );
}

function searchGrid(s: DiagramStructure, area: Box, em: number, gap: number, dense: boolean): Grid | null {
  const n = Math.max(1, s.brokers.length);
  const perBroker = Math.max(1, ...s.brokers.map((b) => b.partitionIds.length));
  let best: Grid | null = null;
  let bestScore = -Infinity;
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cardWidth = Math.min(MAX_CARD_WIDTH_EM * em, (area.width - gap * (columns - 1)) / columns);
    const cardHeight = (area.height - gap * (rows - 1)) / rows;
    for (const mode of dense ? (['cells'] as const) : (['rows', 'compact', 'cells'] as const)) {
      const header = dense
        ? 1.2 * em
        : (BROKER_HEADER_EM[mode] + (brokerHeader(mode, cardWidth, em) === 'stacked' ? STATUS_LINE_EM : 0)) *
          em;
      const inner = cardHeight - header - (dense ? 0.2 : 0.5) * em;
      let unit: number;
      let cellColumns = 0;
      if (mode === 'cells') {
        ({ unit, cellColumns } = fitCells(perBroker, cardWidth - (dense ? 0.3 : 0.8) * em, inner));
        if (unit < (dense ? 2 : 6)) continue;
      } else {
        unit = Math.min(MAX_ROW_EM * em, inner / perBroker);
        const minRow = Math.max(MIN_ROW_EM[mode] * em, mode === 'compact' ? MIN_COMPACT_ROW_PX : 0);
        const minWidth = Math.max(MIN_CARD_WIDTH_EM[mode] * em, narrowestRowCard(mode, em));
        if (unit < minRow || cardWidth < minWidth) continue;
      }
      const rank = mode === 'rows' ? 2 : mode === 'compact' ? 1 : 0;
      // Prefer detail, then size; a slight preference for fewer columns keeps the grid calm.
      const score = rank * 1e6 + Math.min(unit, MAX_ROW_EM * em) * 100 + cardWidth / 100 - columns;
      if (score > bestScore) {
        bestScore = score;
        best = { mode, header, gap, columns, cardWidth, cardHeight, unit, cellColumns };
      }
      break;
    }
  }
  return best;
}

/** The largest square cell such that `count` cells fit in a width × height box. */
export function fitCells(
  count: number,
  width: number,
  height: number,
): { unit: number; cellColumns: number } {
  let best = { unit: 0, cellColumns: 1 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const unit = Math.floor(Math.min(width / cols, height / rows));
    if (unit > best.unit) best = { unit, cellColumns: cols };
  }
  return { unit: Math.min(best.unit, 64), cellColumns: best.cellColumns };
}
