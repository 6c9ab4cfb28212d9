// Offline use: after one visit, the production build opens and runs with no network at all, and a
// share link rebuilds its run too (the service worker of scripts/offline.ts keeps the build's files).
import { expect, test } from '@playwright/test';
import { encodeShareLink } from '../src/scenarios/link/index';
import { openApp, view } from './app';

test('after one visit the simulator opens and runs with no network, and a share link opens too', async ({
  page,
  context,
}) => {
  const app = await openApp(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Kafkascope' })).toBeVisible();
  await page.waitForFunction(() => window.kafkascope?.ready() === true);
  await page.getByRole('button', { name: 'Step to next event' }).click();
  await expect.poll(async () => (await view(page)).nowMs).toBeGreaterThan(0);

  const link = encodeShareLink({
    scenario: 'orders',
    seed: 42,
    actions: [{ atMs: 2_000, command: { type: 'killBroker', brokerId: 2 } }],
    positionMs: 15_000,
  });
  await page.goto(`/#run=${link}`);
  await page.waitForFunction(() => window.kafkascope?.ready() === true);
  await expect.poll(async () => (await view(page)).nowMs).toBe(15_000);
  expect((await view(page)).brokers.find((b) => b.id === 2)!.status).not.toBe('running');
  await context.setOffline(false);
  expect(app.errors).toEqual([]);
});
