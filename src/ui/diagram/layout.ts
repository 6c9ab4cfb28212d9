// Where things sit in the cluster diagram: producers in a column on the left, consumer groups and share
// groups with their members on the right, brokers in a grid between them, the controller above. Pure
// functions of the cluster's structure and the screen size, so they are unit-tested and only recomputed
// when the structure changes (never per frame).
import type { DiagramStructure } from '../model/structure';
import { brokerHeader, chooseBrokerGrid, GAP_EM, type BrokerHeader, type Grid } from './brokerGrid';
import { producerNaturalEm } from './producerLines';
import { rowColumns, textEm, type RowSizes } from './replicaRows';
import { textPx } from './typeScale';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How much each broker card can show, from most to least detailed: a row per replica with its log
 * strip; a tighter row with a shorter strip; a grid of coloured cells (one per replica) for big clusters.
 */
export type BrokerMode = 'rows' | 'compact' | 'cells';

export interface DiagramLayout {
  width: number;
  height: number;
  /** The root font size the layout was computed for, px. */
  em: number;
  mode: BrokerMode;
  /** Height of one replica row (rows, compact) or side of one replica cell (cells), in px. */
  unit: number;
  /** Font size of a replica row, px: rows grow with the room they get, so a small cluster reads from afar. */
  rowFont: number;
  /** Width of a replica row's partition-name column, in row ems: wide enough for the names when there is room. */
  nameEm: number;
  /** The sizes of a replica row's smaller texts and their columns, px (never below MIN_TEXT_PX). */
  rowSizes: RowSizes;
  /** A broker card's header: its height (px) and how its name, status and actions share the width. */
  header: number;
  brokerHeader: BrokerHeader;
  /** Cells per row in a broker card (cells mode). */
  cellColumns: number;
  /** How many records a replica's strip shows in this mode. */
  stripRecords: number;
  /** Height of each group card's header, px, by group id: a name too long for one line gets two. */
  groupHeaders: Record<string, number>;
  /**
   * `broker-1`, `producer-checkout`, `consumer-billing-1`, `group-billing`, `controller`; share groups'
   * `sharegroup-workers` and their members `share-workers-1` (the engine's node ids for share consumers).
   */
  nodes: Record<string, Box>;
  /** Replica rows or cells, keyed `${brokerId}/${partitionId}`: where messages for a partition land. */
  replicas: Record<string, Box>;
}

/** Cells have no rows: these sizes are never drawn. */
const NO_ROWS: RowSizes = { badgeFont: 0, recFont: 0, leoFont: 0, badgeWidth: 0, recWidth: 0, leoWidth: 0 };

export const replicaKey = (brokerId: number, partitionId: string): string => `${brokerId}/${partitionId}`;

export function layoutDiagram(s: DiagramStructure, width: number, height: number, em = 16): DiagramLayout {
  const pad = Math.round(0.6 * em);
  const producerWidth = clamp(Math.round(width * 0.16), 13 * em, 16 * em);
  // A share member's row says more (its name beside what it holds, what it acknowledged): with share
  // groups on screen the column takes a little more width, so that a name and its pill share a line.
  const shares = s.shareGroups.length > 0;
  const groupWidth = clamp(Math.round(width * (shares ? 0.24 : 0.2)), (shares ? 14.5 : 13.5) * em, 17 * em);
  // Room between the client columns and the brokers, so that travelling messages are visible.
  const lane = clamp(Math.round(width * 0.035), 1.6 * em, 4.5 * em);
  const centre = {
    x: pad + producerWidth + lane,
    y: pad + 2.6 * em,
    width: Math.max(10 * em, width - 2 * pad - producerWidth - groupWidth - 2 * lane),
    height: Math.max(8 * em, height - 2 * pad - 2.6 * em),
  };
  const nodes: Record<string, Box> = {};
  const replicas: Record<string, Box> = {};
  nodes['controller'] = { x: centre.x + centre.width / 2 - 8 * em, y: pad, width: 16 * em, height: 2 * em };
  const grid = chooseBrokerGrid(s, centre, em);
  placeBrokers(s, grid, centre, em, nodes, replicas);
  placeProducers(s, { x: pad, y: pad, width: producerWidth, height: height - 2 * pad }, em, nodes);
  // The group coordinator tops the groups' column: JoinGroup, SyncGroup and heartbeats travel there.
  nodes['coordinator'] = { x: width - pad - groupWidth, y: pad, width: groupWidth, height: 2 * em };
  const groupsTop = pad + 2.6 * em;
  const groupHeaders = placeGroups(
    s,
    { x: width - pad - groupWidth, y: groupsTop, width: groupWidth, height: height - groupsTop - pad },
    em,
    nodes,
  );
  const columns =
    grid.mode === 'cells'
      ? { rowFont: em, nameEm: 0, stripRecords: 0, rowSizes: NO_ROWS }
      : rowColumns(
          grid.mode,
          grid.unit,
          grid.cardWidth,
          em,
          s.brokers.flatMap((b) => b.partitionIds),
        );
  return {
    width,
    height,
    em,
    mode: grid.mode,
    unit: grid.unit,
    header: grid.header,
    brokerHeader: brokerHeader(grid.mode, grid.cardWidth, em),
    cellColumns: grid.cellColumns,
    ...columns,
    groupHeaders,
    nodes,
    replicas,
  };
}

