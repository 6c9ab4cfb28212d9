// Everything works from the keyboard, and axe-core finds no violations on the main screen.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { nowMs, openApp, view } from './app';

/** Press Tab until the focused element has this accessible name (keyboard only, no clicks). */
async function tabTo(page: Page, name: string, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () =>
        document.activeElement?.getAttribute('aria-label') ??
        document.activeElement?.textContent?.trim() ??
        '',
    );
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('axe-core reports no violations on the main screen', async ({ page }) => {
  const app = await openApp(page);
  await page.keyboard.press('Space');
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  await page.getByRole('tab', { name: 'Partition log' }).click();
  const partition = await new AxeBuilder({ page }).include('.tabs').analyze();
  expect(partition.violations.map((v) => v.id)).toEqual([]);
  expect(app.errors).toEqual([]);
});

test('a keyboard-only walkthrough: pause, step, kill and restart, a menu, a form, tabs, rewind', async ({
  page,
}) => {
  const app = await openApp(page);
  await page.keyboard.press('Space');
  await expect.poll(() => page.evaluate(() => window.kafkascope!.playing())).toBe(false);
  const paused = await nowMs(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => nowMs(page)).toBeGreaterThan(paused);

  await tabTo(page, 'Kill broker 1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Restart broker 1' })).toBeFocused();
  expect((await view(page)).brokers[0]!.status).toBe('stopped');
  await page.keyboard.press('Enter');
  // Restarted before its session ended: the new process waits for the controller to fence the old one.
  await expect(page.getByRole('button', { name: 'Broker 1 is restarting' })).toBeFocused();
  await expect.poll(async () => (await view(page)).brokers[0]!.registersAtMs).not.toBeNull();

  await tabTo(page, 'More actions for broker 2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Shut down broker 2 (controlled)' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Isolate broker 2 from the network' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await view(page)).brokers[1]!.isolated).toBe(true);

  await tabTo(page, 'Add consumer to group billing');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('consumer-billing-2')).toBeVisible();

  await tabTo(page, 'Topics');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Consumer groups' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Consumer groups' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');

  await tabTo(page, 'Configure topic orders');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Configure topic orders' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Configure topic orders' })).toBeFocused();

  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('Home');
  await expect.poll(() => nowMs(page)).toBe(0);
  expect(app.errors).toEqual([]);
});
