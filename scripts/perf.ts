// npm run perf — a probe with figures, not a timed test. Builds the app, serves it, and plays three
// workloads in headless Chromium at 1× for 20 s each: a classroom cluster (6 brokers, 3 topics × 12
// partitions, RF 3, 3 groups, 200 records/s), the same while a record is followed (its path drawn, its
// trace polled), and a scale cluster (50 brokers, 1,000 partitions). Prints
// the frame interval (p50 / p95, from requestAnimationFrame) and the main thread's long tasks.
// Targets: classroom p95 ≤ 16.7 ms with no task over 50 ms; scale p95 ≤ 33 ms. Frame intervals come in
// whole display refreshes (16.7 ms at 60 Hz) and jitter by a few hundredths of a millisecond, so a p95 of
// 16.8 ms means "every frame on time"; the check allows 0.5 ms of that jitter, and the "late" column
// counts frames that missed a refresh (interval over 1.5 refreshes).
import { chromium, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { systemChromium } from './browser-path.mjs';

const MEASURE_MS = Number(process.env.PERF_MEASURE_MS ?? 20_000);
const WARMUP_MS = 3_000;
/** Display-refresh jitter tolerated on top of a target (see above). */
const JITTER_MS = 0.5;
const KEYS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

interface Workload {
  name: string;
  target: { p95Ms: number; maxTaskMs: number | null };
  scenario: unknown;
  /** Follow a record while measuring, so that its path is drawn over the diagram and its trace polled. */
  follow?: boolean;
}

function workload(id: string, brokers: number, topics: string[], partitions: number, ratePerSec: number) {
  return {
    version: 1,
    id,
    title: `Perf probe: ${brokers} brokers, ${topics.length * partitions} partitions`,
    seed: 7,
    cluster: { brokers: Array.from({ length: brokers }, (_, i) => ({ id: i + 1 })) },
    topics: topics.map((name) => ({
      name,
      partitions,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
    })),
    producers: topics.map((topic) => ({
      id: `${topic}-producer`,
      topic,
      ratePerSec: ratePerSec / topics.length,
      keys: { kind: 'random', keys: KEYS },
    })),
    groups: ['billing', 'analytics', 'audit'].map((groupId, i) => ({
      groupId,
      topic: topics[i % topics.length]!,
      autoOffsetReset: 'earliest',
      consumers: [1, 2, 3].map((k) => ({ id: `${groupId}-${k}`, processingTimeMs: 5 })),
    })),
  };
}

const WORKLOADS: Workload[] = [
  {
    name: 'classroom',
    target: { p95Ms: 16.7, maxTaskMs: 50 },
    scenario: workload('perf-classroom', 6, ['orders', 'payments', 'shipments'], 12, 200),
  },
  {
    name: 'following',
    target: { p95Ms: 16.7, maxTaskMs: 50 },
    scenario: workload('perf-classroom', 6, ['orders', 'payments', 'shipments'], 12, 200),
    follow: true,
  },
  {
    name: 'scale',
    target: { p95Ms: 33, maxTaskMs: null },
    scenario: workload('perf-scale', 50, ['orders', 'payments', 'shipments', 'clicks'], 250, 200),
  },
];

/**
 * Runs in the page: records the interval between animation frames and every long task (over 50 ms)
 * for MEASURE_MS. A string, because tsx would wrap named functions in a helper the page does not have.
 */
const PROBE = `new Promise((resolve) => {
  const intervals = [];
  const tasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  let last = 0;
  let end = 0;
  function tick(now) {
    intervals.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(tick);
    else {
      observer.disconnect();
      resolve({ intervals, tasks });
    }
  }
  requestAnimationFrame((now) => {
    last = now;
    end = now + MEASURE_MS;
    requestAnimationFrame(tick);
  });
})`;

interface Figures {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Share of frames that missed a display refresh. */
  late: number;
  longTasks: number;
  longestTaskMs: number;
  virtualMs: number;
  mode: string | null;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(page: Page, w: Workload): Promise<Figures> {
  await page.getByTestId('scenario-file').setInputFiles({
    name: `${w.name}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(w.scenario)),
  });
  await page.getByRole('combobox', { name: 'Scenario' }).filter({ hasText: '(from a file)' }).waitFor();
  await page.getByRole('slider', { name: 'Playback speed' }).fill('3'); // 1×
  if (w.follow) {
    // The newest record of a partition that has some (8 keys reach only some of the 12 partitions);
    // the partition log lists them (the diagram shows cells here).
    await page.waitForFunction(() => window.kafkascope!.view()!.partitions.some((p) => p.logEndOffset > 3));
    const pid = await page.evaluate(
      () => window.kafkascope!.view()!.partitions.find((p) => p.logEndOffset > 3)!.id,
    );
    await page
      .getByRole('button', { name: `Show the log of ${pid}` })
      .first()
      .click();
    const pick = page.getByLabel('Follow a record:');
    await pick.locator('option').nth(1).waitFor({ state: 'attached' });
    await pick.selectOption({ index: 1 });
    await page.getByTestId('follow-path').waitFor();
  }
  await page.waitForTimeout(WARMUP_MS);
  const startVirtual = await page.evaluate(() => window.kafkascope!.view()!.nowMs);
  const raw = (await page.evaluate(PROBE.replace('MEASURE_MS', String(MEASURE_MS)))) as {
    intervals: number[];
    tasks: number[];
  };
  const endVirtual = await page.evaluate(() => window.kafkascope!.view()!.nowMs);
  const sorted = [...raw.intervals].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    late: sorted.filter((x) => x > 1.5 * percentile(sorted, 50)).length / Math.max(1, sorted.length),
    longTasks: raw.tasks.length,
    longestTaskMs: Math.max(0, ...raw.tasks),
    virtualMs: endVirtual - startVirtual,
    mode: await page.evaluate(() => window.kafkascope!.diagramMode()),
  };
}

async function main(): Promise<void> {
  console.log('perf: building the app…');
  await build({ logLevel: 'warn' });
  const server = await preview({
    preview: { port: 4373, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4373/';
  const executablePath = systemChromium();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
  });
  const results: [Workload, Figures][] = [];
  try {
    for (const w of WORKLOADS) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => window.kafkascope?.ready() === true);
      console.log(`perf: ${w.name}: playing ${MEASURE_MS / 1000} s at 1× …`);
      results.push([w, await measure(page, w)]);
      if (errors.length) console.log(`perf: ${w.name}: page errors: ${errors.join('; ')}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  const f = (n: number): string => n.toFixed(1).padStart(6);
  console.log(
    '\nworkload    frames   p50 ms   p95 ms   p99 ms   max ms   late  long tasks (longest)  virtual s  diagram',
  );
  for (const [w, r] of results) {
    const ok =
      r.p95 <= w.target.p95Ms + JITTER_MS &&
      (w.target.maxTaskMs === null || r.longestTaskMs <= w.target.maxTaskMs);
    console.log(
      `${w.name.padEnd(10)} ${String(r.frames).padStart(7)}  ${f(r.p50)}   ${f(r.p95)}   ${f(r.p99)}   ${f(r.max)}  ${(100 * r.late).toFixed(1).padStart(4)}%  ${String(r.longTasks).padStart(5)} (${r.longestTaskMs.toFixed(0)} ms)  ${(r.virtualMs / 1000).toFixed(1).padStart(9)}  ${(r.mode ?? '-').padEnd(7)}  ${ok ? 'within target' : 'OVER TARGET'} (p95 ≤ ${w.target.p95Ms} ms${w.target.maxTaskMs ? `, no task > ${w.target.maxTaskMs} ms` : ''})`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