function placeBrokers(
  s: DiagramStructure,
  grid: Grid,
  area: Box,
  em: number,
  nodes: Record<string, Box>,
  replicas: Record<string, Box>,
): void {
  const { gap, header } = grid;
  const perBroker = Math.max(1, ...s.brokers.map((b) => b.partitionIds.length));
  // Cards shrink to their content (all the same height, so rows line up), and the grid is centred.
  const natural =
    grid.mode === 'cells'
      ? header + Math.ceil(perBroker / grid.cellColumns) * grid.unit + 0.2 * em
      : header + perBroker * grid.unit + 0.5 * em;
  const cardHeight = Math.min(grid.cardHeight, natural);
  const rows = Math.ceil(s.brokers.length / grid.columns);
  const gridWidth = grid.columns * grid.cardWidth + (grid.columns - 1) * gap;
  const gridHeight = rows * cardHeight + (rows - 1) * gap;
  const x0 = area.x + (area.width - gridWidth) / 2;
  const y0 = area.y + Math.max(0, (area.height - gridHeight) / 2);
  s.brokers.forEach((b, i) => {
    const box = {
      x: x0 + (i % grid.columns) * (grid.cardWidth + gap),
      y: y0 + Math.floor(i / grid.columns) * (cardHeight + gap),
      width: grid.cardWidth,
      height: cardHeight,
    };
    nodes[`broker-${b.id}`] = box;
    b.partitionIds.forEach((pid, k) => {
      replicas[replicaKey(b.id, pid)] =
        grid.mode === 'cells'
          ? {
              x: box.x + (box.width - grid.cellColumns * grid.unit) / 2 + (k % grid.cellColumns) * grid.unit,
              y: box.y + header + Math.floor(k / grid.cellColumns) * grid.unit,
              width: grid.unit,
              height: grid.unit,
            }
          : { x: box.x, y: box.y + header + k * grid.unit, width: box.width, height: grid.unit };
    });
  });
}

function placeProducers(s: DiagramStructure, column: Box, em: number, nodes: Record<string, Box>): void {
  const gap = GAP_EM * em;
  const addButton = 2.6 * em;
  const natural = producerNaturalEm(em) * em;
  const n = s.producers.length;
  const height = n === 0 ? 0 : Math.min(natural, (column.height - addButton - gap * n) / n);
  const total = n * height + n * gap + addButton;
  let y = column.y + Math.max(0, (column.height - total) / 2);
  for (const id of s.producers) {
    nodes[`producer-${id}`] = { x: column.x, y, width: column.width, height };
    y += height + gap;
  }
  nodes['producers-add'] = { x: column.x, y, width: column.width, height: addButton };
}

/**
 * A group card's header in ems: the name and its Configure button on one line, the state, topics and lag
 * on the next. A name too long for its line takes two, so it is never cut short while the column has
 * room: when every card already fills the column, names stay on one line (cut, with a tooltip).
 * `kind` is what the heading calls the group ("group billing", "share group workers").
 */
export function groupHeaderEm(groupId: string, columnWidthEm: number, em: number, kind = 'group'): number {
  // The heading is bold 1.05rem (styles.css); the card's padding and borders and the Configure button
  // beside the name take 6.6 em. Where the floor lifts the button's 0.75rem text, the text grows and
  // the button's padding and margin (three of them) give some of it back.
  const nameEm = textEm(`${kind} ${groupId}`) * 1.05;
  const beside = 6.6 + (textPx(0.75, em) / em - 0.75) * (textEm('Configure') - 3);
  return nameEm > columnWidthEm - beside ? GROUP_HEADER_EM + GROUP_NAME_LINE_EM : GROUP_HEADER_EM;
}

const GROUP_HEADER_EM = 3;
const GROUP_NAME_LINE_EM = 1.4;

/**
 * A share group's member row is taller than a consumer's: under its name it says what it holds and how
 * it acknowledged (accepted, released, rejected), a third line where the column has the height.
 */
export const SHARE_ROW_WEIGHT = 1.4;

/** A card in the groups' column: a consumer group (`group-x`, members `consumer-y`) or a share group. */
interface ColumnCard {
  groupId: string;
  card: string;
  memberNode: string;
  kind: string;
  members: readonly string[];
  weight: number;
}

