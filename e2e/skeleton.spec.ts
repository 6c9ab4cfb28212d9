// The walking skeleton's journeys: the app loads cleanly, records flow to the consumer, and killing a
// broker moves leadership in the diagram and in the kafka-topics table.
import { expect, test, type Page } from '@playwright/test';

async function openApp(page: Page, errors: string[]): Promise<void> {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Kafkascope' })).toBeVisible();
  await page.waitForFunction(() => window.kafkascope?.ready() === true);
}

const view = (page: Page) => page.evaluate(() => window.kafkascope!.view()!);

test('the app loads the default scenario without console errors', async ({ page }) => {
  const errors: string[] = [];
  await openApp(page, errors);
  await expect(page.getByTestId('broker-1')).toBeVisible();
  await expect(page.getByTestId('broker-3')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Partitions of topic orders' })).toBeVisible();
  await expect(page.getByTestId('producer-checkout')).toBeVisible();
  await expect(page.getByTestId('consumer-billing-1')).toBeVisible();
  const v = await view(page);
  expect(v.partitions.map((p) => p.replicas.length)).toEqual([3, 3, 3]);
  expect(errors).toEqual([]);
});

test('messages flow: the consumer group commits advancing offsets', async ({ page }) => {
  const errors: string[] = [];
  await openApp(page, errors);
  await page.getByLabel('Speed').selectOption('10');
  await expect
    .poll(async () => (await view(page)).groups[0]!.partitions.reduce((n, p) => n + (p.committed ?? 0), 0), {
      timeout: 20_000,
    })
    .toBeGreaterThan(5);
  // The diagram shows messages in flight at some point while playing.
  await expect.poll(async () => (await view(page)).messages.length).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('killing the leader moves leadership to another in-sync replica, shown in the table', async ({
  page,
}, testInfo) => {
  const errors: string[] = [];
  await openApp(page, errors);
  await page.getByLabel('Speed').selectOption('5');
  const before = (await view(page)).partitions.find((p) => p.id === 'orders-0')!;
  const oldLeader = before.leader;
  await expect(page.getByTestId('leader-orders-0')).toHaveText(String(oldLeader));
  await page.getByRole('button', { name: `Kill broker ${oldLeader}` }).click();
  await expect(page.getByRole('button', { name: `Restart broker ${oldLeader}` })).toBeVisible();
  await expect(page.getByTestId('leader-orders-0')).not.toHaveText(String(oldLeader), { timeout: 20_000 });
  const after = (await view(page)).partitions.find((p) => p.id === 'orders-0')!;
  expect(before.isr).toContain(after.leader);
  expect(after.isr).not.toContain(oldLeader);
  await expect(page.getByTestId('isr-orders-0')).toHaveText(after.isr.join(','));
  await page.screenshot({ path: testInfo.outputPath('after-kill.png') });
  await testInfo.attach('after-kill', {
    path: testInfo.outputPath('after-kill.png'),
    contentType: 'image/png',
  });

  await page.getByRole('button', { name: `Restart broker ${oldLeader}` }).click();
  await expect(page.getByTestId('isr-orders-0')).toContainText(String(oldLeader), { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('play, pause and step work from the keyboard', async ({ page }) => {
  const errors: string[] = [];
  await openApp(page, errors);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = (await view(page)).nowMs;
  await page.waitForTimeout(400);
  expect((await view(page)).nowMs).toBe(paused);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await view(page)).nowMs).toBeGreaterThan(paused);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  expect(errors).toEqual([]);
});
