// Share groups (KIP-932) through the UI: three members share a two-partition topic, each holds the records
// it acquired under a lock, and a crashed member's records become AVAILABLE again once
// share.record.lock.duration.ms runs out. The run comes from a scenario file with a consumer group beside
// the share group, so both kinds of card share the column. Screenshots go to /tmp/share-shots for judging.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { ShareGroupView } from '../src/engine/index';
import { openApp, pause, setSpeed, view } from './app';

const LOCK_MS = 15_000;

const SCENARIO = {
  version: 1,
  id: 'share-groups-e2e',
  title: 'Share groups: workers share a queue',
  description: 'Three share consumers on a two-partition topic, beside a consumer group.',
  seed: 7,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [{ name: 'jobs', partitions: 2, replicationFactor: 3 }],
  producers: [
    {
      id: 'app',
      topic: 'jobs',
      ratePerSec: 4,
      keys: { kind: 'cycle', keys: ['job-a', 'job-b', 'job-c', 'job-d'] },
    },
  ],
  groups: [
    {
      groupId: 'audit',
      topic: 'jobs',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'audit-1' }, { id: 'audit-2' }],
    },
  ],
  shareGroups: [
    {
      groupId: 'workers',
      topic: 'jobs',
      // Slow workers: what each holds stays held for seconds, so that a crash never meets an
      // acknowledgement already on its way (which would leave nothing for the lock to release).
      consumers: [
        { id: 'workers-1', processingTimeMs: 2000 },
        { id: 'workers-2', processingTimeMs: 2000 },
        { id: 'workers-3', processingTimeMs: 2000 },
      ],
      config: {
        'share.record.lock.duration.ms': LOCK_MS,
        'share.auto.offset.reset': 'earliest',
      },
    },
  ],
};

/**
 * For the screenshots: quicker workers that keep up with the producer (so the share-partition's window
 * is in the drawn offsets) and fail on key job-d, releasing it until share.delivery.count.limit
 * archives it, so every record state and delivery counts show.
 */
const SHOWCASE = {
  ...SCENARIO,
  shareGroups: [
    {
      ...SCENARIO.shareGroups[0]!,
      consumers: SCENARIO.shareGroups[0]!.consumers.map((c) => ({ ...c, processingTimeMs: 150 })),
      config: { ...SCENARIO.shareGroups[0]!.config, 'share.acknowledgement.mode': 'explicit' },
      poisonKeys: ['job-d'],
      onFailure: 'RELEASE',
    },
  ],
};

async function openShareRun(page: Page, width: number, height: number, scenario: object = SCENARIO) {
  await page.setViewportSize({ width, height });
  const app = await openApp(page);
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'share-groups.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await expect.poll(() => page.evaluate(() => window.kafkascope!.scenario()!.id)).toBe(SCENARIO.id);
  return app;
}

/** The share card, its rows in the partition log and its forms meet the main screen's bar. */
async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

const workers = async (page: Page): Promise<ShareGroupView> =>
  (await view(page)).shareGroups.find((g) => g.groupId === 'workers')!;

const shot = (page: Page, name: string, width: number, height: number) =>
  page.screenshot({ path: `/tmp/share-shots/${name}-${width}x${height}.png` });

