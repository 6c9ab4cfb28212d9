// Time: step forward, then rewind to exactly where we were and see the very same view; change the past
// and the run forks, the discarded future leaving the timeline.
import { expect, test } from '@playwright/test';
import { nowMs, openApp, pause, setSpeed, view } from './app';

test('step forward then rewind on the timeline gives an identical view', async ({ page }) => {
  const app = await openApp(page);
  await setSpeed(page, 5);
  await expect.poll(() => nowMs(page)).toBeGreaterThan(3_000);
  await pause(page);
  const before = await view(page);
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step to next event' }).click();
  await expect.poll(() => nowMs(page)).toBeGreaterThan(before.nowMs);
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.fill(String(before.nowMs));
  await expect.poll(() => nowMs(page)).toBe(before.nowMs);
  expect(await view(page)).toEqual(before);
  expect(app.errors).toEqual([]);
});

test('changing the past forks the run and discards the future', async ({ page }) => {
  const app = await openApp(page);
  await setSpeed(page, 10);
  await expect.poll(() => nowMs(page)).toBeGreaterThan(8_000);
  await pause(page);
  const end = await page.evaluate(() => window.kafkascope!.furthestMs());
  await page.getByRole('slider', { name: 'Timeline' }).fill('4000');
  await expect.poll(() => nowMs(page)).toBe(4000);
  expect(await page.evaluate(() => window.kafkascope!.furthestMs())).toBe(end);
  await page.getByRole('button', { name: 'Kill broker 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'forked' })).toContainText('the run forked');
  expect(await page.evaluate(() => window.kafkascope!.furthestMs())).toBe(4000);
  expect(await page.evaluate(() => window.kafkascope!.commandLog())).toEqual([
    { atMs: 4000, command: { type: 'killBroker', brokerId: 2 } },
  ]);
  expect(app.errors).toEqual([]);
});
