// Two small charts over virtual time: records per second appended to each topic, and the lag of each
// consumer group and share group. They show the last two minutes and restart from the current time after a rewind.
import { memo } from 'react';
import { KEY_COLOURS } from '../diagram/colours';
import { useSize } from '../diagram/useSize';
import { useUi } from '../store';
import { layoutChart, formatCount, type ChartSeries } from './chart';
import { lagSeries, throughputSeries, type Sample } from './samples';

const SERIES_COLOURS = ['#1f5fd1', '#c62a3b', '#217a46', '#8a4fd1', '#b7791f', '#0f7c8c'];

export function Metrics() {
  const samples = useUi((s) => s.samples);
  const topics = useUi((s) => s.model?.topics.map((t) => t.name).join('\n') ?? '');
  const groups = useUi((s) =>
    s.model
      ? [...s.model.groups.map((g) => g.groupId), ...s.model.shareGroups.map((g) => g.groupId)].join('\n')
      : '',
  );
  return (
    <div className="metrics">
      <Chart
        title="Throughput: records appended per second, per topic"
        samples={samples}
        names={topics}
        kind="throughput"
      />
      <Chart title="Consumer lag: records behind, per group" samples={samples} names={groups} kind="lag" />
    </div>
  );
}

const Chart = memo(function Chart({
  title,
  samples,
  names,
  kind,
}: {
  title: string;
  samples: readonly Sample[];
  names: string;
  kind: 'throughput' | 'lag';
}) {
  const [ref, size] = useSize<HTMLDivElement>();
  const list = names ? names.split('\n') : [];
  const series: ChartSeries[] = list.map((name, i) => ({
    name,
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length] ?? KEY_COLOURS[0],
    points: kind === 'throughput' ? throughputSeries(samples, name) : lagSeries(samples, name),
  }));
  const height = Math.round(size.em * 9);
  const l = layoutChart(series, Math.max(200, size.width), height);
  const latest = series
    .map((s, i) => `${s.name} ${l.paths[i]?.last === null ? 'no data' : formatCount(l.paths[i]!.last!)}`)
    .join(', ');
  return (
    <figure ref={ref} className="chart">
      <figcaption>{title}</figcaption>
      <svg
        width={l.plot.x + l.plot.width + 10}
        height={height}
        role="img"
        aria-label={`${title}. Latest: ${latest}.`}
      >
        {l.yTicks.map((t) => (
          <g key={t.label}>
            <line x1={l.plot.x} x2={l.plot.x + l.plot.width} y1={t.y} y2={t.y} className="grid" />
            <text x={l.plot.x - 6} y={t.y + 4} textAnchor="end" className="tick">
              {t.label}
            </text>
          </g>
        ))}
        {l.xTicks.map((t) => (
          <text key={t.label} x={t.x} y={l.plot.y + l.plot.height + 16} textAnchor="middle" className="tick">
            {t.label}
          </text>
        ))}
        {l.paths.map((p) => (
          <path key={p.name} d={p.d} fill="none" stroke={p.colour} strokeWidth={2.5} />
        ))}
      </svg>
      <ul className="chart-legend">
        {l.paths.map((p) => (
          <li key={p.name}>
            <span className="swatch" style={{ background: p.colour }} /> {p.name}{' '}
            <strong>{p.last === null ? '–' : formatCount(p.last)}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
});
