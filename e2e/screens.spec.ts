// Screenshots for judging the classroom view at the two projector sizes (saved under test-results/screens):
// the default scenario after its leader was killed, the partition log, metrics, a followed record drawn on
// the diagram, the group and topic forms, a lesson beside the diagram, and a record lost after acks=1.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, partition, setSpeed, view } from './app';

const SIZES = [
  [1920, 1080],
  [1280, 720],
] as const;

/** The new forms and the drawn path meet the same bar as the main screen (e2e/accessibility.spec.ts). */
async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

const shot = (page: Page, name: string, width: number, height: number) =>
  page.screenshot({ path: `test-results/screens/${name}-${width}x${height}.png` });

for (const [width, height] of SIZES) {
  test(`the classroom view at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const app = await openApp(page);
    await setSpeed(page, 10);
    const leader = (await partition(page, 'orders-0')).leader;
    await page.getByRole('button', { name: `Kill broker ${leader}` }).click();
    await expect(page.getByTestId('leader-orders-0')).not.toHaveText(String(leader), { timeout: 20_000 });
    await shot(page, 'killed', width, height);
    await page.getByRole('button', { name: 'Show the log of orders-0' }).first().click();
    await shot(page, 'partition-log', width, height);
    await page.getByRole('tab', { name: 'Metrics' }).click();
    await shot(page, 'metrics', width, height);
    expect(app.errors).toEqual([]);
  });

  test(`a followed record and the new forms at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const app = await openApp(page);
    await setSpeed(page, 10);
    await page.getByRole('button', { name: 'Show the log of orders-1' }).first().click();
    const pick = page.getByLabel('Follow a record:');
    await expect(pick.locator('option')).not.toHaveCount(1, { timeout: 20_000 });
    await pick.selectOption({ index: 1 });
    await expect(page.getByTestId('follow-stop-group-billing')).toContainText('processed', {
      timeout: 20_000,
    });
    await shot(page, 'followed', width, height);
    await page.getByRole('button', { name: /^Stop following record/ }).click();

    await page.getByRole('button', { name: 'More actions for group billing' }).click();
    await page.getByRole('button', { name: 'Reset offsets of group billing…' }).click();
    const reset = page.getByRole('dialog', { name: 'Reset offsets of group billing' });
    await reset.getByRole('radio', { name: /--to-offset/ }).check();
    await reset.getByRole('button', { name: 'Reset offsets of billing' }).click();
    await expect(reset.getByRole('alert')).toContainText('can only be reset if the group');
    await shot(page, 'form-reset-offsets', width, height);
    await expectNoAxeViolations(page, 'dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '+ Add consumer group' }).click();
    await shot(page, 'form-add-group', width, height);
    await expectNoAxeViolations(page, 'dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Topics' }).click();
    await page.getByRole('button', { name: 'Create topic…' }).click();
    const create = page.getByRole('dialog', { name: 'Create a topic' });
    await create.getByLabel('--topic').fill('payments');
    await create.getByLabel('--replication-factor').fill('4');
    await create.getByRole('button', { name: 'Create topic' }).click();
    await expect(create.getByRole('alert')).toContainText('INVALID_REPLICATION_FACTOR');
    await shot(page, 'form-create-topic', width, height);
    await expectNoAxeViolations(page, 'dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Send a record from producer checkout' }).click();
    const send = page.getByRole('dialog', { name: 'Send a record from checkout to orders' });
    await send.getByRole('textbox', { name: /Key/ }).fill('alice');
    await send.getByRole('textbox', { name: /Value/ }).fill('{"orderId":"O-7"}');
    await expect(send.getByRole('status')).toContainText('murmur2("alice")');
    await shot(page, 'form-send-record', width, height);
    await expectNoAxeViolations(page, 'dialog');
    expect(app.errors).toEqual([]);
  });
}

/** Text the broker cards cut short: a status or a partition name that does not fit its box. */
const cutOnBrokerCards = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.broker-card .broker-status, .broker-card .replica-name')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
      .map((e) => e.textContent ?? ''),
  );

