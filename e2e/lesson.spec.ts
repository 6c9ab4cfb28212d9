// Guided mode: the taxi lesson, step by step. Next runs a step and shows its checks; the step that waits
// for the learner is done with the diagram's own Kill button and acknowledged; Back rewinds to the step's
// recorded start (the view is the one from before the learner's action, and replaying it gives the same
// end as the first time); the steps list jumps; a scenario without steps shows no lesson.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { SimView } from '../src/engine/index';
import { openApp, setSpeed, view } from './app';

const lesson = (page: Page) => page.evaluate(() => window.kafkascope!.lesson()!);

async function phaseIs(page: Page, phase: string, index: number): Promise<void> {
  await expect
    .poll(async () => {
      const l = await lesson(page);
      return `${l.index} ${l.phase}`;
    })
    .toBe(`${index} ${phase}`);
}

/** With the diagram's own control: on the card, or in its menu when the cards are compact. */
async function killBroker1(page: Page): Promise<void> {
  const kill = page.getByRole('button', { name: 'Kill broker 1', exact: true });
  if (!(await kill.isVisible()))
    await page.getByRole('button', { name: 'More actions for broker 1' }).click();
  await kill.click();
}

/** What Back must restore: who leads, the ISRs, the brokers, the audit, the groups. */
function essentials(v: SimView) {
  return {
    nowMs: v.nowMs,
    brokers: v.brokers.map((b) => `${b.id}:${b.status}`),
    partitions: v.partitions.map((p) => `${p.id} leader ${p.leader} isr ${[...p.isr].sort().join(',')}`),
    audit: { ...v.audit, explanations: v.audit.explanations.length },
    groups: v.groups.map((g) => `${g.groupId} ${g.state} gen ${g.generation} lag ${g.totalLag}`),
  };
}

test('a guided lesson: next, the learner’s action, back, and the steps list', async ({ page }) => {
  const app = await openApp(page, '?scenario=taxi-booking');
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await expect(panel.getByRole('heading', { name: 'Taxi booking: a broker dies mid-ride' })).toBeVisible();
  await setSpeed(page, 10);

  // Step 1 runs for its runForMs and every expectation holds.
  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(panel.getByTestId('lesson-count')).toHaveText('Step 1 of 6');
  await phaseIs(page, 'done', 0);
  await expect(panel.getByRole('heading', { name: 'All 5 checks hold' })).toBeVisible();
  await expect(
    panel.getByText(
      'Expected: broker 1 leads ride-events-0. The simulation shows: broker 1 leads ride-events-0.',
    ),
  ).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'What happened and why' })).toBeVisible();
  const l1 = await lesson(page);
  expect(l1.ends[0]! - l1.starts[0]!).toBe(8_000);
  expect((await view(page)).nowMs).toBe(l1.ends[0]);
  expect(await page.evaluate(() => window.kafkascope!.playing())).toBe(false);

  // Step 2 waits for the learner, with the clock held.
  await page.keyboard.press('n');
  await phaseIs(page, 'waiting', 1);
  await expect(panel.getByText('Kill broker 1, the leader of ride-events-0.')).toBeVisible();
  const waiting = await view(page);
  const l2 = await lesson(page);
  expect(l2.starts[1]).toBe(l1.ends[0]! + 1);
  await killBroker1(page);
  await expect(
    panel.getByText(/Done\. Expected: the broker that leads ride-events-0 is stopped/),
  ).toBeVisible();
  await phaseIs(page, 'done', 1);
  await expect(panel.getByRole('heading', { name: 'All 2 checks hold' })).toBeVisible();
  const killedAt = (await page.evaluate(() => window.kafkascope!.commandLog())).at(-1)!;
  expect(killedAt.command).toEqual({ type: 'killBroker', brokerId: 1 });
  const afterStep2 = essentials(await view(page));
  expect(afterStep2.nowMs).toBe(killedAt.atMs + 3_000);

  // Step 3: the controller fences broker 1 and broker 2 takes over. Page Down: a presentation clicker's
  // "next" button.
  await page.keyboard.press('PageDown');
  await phaseIs(page, 'done', 2);
  await expect(panel.getByRole('heading', { name: 'All 5 checks hold' })).toBeVisible();

  // Back to step 2: the view from before the learner's action, at the step's recorded start.
  await panel.getByRole('button', { name: 'Back to step 2: A broker dies mid-ride' }).click();
  await phaseIs(page, 'waiting', 1);
  const back = await view(page);
  expect(back.nowMs).toBe(l2.starts[1]);
  // The waiting view was taken 1 ms after the start (see timing.ts); nothing else differs.
  expect({ ...essentials(back), nowMs: 0 }).toEqual({ ...essentials(waiting), nowMs: 0 });
  expect(back.brokers.find((b) => b.id === 1)!.status).toBe('running');
  // Playing on replays the logged kill: the step is acknowledged again and ends exactly as the first time.
  await page.getByRole('button', { name: 'Play' }).click();
  await phaseIs(page, 'done', 1);
  expect(essentials(await view(page))).toEqual(afterStep2);

  // The steps list: the current step is marked, finished ones say so, unreached ones are disabled.
  const toc = panel.getByRole('navigation', { name: 'Lesson steps' });
  await expect(toc.getByRole('button', { name: /^2\. A broker dies mid-ride/ })).toHaveAttribute(
    'aria-current',
    'step',
  );
  await expect(toc.getByRole('button', { name: '1. Rides flow in (done, checks hold)' })).toBeEnabled();
  await expect(toc.getByRole('button', { name: /^4\. Rides keep going/ })).toBeDisabled();
  await toc.getByRole('button', { name: /^3\. Leadership moves/ }).click();
  await expect(panel.getByTestId('lesson-count')).toHaveText('Step 3 of 6');
  await expect.poll(async () => (await view(page)).nowMs).toBe((await lesson(page)).starts[2]);
  await toc.getByRole('button', { name: /^1\. Rides flow in/ }).click();
  await expect(panel.getByTestId('lesson-count')).toHaveText('Step 1 of 6');
  await expect.poll(async () => (await view(page)).nowMs).toBe(l1.starts[0]);

  expect(app.errors).toEqual([]);
});

