// Small line charts laid out with D3 scales and line generators: pure functions that turn series into
// SVG path strings and ticks, so that the React component only draws what they return.
import { extent, line, scaleLinear } from 'd3';
import type { SeriesPoint } from './samples';

export interface ChartSeries {
  name: string;
  colour: string;
  points: readonly SeriesPoint[];
}

export interface ChartLayout {
  paths: { name: string; colour: string; d: string; last: number | null }[];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  plot: { x: number; y: number; width: number; height: number };
}

export const CHART_MARGIN = { left: 44, right: 10, top: 8, bottom: 22 };

export function layoutChart(series: readonly ChartSeries[], width: number, height: number): ChartLayout {
  const plot = {
    x: CHART_MARGIN.left,
    y: CHART_MARGIN.top,
    width: Math.max(10, width - CHART_MARGIN.left - CHART_MARGIN.right),
    height: Math.max(10, height - CHART_MARGIN.top - CHART_MARGIN.bottom),
  };
  const all = series.flatMap((s) => s.points);
  const [t0 = 0, t1 = 1] = extent(all, (p) => p.atMs);
  const maxY = Math.max(1, ...all.map((p) => p.value));
  const x = scaleLinear()
    .domain([t0, Math.max(t1, t0 + 1)])
    .range([plot.x, plot.x + plot.width]);
  const y = scaleLinear()
    .domain([0, maxY])
    .nice(4)
    .range([plot.y + plot.height, plot.y]);
  const gen = line<SeriesPoint>()
    .x((p) => x(p.atMs))
    .y((p) => y(p.value));
  return {
    plot,
    paths: series.map((s) => ({
      name: s.name,
      colour: s.colour,
      d: s.points.length > 1 ? (gen(s.points as SeriesPoint[]) ?? '') : '',
      last: s.points[s.points.length - 1]?.value ?? null,
    })),
    yTicks: y.ticks(4).map((v) => ({ y: y(v), label: formatCount(v) })),
    xTicks: x.ticks(4).map((v) => ({ x: x(v), label: `${Math.round(v / 1000)} s` })),
  };
}

export function formatCount(v: number): string {
  if (v >= 10_000) return `${Math.round(v / 1000)}k`;
  if (v >= 1000) return `${(v / 1000).toFixed(1)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
