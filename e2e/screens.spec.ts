// Screenshots for judging the classroom view at the two projector sizes (saved under test-results/screens):
// the default scenario after its leader was killed, with the partition log open.
import { expect, test } from '@playwright/test';
import { openApp, partition, setSpeed } from './app';

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`the classroom view at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const app = await openApp(page);
    await setSpeed(page, 10);
    const leader = (await partition(page, 'orders-0')).leader;
    await page.getByRole('button', { name: `Kill broker ${leader}` }).click();
    await expect(page.getByTestId('leader-orders-0')).not.toHaveText(String(leader), { timeout: 20_000 });
    await page.screenshot({ path: `test-results/screens/killed-${width}x${height}.png` });
    await page.getByRole('button', { name: 'Show the log of orders-0' }).first().click();
    await page.screenshot({ path: `test-results/screens/partition-log-${width}x${height}.png` });
    await page.getByRole('tab', { name: 'Metrics' }).click();
    await page.screenshot({ path: `test-results/screens/metrics-${width}x${height}.png` });
    expect(app.errors).toEqual([]);
  });
}