for (const [width, height] of SIZES) {
  test(`a lesson beside the diagram at ${width}×${height}: the broker cards take the room`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    const app = await openApp(page, '?scenario=taxi-booking');
    await expect(page.getByRole('complementary', { name: 'Lesson' })).toBeVisible();
    // Roomy rows beside the lesson on a 1080p projector; compact rows (never bare cells) at 720p.
    expect(await page.evaluate(() => window.kafkascope!.diagramMode())).toBe(
      width >= 1920 ? 'rows' : 'compact',
    );
    await shot(page, 'lesson', width, height);
    // Partition numbers are never cut; at 1080p neither are the names; and no status is cut anywhere,
    // the longest ones included.
    for (const n of [0, 1, 2])
      await expect(
        page.getByRole('button', { name: `Show the log of ride-events-${n}` }).first(),
      ).toContainText(`-${n}`);
    if (width >= 1920) expect(await cutOnBrokerCards(page)).toEqual([]);
    await page.getByRole('button', { name: 'Kill broker 1', exact: true }).click();
    await page.getByRole('button', { name: 'More actions for broker 2' }).click();
    await page.getByRole('button', { name: 'Isolate broker 2 from the network' }).click();
    await expect(page.getByRole('region', { name: /^Broker 1: stopped/ })).toBeVisible();
    await expect(page.getByRole('region', { name: /^Broker 2: isolated from the network/ })).toBeVisible();
    const cut = await cutOnBrokerCards(page);
    expect(cut.filter((t) => /stopped|isolated|running/.test(t))).toEqual([]);
    await shot(page, 'lesson-broker-down', width, height);
    // Folding the lesson gives the diagram its room back.
    await page.getByRole('button', { name: 'Hide lesson' }).click();
    await expect.poll(() => page.evaluate(() => window.kafkascope!.diagramMode())).toBe('rows');
    expect(await cutOnBrokerCards(page)).toEqual([]);
    await shot(page, 'lesson-folded', width, height);
    expect(app.errors).toEqual([]);
  });
}

test('a record acknowledged with acks=1 and lost when the old leader truncates looks lost', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = await openApp(page);
  await setSpeed(page, 10);
  await page.getByRole('button', { name: 'Configure producer checkout' }).click();
  const producer = page.getByRole('dialog', { name: 'Configure producer checkout' });
  await producer.getByLabel('acks').selectOption('1');
  await producer.getByLabel('enable.idempotence').uncheck();
  await producer.getByRole('button', { name: 'Apply to checkout' }).click();
  const p = await partition(page, 'orders-0');
  // Real time, so that the clicks below take less than replica.lag.time.max.ms of virtual time.
  await setSpeed(page, 1);
  // The followers of orders-0 fall behind, then its leader crashes: the records only it had are
  // acknowledged (acks=1) and will be truncated when it comes back as a follower.
  for (const f of p.replicas.filter((b) => b !== p.leader)) {
    await page.getByRole('button', { name: `More actions for broker ${f}` }).click();
    await page.getByRole('button', { name: `Slow down broker ${f}…` }).click();
    await page
      .getByRole('dialog', { name: `Slow down broker ${f}` })
      .getByRole('button', { name: `Slow down broker ${f}` })
      .click();
  }
  // Kill the leader once it holds acknowledged records its followers have not fetched yet.
  await expect
    .poll(
      async () => {
        const logs = (await partition(page, 'orders-0')).replicaLogs;
        const leo = (b: number) => logs.find((l) => l.brokerId === b)!.logEndOffset;
        return leo(p.leader) - Math.max(...p.replicas.filter((b) => b !== p.leader).map(leo));
      },
      { timeout: 20_000, intervals: [50] },
    )
    .toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: `Kill broker ${p.leader}` }).click();
  for (const f of p.replicas.filter((b) => b !== p.leader)) {
    await page.getByRole('button', { name: `More actions for broker ${f}` }).click();
    await page.getByRole('button', { name: `Restore full fetch speed on broker ${f}` }).click();
  }
  await setSpeed(page, 10);
  await expect(page.getByTestId('leader-orders-0')).not.toHaveText(String(p.leader), { timeout: 30_000 });
  await page.getByRole('button', { name: `Restart broker ${p.leader}` }).click();
  await expect.poll(async () => (await view(page)).audit.lost, { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  const lostPartition = /offset \d+ of (\S+?-\d+)\b/.exec(
    (await view(page)).audit.explanations[0]!.text,
  )![1]!;
  await page
    .getByRole('button', { name: `Show the log of ${lostPartition}` })
    .first()
    .click();
  await expect(page.getByTestId('lost-row')).toBeVisible();
  await expect(page.getByTestId('audit-lost')).not.toHaveText('0');
  await expect(page.getByRole('region', { name: 'Delivery audit' })).toContainText('Why lost');
  await shot(page, 'lost', 1920, 1080);
  await page.setViewportSize({ width: 1280, height: 720 });
  await shot(page, 'lost', 1280, 720);
  // The audit's explanations open into a list, newest first.
  await page.getByRole('region', { name: 'Delivery audit' }).getByText('Why lost:').click();
  await shot(page, 'lost-audit', 1280, 720);
  expect(app.errors).toEqual([]);
});
