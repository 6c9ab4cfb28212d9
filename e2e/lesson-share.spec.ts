// A link made mid-lesson opens the lesson where the sharer stood: the same step, done with the same
// checks, the clock and the whole view as the sharer's, in a fresh browser.
import { expect, test, type Browser, type Page } from '@playwright/test';
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

/** A fresh browser context (no storage, no cache) opening an absolute URL, collecting its errors. */
async function openFresh(browser: Browser, url: string, width = 1920, height = 1080) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.kafkascope?.ready() === true);
  return { page, errors };
}

/** Share, check that the dialog lists the lesson step, and close it; the link. */
async function share(page: Page, stepText: string): Promise<string> {
  await page.getByRole('button', { name: 'Share this run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await expect(dialog).toContainText(stepText);
  const url = await dialog.getByRole('textbox', { name: 'Link to this run' }).inputValue();
  return url;
}

/** The panel, the lesson and the view of the opened link are the sharer's. */
async function expectSameAsSharer(sharer: Page, fresh: Page, step: number, title: string): Promise<void> {
  const expected = await lesson(sharer);
  await phaseIs(fresh, expected.phase, expected.index);
  const panel = fresh.getByRole('complementary', { name: 'Lesson' });
  await expect(panel.getByTestId('lesson-count')).toHaveText(`Step ${step} of 6`);
  await expect(panel.getByRole('heading', { name: title, level: 3 })).toBeVisible();
  const got = await lesson(fresh);
  expect({ ...got, outcomes: got.outcomes[expected.index] }).toEqual({
    ...expected,
    outcomes: expected.outcomes[expected.index],
  });
  expect(await view(fresh)).toEqual(await view(sharer));
  expect(await fresh.evaluate(() => window.kafkascope!.playing())).toBe(false);
}

test('a link made mid-lesson opens at the same step, with the same checks and view', async ({
  page,
  browser,
}) => {
  const app = await openApp(page, '?scenario=taxi-booking');
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await setSpeed(page, 10);

  // Step 1 runs and is checked; share from its end.
  await panel.getByRole('button', { name: 'Next step' }).click();
  await phaseIs(page, 'done', 0);
  const url1 = await share(page, 'Lesson step 1 of 6 (“Rides flow in”)');
  await page.screenshot({ path: 'test-results/screens/lesson-share-dialog-1920.png' });
  await page.getByRole('dialog', { name: 'Share this run' }).getByRole('button', { name: 'Close' }).click();
  console.log(`lesson link at step 1: ${url1.length} characters`);
  const first = await openFresh(browser, url1);
  await expectSameAsSharer(page, first.page, 1, 'Rides flow in');
  await expect(
    first.page
      .getByRole('complementary', { name: 'Lesson' })
      .getByRole('heading', { name: 'All 5 checks hold' }),
  ).toBeVisible();
  await expect(first.page.getByRole('status').filter({ hasText: 'You opened a shared run' })).toContainText(
    'The lesson is at step 1 of 6',
  );
  await first.page.screenshot({ path: 'test-results/screens/lesson-share-opened-1920.png' });
  expect(first.errors).toEqual([]);
  await first.page.context().close();

  // The learner's step, done with "Show me": share from its end, open at 1280×720.
  await panel.getByRole('button', { name: 'Next step' }).click();
  await phaseIs(page, 'waiting', 1);
  await panel.getByRole('button', { name: 'Show me' }).click();
  await phaseIs(page, 'done', 1);
  const url2 = await share(page, 'Lesson step 2 of 6 (“A broker dies mid-ride”)');
  await page.getByRole('dialog', { name: 'Share this run' }).getByRole('button', { name: 'Close' }).click();
  const second = await openFresh(browser, url2, 1280, 720);
  await expectSameAsSharer(page, second.page, 2, 'A broker dies mid-ride');
  await second.page.screenshot({ path: 'test-results/screens/lesson-share-opened-1280.png' });
  // The opened lesson goes on like the sharer's: Next starts step 3.
  await second.page
    .getByRole('complementary', { name: 'Lesson' })
    .getByRole('button', { name: 'Next step' })
    .click();
  await phaseIs(second.page, 'done', 2);
  expect(second.errors).toEqual([]);
  await second.page.context().close();
  expect(app.errors).toEqual([]);
});
