import { describe, expect, it } from 'vitest';
import { createEngineHost } from '../../engine/worker/host';
import { addSample, lagSeries, SAMPLE_EVERY_MS, throughputSeries, type Sample } from './samples';
import { layoutChart } from './chart';

describe('metric samples', () => {
  it('samples every half second of virtual time, and a rewind drops the samples after it', () => {
    const host = createEngineHost();
    let samples: readonly Sample[] = [];
    samples = addSample(samples, host.load({ scenario: 'orders' }).view);
    for (let i = 0; i < 20; i++) samples = addSample(samples, host.advanceBy(250).view);
    expect(samples.map((s) => s.atMs)).toEqual(Array.from({ length: 11 }, (_, i) => i * SAMPLE_EVERY_MS));
    const same = addSample(samples, host.advanceBy(100).view);
    expect(same).toBe(samples);
    samples = addSample(samples, host.seek(2_200).view);
    expect(samples[samples.length - 1]!.atMs).toBe(2_000);
  });

  it("samples a share group's lag as kafka-share-groups reports it", () => {
    const host = createEngineHost();
    host.load({ scenario: 'lesson-share-groups' });
    const view = host.advanceBy(10_000).view;
    const sample = addSample([], view)[0]!;
    const g = view.shareGroups.find((x) => x.groupId === 'presses')!;
    expect(sample.lag.presses).toBe(g.totalLag);
    expect(g.partitions.every((p) => p.lag !== null)).toBe(true);
  });

  it('turns appended records into a rate per second over a two-second window, and reads lag per group', () => {
    const samples: Sample[] = [0, 1, 3, 4, 6, 7, 2].map((n, i) => ({
      atMs: i * 500,
      appended: { t: n },
      lag: { g: i },
    }));
    expect(throughputSeries(samples, 't').map((p) => p.value)).toEqual([2, 3, 8 / 3, 3, 3, 0]);
    expect(lagSeries(samples, 'g').map((p) => p.value)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('chart layout', () => {
  it('scales series into the plot area, with zero at the bottom', () => {
    const l = layoutChart(
      [
        {
          name: 'a',
          colour: '#000',
          points: [
            { atMs: 0, value: 0 },
            { atMs: 1000, value: 10 },
          ],
        },
      ],
      300,
      120,
    );
    expect(l.paths[0]!.d.startsWith(`M${l.plot.x},${l.plot.y + l.plot.height}`)).toBe(true);
    expect(l.paths[0]!.last).toBe(10);
    expect(l.yTicks[0]!.label).toBe('0');
    expect(l.xTicks.length).toBeGreaterThan(1);
  });

  it('draws nothing for a series with fewer than two points', () => {
    const l = layoutChart([{ name: 'a', colour: '#000', points: [{ atMs: 0, value: 3 }] }], 300, 120);
    expect(l.paths[0]!.d).toBe('');
  });
});