test('share group members hold what they acquire, and a crashed member’s records become AVAILABLE after the lock', async ({
  page,
}) => {
  const app = await openShareRun(page, 1920, 1080);
  const card = page.getByRole('region', { name: 'Share group workers' });
  await expect(card).toContainText('share group workers');
  await setSpeed(page, 2);
  // Members acquire records and say so on their rows.
  await expect
    .poll(async () => (await workers(page)).members.some((m) => m.holding > 0), { timeout: 30_000 })
    .toBe(true);
  await expect(card.getByText(/^holding \d+$/).first()).toBeVisible();
  // Crash a member while it is processing what it holds: a member that has just finished its batch may
  // have its acknowledgement on the way, which would leave nothing for the lock to release.
  const busy = (g: ShareGroupView) => g.members.find((m) => m.holding > 0 && m.processing > 0);
  await expect.poll(async () => busy(await workers(page)) !== undefined, { timeout: 30_000 }).toBe(true);
  await pause(page);
  // The pause may land just after a batch: step on to the next one.
  for (let i = 0; i < 50 && !busy(await workers(page)); i++)
    await page.getByRole('button', { name: 'Step to next event' }).click();
  const g = await workers(page);
  const holder = busy(g)!;
  const held = g.partitions.flatMap((p) =>
    p.inFlight
      .filter((r) => r.state === 'ACQUIRED' && r.consumerId === holder.consumerId)
      .map((r) => ({ partitionId: p.partitionId, offset: r.offset, lockUntilMs: r.lockUntilMs })),
  );
  expect(held.length).toBeGreaterThan(0);
  const crashedAt = (await view(page)).nowMs;

  await page.getByRole('button', { name: `Actions for consumer ${holder.consumerId}` }).click();
  await page.getByRole('button', { name: `Crash consumer ${holder.consumerId}` }).click();
  const row = page.getByTestId(`share-member-${holder.consumerId}`);
  await expect(row).toContainText('crashed: still in the group');
  // Its locks outlive it: the row keeps saying what it holds.
  await expect(page.getByTestId(`holding-${holder.consumerId}`)).toBeVisible();

  // The partition log shows the share-partition's records by state, with its start offset.
  await page
    .getByRole('button', { name: `Show the log of ${held[0]!.partitionId}` })
    .first()
    .click();
  await expect(page.getByTestId('share-row-workers')).toBeVisible();
  await expect(page.getByTestId('share-legend')).toContainText('ACKNOWLEDGED');
  await expect(
    page.locator(`[data-testid="share-row-workers"] [data-state="ACQUIRED"]`).first(),
  ).toBeAttached();

  // The locks run out share.record.lock.duration.ms after the records were acquired, so within that
  // long of the crash: play until then (slowly, so the run stops just after) and look.
  const lockedUntil = Math.max(...held.map((h) => h.lockUntilMs));
  expect(lockedUntil - crashedAt).toBeLessThanOrEqual(LOCK_MS);
  await setSpeed(page, 5);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await view(page)).nowMs, { timeout: 30_000 }).toBeGreaterThan(lockedUntil);
  await pause(page);
  // They are AVAILABLE again for any member, said in the event log…
  const events = (await view(page)).events.filter((e) => e.atMs >= crashedAt && e.atMs <= lockedUntil);
  expect(
    events.some(
      (e) =>
        e.text.startsWith('Share group workers: share.record.lock.duration.ms') &&
        e.text.includes('AVAILABLE again for any member'),
    ),
  ).toBe(true);
  // …and the crashed member holds none of them: each is AVAILABLE, or a second delivery to another
  // member has acquired it, or that member has acknowledged it already.
  const now = await workers(page);
  expect(now.members.find((m) => m.consumerId === holder.consumerId)!.holding).toBe(0);
  for (const h of held) {
    const r = now.partitions
      .find((p) => p.partitionId === h.partitionId)!
      .inFlight.find((x) => x.offset === h.offset);
    if (!r || r.state === 'ACKNOWLEDGED') continue;
    expect(r.consumerId).not.toBe(holder.consumerId);
    if (r.state !== 'AVAILABLE') expect(r.deliveryCount).toBeGreaterThanOrEqual(2);
  }
  expect(app.errors).toEqual([]);
});

