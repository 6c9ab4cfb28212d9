// What if? The run on screen beside the same run with one setting changed: the audits side by side, and
// the variant opened as a run of its own. The run: the default scenario (acks=all), whose followers are
// slowed while broker 1 leads, then broker 1 crashes, and comes back 14 s later.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { LoggedCommand } from '../src/engine/index';
import { encodeShareLink } from '../src/scenarios/link/index';
import { openApp, setSpeed, view } from './app';

const actions: LoggedCommand[] = [
  { atMs: 3_000, command: { type: 'slowBroker', brokerId: 2, fetchDelayMs: 60_000 } },
  { atMs: 3_000, command: { type: 'slowBroker', brokerId: 3, fetchDelayMs: 60_000 } },
  { atMs: 6_000, command: { type: 'killBroker', brokerId: 1 } },
  { atMs: 6_000, command: { type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 } },
  { atMs: 6_000, command: { type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 } },
  { atMs: 20_000, command: { type: 'restartBroker', brokerId: 1 } },
];

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`what if acks=1: the same failures lose records, side by side, then open that run (${width}×${height})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    const link = encodeShareLink({ scenario: 'orders', seed: 42, actions, positionMs: 30_000 });
    const app = await openApp(page, `#run=${link}`);
    await expect.poll(async () => (await view(page)).nowMs).toBe(30_000);
    expect((await view(page)).audit.lost).toBe(0);
    await page.getByRole('tab', { name: 'What if?' }).click();
    await page.getByRole('combobox', { name: 'Setting to change' }).selectOption('acks=1');
    await expect(page.getByText('Every producer sends with acks=1')).toBeVisible();
    await page.getByRole('button', { name: 'Compare' }).click();
    const lost = page.getByTestId('what-if-lost');
    await expect(lost).toHaveText('3');
    await expect(lost).toHaveClass(/worse/);
    await expect(page.getByText('Changed: producer checkout.')).toBeVisible();
    // The consumer group's rows too: the billing group consumed what was committed, in both runs.
    await expect(page.getByTestId('what-if-consumed')).toBeVisible();
    await expect(page.getByTestId('what-if-lag-now')).toBeVisible();
    await expect(
      page.getByText(/acks=1: leader 1 acknowledged offset \d+ of orders-0/).first(),
    ).toBeVisible();
    await page.screenshot({ path: `test-results/screens/what-if-${width}x${height}.png` });
    const axe = await new AxeBuilder({ page }).include('.what-if').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await page.getByRole('button', { name: 'Open this run' }).click();
    await expect(page.getByTestId('audit-lost')).toHaveText('3');
    const opened = await page.evaluate(() => window.kafkascope!.scenario()!);
    expect(opened.title).toMatch(/what if acks=1/);
    expect(opened.producers[0]!.config).toMatchObject({ acks: 1, 'enable.idempotence': false });
    expect((await view(page)).nowMs).toBe(30_000);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('(what if acks=1)');
    // The setting is now this run's own: it is no longer offered, and the way back is.
    await expect(page.getByRole('combobox', { name: 'Setting to change' })).not.toContainText('acks=1');
    await page.screenshot({ path: `test-results/screens/what-if-opened-${width}x${height}.png` });
    // The audit bar offers the setting that would have kept the lost records: one click compares it.
    await page.getByRole('tab', { name: 'Topics' }).click();
    await page.getByRole('button', { name: 'What if acks=all?' }).click();
    await expect(page.getByRole('tab', { name: 'What if?' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('what-if-headline')).toHaveText(/^With acks=all: 0 lost \(this run 3\)/);
    await page.getByRole('button', { name: 'Back to the run without it' }).click();
    await expect(page.getByRole('combobox', { name: 'Scenario' })).not.toContainText('what if');
    await expect(page.getByTestId('audit-lost')).toHaveText('0');
    expect((await view(page)).nowMs).toBe(30_000);
    expect(await page.evaluate(() => window.kafkascope!.commandLog().length)).toBe(actions.length);
    expect(app.errors).toEqual([]);
  });
}

test('a what-if opened mid-lesson, and back: the lesson returns at its step', async ({ page }) => {
  const app = await openApp(page, '?scenario=lesson-acks-data-loss');
  await setSpeed(page, 20);
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(panel.getByRole('heading', { name: 'All 3 checks hold' })).toBeVisible();
  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(panel.getByTestId('lesson-count')).toHaveText('Step 2 of 8');
  // The step runs, checks, and holds the clock (a step's end pauses the run).
  await expect(panel.getByRole('heading', { name: 'All 2 checks hold' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.kafkascope!.playing())).toBe(false);
  const at = (await view(page)).nowMs;
  await page.getByRole('tab', { name: 'What if?' }).click();
  await page.getByRole('combobox', { name: 'Setting to change' }).selectOption('acks=all');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('what-if-headline')).toContainText('With acks=all');
  await page.getByRole('button', { name: 'Open this run' }).click();
  // The variant is a sandbox: no lesson beside it.
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to the run without it' }).click();
  await expect(panel.getByTestId('lesson-count')).toHaveText('Step 2 of 8');
  expect((await view(page)).nowMs).toBe(at);
  expect(app.errors).toEqual([]);
});