function columnCards(s: DiagramStructure): ColumnCard[] {
  return [
    ...s.groups.map((g) => ({
      groupId: g.groupId,
      card: `group-${g.groupId}`,
      memberNode: 'consumer-',
      kind: 'group',
      members: g.members,
      weight: 1,
    })),
    ...s.shareGroups.map((g) => ({
      groupId: g.groupId,
      card: `sharegroup-${g.groupId}`,
      memberNode: 'share-',
      kind: 'share group',
      members: g.members,
      weight: SHARE_ROW_WEIGHT,
    })),
  ];
}

/**
 * Each group is a card with a header, one row per member, and a button row to add a member: consumer
 * groups first, then share groups, whose member rows weigh SHARE_ROW_WEIGHT consumer rows.
 */
function placeGroups(
  s: DiagramStructure,
  column: Box,
  em: number,
  nodes: Record<string, Box>,
): Record<string, number> {
  const gap = GAP_EM * em;
  const footer = 2.6 * em;
  const cards = columnCards(s);
  const memberRows = cards.reduce((n, g) => n + Math.max(1, g.members.length) * g.weight, 0);
  // The add-group buttons below the cards take a row like the add-producer button does.
  const fixedWith = (headers: readonly number[]): number =>
    headers.reduce((a, h) => a + h + footer + 0.4 * em + gap, 0) + 2.6 * em;
  const oneLine = cards.map(() => GROUP_HEADER_EM * em);
  const wrapped = cards.map((g) => groupHeaderEm(g.groupId, column.width / em, em, g.kind) * em);
  // Two-line names only while every member keeps the smallest row height.
  const headersPx =
    column.height - fixedWith(wrapped) >= 1.7 * em * Math.max(1, memberRows) ? wrapped : oneLine;
  const fixed = fixedWith(headersPx);
  const member = clamp((column.height - fixed) / Math.max(1, memberRows), 1.7 * em, 3.4 * em);
  const heights = cards.map(
    (g, i) => headersPx[i]! + Math.max(1, g.members.length) * member * g.weight + footer + 0.4 * em,
  );
  const addButton = 2.6 * em;
  const total = heights.reduce((a, h) => a + h, 0) + cards.length * gap + addButton;
  let y = column.y + Math.max(0, (column.height - total) / 2);
  cards.forEach((g, i) => {
    nodes[g.card] = { x: column.x, y, width: column.width, height: heights[i]! };
    g.members.forEach((m, k) => {
      nodes[`${g.memberNode}${m}`] = {
        x: column.x,
        y: y + headersPx[i]! + k * member * g.weight,
        width: column.width,
        height: member * g.weight,
      };
    });
    y += heights[i]! + gap;
  });
  nodes['groups-add'] = { x: column.x, y, width: column.width, height: addButton };
  return Object.fromEntries(cards.map((g, i) => [g.groupId, headersPx[i]!]));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * Short labels for replica cells: the partition number, prefixed by the shortest prefix of the topic
 * name that tells the topics apart when there are several (`o3`, `p3`, `s3`). When that prefix would be
 * long (`invoices` beside `invoices.DLT`), the initials of the name's parts stand in (`inv`, `iD`), since a
 * cell has room for about four characters.
 */
export function cellLabels(partitionIds: readonly string[]): Map<string, string> {
  const topics = [...new Set(partitionIds.map((p) => p.slice(0, p.lastIndexOf('-'))))];
  const prefix = new Map<string, string>();
  for (const t of topics) prefix.set(t, topics.length > 1 ? topicAbbreviation(t, topics) : '');
  // Two topics that abbreviate alike fall back to their distinguishing prefixes: long, but never ambiguous.
  const seen = new Map<string, number>();
  for (const a of prefix.values()) seen.set(a, (seen.get(a) ?? 0) + 1);
  for (const t of topics)
    if ((seen.get(prefix.get(t)!) ?? 0) > 1) prefix.set(t, distinguishingPrefix(t, topics));
  return new Map(
    partitionIds.map((p) => {
      const cut = p.lastIndexOf('-');
      return [p, `${prefix.get(p.slice(0, cut)) ?? ''}${p.slice(cut + 1)}`];
    }),
  );
}

function distinguishingPrefix(t: string, topics: readonly string[]): string {
  let n = 1;
  while (n < t.length && topics.some((o) => o !== t && o.startsWith(t.slice(0, n)))) n++;
  return t.slice(0, n);
}

const MAX_PREFIX = 3;

function topicAbbreviation(t: string, topics: readonly string[]): string {
  const p = distinguishingPrefix(t, topics);
  if (p.length <= MAX_PREFIX) return p;
  const parts = t.split(/[._-]+|(?=[A-Z][a-z])/).filter((x) => x !== '');
  return parts.length > 1 ? parts.map((x) => x[0]).join('') : t.slice(0, MAX_PREFIX);
}