test('the add-share-group form shows the broker’s refusal, and adds the group with Kafka’s configs', async ({
  page,
}) => {
  const app = await openShareRun(page, 1920, 1080);
  await page.getByRole('button', { name: '+ Add share group' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a share group' });
  await expect(dialog).toContainText("Kafka's default: 30000");
  await dialog.getByLabel('share.delivery.count.limit').fill('50');
  await dialog.getByRole('button', { name: 'Add share group' }).click();
  await expect(dialog.getByRole('alert')).toContainText('share.delivery.count.limit');
  await dialog.getByLabel('share.delivery.count.limit').fill('3');
  await dialog.getByLabel('share.acknowledgement.mode').selectOption('explicit');
  await dialog.getByRole('button', { name: 'Add share group' }).click();
  await expect(dialog).toBeHidden();
  const added = (await view(page)).shareGroups.find((g) => g.groupId === 'share-group-1')!;
  expect(added.config['share.delivery.count.limit']).toBe(3);
  expect(added.members).toHaveLength(3);

  await page.getByRole('button', { name: 'Configure share group workers' }).click();
  const configure = page.getByRole('dialog', { name: 'Configure share group workers' });
  await expect(configure.getByLabel('share.record.lock.duration.ms')).toHaveValue(String(LOCK_MS));
  await configure.getByLabel('share.record.lock.duration.ms').fill('500');
  await configure.getByRole('button', { name: 'Apply to workers' }).click();
  // The broker's words, whatever its bounds (group.share.min.record.lock.duration.ms and the like).
  await expect(configure.getByRole('alert')).toContainText('share.record.lock.duration.ms');
  await configure.getByLabel('share.record.lock.duration.ms').fill('20000');
  await configure.getByRole('button', { name: 'Apply to workers' }).click();
  await expect(configure).toBeHidden();
  expect((await workers(page)).config['share.record.lock.duration.ms']).toBe(20_000);

  await page.getByRole('button', { name: 'Add consumer to share group workers' }).click();
  await expect.poll(async () => (await workers(page)).members.length).toBe(4);
  expect(app.errors).toEqual([]);
});

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`share groups on screen at ${width}×${height}`, async ({ page }) => {
    const app = await openShareRun(page, width, height, SHOWCASE);
    await setSpeed(page, 10);
    await expect
      .poll(async () => (await workers(page)).members.filter((m) => m.consumed > 0).length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Actions for consumer workers-2' }).click();
    await page.getByRole('button', { name: 'Crash consumer workers-2' }).click();
    await expect
      .poll(
        async () => (await workers(page)).partitions.some((p) => p.inFlight.some((r) => r.deliveryCount > 1)),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    await page.getByRole('button', { name: 'Show the log of jobs-0' }).first().click();
    await shot(page, 'playing', width, height);
    await pause(page);
    await shot(page, 'diagram', width, height);
    // Close-ups at full resolution, for judging the type.
    await page
      .getByTestId('sharegroup-workers')
      .screenshot({ path: `/tmp/share-shots/card-${width}x${height}.png` });
    await page.locator('.partition-log').screenshot({ path: `/tmp/share-shots/log-${width}x${height}.png` });
    await expectNoAxeViolations(page, '[data-testid="sharegroup-workers"]');
    await expectNoAxeViolations(page, '.partition-log');
    await page.getByRole('button', { name: 'Configure share group workers' }).click();
    await shot(page, 'form-configure', width, height);
    await expectNoAxeViolations(page, 'dialog');
    await page.keyboard.press('Escape');
    // A followed record's path ends at the share group (the member holding it, or the card).
    const pick = page.getByLabel('Follow a record:');
    await pick.selectOption({ index: 3 });
    await expect(page.locator('.follow-path')).toContainText(/share group workers|ACQUIRED/);
    await expect(page.getByTestId('record-trace')).toContainText('acknowledged in share group workers');
    await shot(page, 'followed', width, height);
    await page.getByRole('button', { name: /^Stop following record/ }).click();
    await page.getByRole('tab', { name: 'Consumer groups' }).click();
    await expect(page.getByTestId('share-state-workers')).toHaveText('Stable');
    await shot(page, 'describe', width, height);
    await expectNoAxeViolations(page, '.tab-body');
    // A crowded column: a third consumer and two more share members.
    await page.getByRole('button', { name: 'Add consumer to group audit' }).click();
    await page.getByRole('button', { name: 'Add consumer to share group workers' }).click();
    await expect.poll(async () => (await workers(page)).members.length).toBe(4);
    await page.getByRole('button', { name: 'Add consumer to share group workers' }).click();
    await expect.poll(async () => (await workers(page)).members.length).toBe(5);
    await page.getByRole('button', { name: 'Step to next event' }).click();
    await shot(page, 'crowded', width, height);
    await page.getByRole('button', { name: '+ Add share group' }).click();
    await shot(page, 'form-add', width, height);
    await expectNoAxeViolations(page, 'dialog');
    expect(app.errors).toEqual([]);
  });
}