test('Show me does the waiting step’s action; a scenario without steps has no lesson', async ({ page }) => {
  const app = await openApp(page, '?scenario=taxi-booking');
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await setSpeed(page, 20);
  await panel.getByRole('button', { name: 'Next step' }).click();
  await phaseIs(page, 'done', 0);
  await panel.getByRole('button', { name: 'Next step' }).click();
  await phaseIs(page, 'waiting', 1);
  await panel.getByRole('button', { name: 'Show me' }).click();
  await phaseIs(page, 'done', 1);
  await expect(panel.getByRole('heading', { name: 'All 2 checks hold' })).toBeVisible();
  // The panel folds away and comes back.
  await panel.getByRole('button', { name: 'Hide lesson' }).click();
  await expect(panel.getByTestId('lesson-count')).toBeHidden();
  await panel.getByRole('button', { name: 'Show lesson' }).click();
  await expect(panel.getByTestId('lesson-count')).toHaveText('Step 2 of 6');
  // A presentation clicker's "previous" button (Page Up) goes back a step.
  await page.keyboard.press('PageUp');
  await expect(panel.getByTestId('lesson-count')).toHaveText('Step 1 of 6');

  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('orders');
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toHaveCount(0);
  expect(await page.evaluate(() => window.kafkascope!.lesson())).toBeNull();
  expect(app.errors).toEqual([]);
});

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`guided mode at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const app = await openApp(page, '?scenario=taxi-booking');
    const panel = page.getByRole('complementary', { name: 'Lesson' });
    await setSpeed(page, 20);
    await page.screenshot({ path: `test-results/screens/lesson-intro-${width}x${height}.png` });
    await panel.getByRole('button', { name: 'Next step' }).click();
    await phaseIs(page, 'done', 0);
    await page.screenshot({ path: `test-results/screens/lesson-done-${width}x${height}.png` });
    await panel.getByRole('button', { name: 'Next step' }).click();
    await phaseIs(page, 'waiting', 1);
    await page.screenshot({ path: `test-results/screens/lesson-waiting-${width}x${height}.png` });
    await killBroker1(page);
    await phaseIs(page, 'done', 1);
    await page.screenshot({ path: `test-results/screens/lesson-acknowledged-${width}x${height}.png` });
    const axe = await new AxeBuilder({ page }).include('.lesson').analyze();
    expect(
      axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    const size = await page
      .locator('.lesson-narration')
      .first()
      .evaluate((e) => getComputedStyle(e).fontSize);
    if (width === 1920) expect(parseFloat(size)).toBeGreaterThanOrEqual(18);
    expect(app.errors).toEqual([]);
  });
}
