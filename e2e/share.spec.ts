// Share links reproduce a run exactly in a fresh browser; bad links open the default scenario and say
// what was wrong; a link from another engine behaviour opens with a note; scenario files export and
// import; text from a link or a file is only ever text.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ENGINE_BEHAVIOUR_VERSION } from '../src/engine/index';
import type { Scenario } from '../src/scenarios/index';
import { encodeShareLink, type ShareRun } from '../src/scenarios/link/index';
import { packRun } from '../src/scenarios/link/layout';
import { legacyV0, rawV1, rawV2 } from '../src/scenarios/link/testing/links';
import { ordersScenario } from '../src/scenarios/library/orders';
import { nowMs, openApp, pause, setSpeed, view } from './app';

/** Play at the current speed until virtual time passes `ms`, then pause there. */
async function playPast(page: Page, ms: number): Promise<void> {
  if (!(await page.evaluate(() => window.kafkascope!.playing())))
    await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => nowMs(page), { timeout: 10_000, intervals: [50] }).toBeGreaterThanOrEqual(ms);
  await pause(page);
}

const logLength = (page: Page): Promise<number> =>
  page.evaluate(() => window.kafkascope!.commandLog().length);

/** A fresh browser context (no storage, no cache) opening an absolute URL, collecting its errors. */
async function openFresh(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
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

async function openShare(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share this run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await expect(dialog).toBeVisible();
  return dialog.getByRole('textbox', { name: 'Link to this run' }).inputValue();
}

test('a shared link rebuilds the run exactly, paused where it was shared, in a fresh browser', async ({
  page,
  browser,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = await openApp(page);
  await setSpeed(page, 10);
  await playPast(page, 3_000);
  await page.getByRole('button', { name: 'Kill broker 2' }).click();
  await expect.poll(() => logLength(page)).toBe(1);
  await playPast(page, 7_000);
  await page.getByRole('button', { name: 'Configure topic orders' }).click();
  const topic = page.getByRole('dialog', { name: 'Configure topic orders' });
  await topic.getByLabel('partitions').fill('4');
  await topic.getByRole('button', { name: 'Apply to orders' }).click();
  await expect.poll(() => logLength(page)).toBe(2);
  await playPast(page, 11_000);
  await page.getByRole('button', { name: 'Add consumer to group billing' }).click();
  await expect.poll(() => logLength(page)).toBe(3);
  await playPast(page, 15_000);
  // Stand between the second and the third action: the link keeps the logged future as well.
  const times = (await page.evaluate(() => window.kafkascope!.commandLog())).map((c) => c.atMs);
  const at = Math.round((times[1]! + times[2]!) / 2);
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(at));
  await expect.poll(() => nowMs(page)).toBe(at);
  const atText = `t = ${(at / 1000).toFixed(1)} s`;

  const url = await openShare(page);
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#run=v2\.[0-9a-z]+\.[A-Za-z0-9+\-$]+$/);
  await expect(dialog).toContainText(atText);
  await expect(dialog).toContainText('All 3 of your actions');
  await expect(dialog).toContainText(`${url.length} characters`);
  await expect(dialog.getByRole('img', { name: 'QR code of the link to this run' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const shared = await view(page);
  const sharedLog = await page.evaluate(() => window.kafkascope!.commandLog());
  expect(shared.nowMs).toBe(at);
  console.log(`share link for 3 actions on the default scenario: ${url.length} characters`);

  const fresh = await openFresh(browser, url);
  await expect.poll(() => nowMs(fresh.page)).toBe(at);
  expect(await fresh.page.evaluate(() => window.kafkascope!.playing())).toBe(false);
  await expect(fresh.page.getByRole('status').filter({ hasText: 'You opened a shared run' })).toContainText(
    `paused at ${atText} where it was shared, with 3 actions`,
  );
  // The whole view: leaders, ISRs, high watermarks, LEOs, group assignments, messages in flight, audit.
  expect(await view(fresh.page)).toEqual(shared);
  expect(await fresh.page.evaluate(() => window.kafkascope!.commandLog())).toEqual(sharedLog);
  // Still paused a moment later: the viewer decides when to go on.
  await fresh.page.waitForTimeout(400);
  expect(await nowMs(fresh.page)).toBe(at);
  // Playing on reaches the third action, as the sharer's run did.
  await expect(fresh.page.getByTestId('consumer-billing-2')).toHaveCount(0);
  await setSpeed(fresh.page, 10);
  await fresh.page.getByRole('button', { name: 'Play' }).click();
  await expect(fresh.page.getByTestId('consumer-billing-2')).toBeVisible();
  // The link stays in the address until the viewer changes the run; then a reload shows their own run's start.
  expect(fresh.page.url()).toContain('#run=');
  await fresh.page.getByRole('button', { name: 'Add consumer to group billing' }).click();
  await expect.poll(() => fresh.page.url()).not.toContain('#run=');
  expect(fresh.errors).toEqual([]);
  expect(app.errors).toEqual([]);
  await fresh.page.context().close();
});

test('a bad link opens the default scenario and says what was wrong; a good one pasted later opens', async ({
  page,
}) => {
  const good = encodeShareLink({
    scenario: 'orders',
    seed: 42,
    actions: [{ atMs: 2_000, command: { type: 'killBroker', brokerId: 2 } }],
    positionMs: 5_000,
  });
  const bad: [string, string, RegExp][] = [
    ['truncated', good.slice(0, -6), /The link is damaged: its data could not be decompressed/],
    ['garbage', 'hello%20there', /This is not a Kafkascope run link: it should start with "v2\."/],
    ['a future version', 'v9.abc.def', /made by a newer version of Kafkascope \(format v9\)/],
    ['oversized', `v1.${'A'.repeat(20_001)}`, /The link is too long \(20004 characters/],
    [
      'an invalid command',
      legacyV0({
        scenario: 'orders',
        seed: 1,
        position: 0,
        log: [{ at: 5, command: { type: 'explodeBroker' } }],
      }),
      /Action 1 has an unknown command type "explodeBroker"/,
    ],
    [
      'an invalid field',
      legacyV0({
        scenario: 'orders',
        seed: 1,
        position: 0,
        log: [{ at: 5, command: { type: 'killBroker', brokerId: 'two' } }],
      }),
      /Action 1 \(killBroker\) has brokerId "two", but it must be a number/,
    ],
  ];
  let app = await openApp(page);
  for (const [what, payload, says] of bad) {
    await test.step(what, async () => {
      app = await openApp(page, `?check=${encodeURIComponent(what)}#run=${payload}`);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(
        'This link could not be opened, so the default scenario was opened instead.',
      );
      await expect(alert).toContainText(says);
      expect(await page.evaluate(() => window.kafkascope!.scenario()!.id)).toBe('orders');
      expect(await logLength(page)).toBe(0);
      expect(app.errors).toEqual([]);
    });
  }
  // The same tab, a good link pasted into the address bar: only the fragment changes, no reload.
  await page.evaluate((hash) => (window.location.hash = hash), `#run=${good}`);
  await expect.poll(() => logLength(page)).toBe(1);
  await expect.poll(() => nowMs(page)).toBe(5_000);
  expect((await view(page)).brokers.find((b) => b.id === 2)!.status).not.toBe('running');
  expect(app.errors).toEqual([]);
});

test('a link made with another engine behaviour opens its run, with a calm note that numbers may differ', async ({
  page,
}) => {
  const run: ShareRun = {
    scenario: 'orders',
    seed: 42,
    actions: [{ atMs: 2_000, command: { type: 'killBroker', brokerId: 2 } }],
    positionMs: 5_000,
  };
  const running = ENGINE_BEHAVIOUR_VERSION;
  const links: [string, string, string][] = [
    // Every link made before versions were recorded is a v1 link: engine behaviour 1.
    [
      'a link from before versions were recorded',
      rawV1(packRun(run)),
      `an earlier version of Kafkascope (engine behaviour 1; this one is ${running})`,
    ],
    [
      'a link from a newer engine',
      rawV2([running + 1, packRun(run)]),
      `a newer version of Kafkascope (engine behaviour ${running + 1}; this one is ${running})`,
    ],
  ];
  let app = await openApp(page);
  for (const [what, payload, says] of links) {
    await test.step(what, async () => {
      app = await openApp(page, `?check=${encodeURIComponent(what)}#run=${payload}`);
      const welcome = page.getByRole('status').filter({ hasText: 'You opened a shared run' });
      await expect(welcome).toContainText('paused at t = 5.0 s where it was shared, with 1 action.');
      await expect(welcome).toContainText(`This link was made with ${says}.`);
      await expect(welcome).toContainText(
        'It replays the same actions, but some numbers may differ from what its sender saw.',
      );
      // A note, not an error: the run is the link's, paused where it was shared.
      await expect(page.getByRole('alert')).toHaveCount(0);
      expect(await page.evaluate(() => window.kafkascope!.commandLog())).toEqual(run.actions);
      await expect.poll(() => nowMs(page)).toBe(5_000);
      expect((await view(page)).brokers.find((b) => b.id === 2)!.status).not.toBe('running');
      expect(app.errors).toEqual([]);
    });
  }
  await test.step('a link made by this engine has no such note', async () => {
    app = await openApp(page, `?check=same#run=${encodeShareLink(run)}`);
    const welcome = page.getByRole('status').filter({ hasText: 'You opened a shared run' });
    await expect(welcome).toContainText('paused at t = 5.0 s');
    await expect(welcome).not.toContainText('engine behaviour');
    expect(app.errors).toEqual([]);
  });
});

test('export a scenario as JSON, open it again; a broken file opens the default and names the field', async ({
  page,
}) => {
  const app = await openApp(page, '?scenario=card-fraud');
  await page.getByRole('button', { name: 'Scenario file' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export scenario JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('card-fraud.json');
  const text = await readFile((await download.path())!, 'utf8');
  const exported = JSON.parse(text) as Scenario;
  expect(exported).toEqual(await page.evaluate(() => window.kafkascope!.scenario()));

  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('orders');
  await expect.poll(() => page.evaluate(() => window.kafkascope!.scenario()!.id)).toBe('orders');
  const input = page.getByTestId('scenario-file');
  await input.setInputFiles({
    name: 'card-fraud.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect.poll(() => page.evaluate(() => window.kafkascope!.scenario()!.id)).toBe('card-fraud');
  expect(await page.evaluate(() => window.kafkascope!.scenario())).toEqual(exported);
  expect((await view(page)).topics.map((t) => t.name)).toEqual(exported.topics.map((t) => t.name));

  const broken = { ...exported, topics: [{ ...exported.topics[0], partitions: 'three' }] };
  await input.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    'The default scenario was opened instead, because broken.json is not a valid scenario',
  );
  await expect(alert).toContainText('topics[0].partitions');
  expect(await page.evaluate(() => window.kafkascope!.scenario()!.id)).toBe('orders');

  await input.setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"version": 1,'),
  });
  await expect(alert).toContainText('because notes.json is not JSON:');
  expect(app.errors).toEqual([]);
});

const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_KEY = '<script>window.__pwned=2</script>';
const HOSTILE_NARRATION = '<img src=y onerror="window.__pwned=3"> and <b>bold</b>';
const hostile: Scenario = {
  ...ordersScenario,
  id: 'hostile',
  title: HOSTILE_TITLE,
  description: '<script>window.__pwned=4</script>',
  producers: [{ ...ordersScenario.producers[0]!, keys: { kind: 'cycle', keys: [HOSTILE_KEY, 'bob'] } }],
  steps: [
    { id: 'one', title: '<script>window.__pwned=5</script>', narration: HOSTILE_NARRATION, runForMs: 1_000 },
  ],
};

async function expectInert(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.kafkascope!.scenario()?.id)).toBe('hostile');
  await expect(page.getByRole('combobox', { name: 'Scenario' }).locator('option').first()).toHaveText(
    `${HOSTILE_TITLE} (from a file)`,
  );
  await expect(page.getByTestId('producer-checkout')).toContainText(HOSTILE_KEY);
  // The lesson panel shows the scenario's title and description, then the step's title and narration.
  const lesson = page.getByRole('complementary', { name: 'Lesson' });
  await expect(lesson.getByRole('heading', { name: HOSTILE_TITLE })).toBeVisible();
  await expect(lesson).toContainText(hostile.description);
  await lesson.getByRole('button', { name: 'Next step' }).click();
  await expect(lesson).toContainText(HOSTILE_NARRATION);
  await expect(lesson).toContainText(hostile.steps![0]!.title);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], img[src="y"], b:text("bold")').count()).toBe(0);
}

test('text from a link or a file stays text: no script runs, the markup shows literally', async ({
  page,
}) => {
  const app = await openApp(
    page,
    `#run=${encodeShareLink({ scenario: hostile, seed: 1, actions: [], positionMs: 500 })}`,
  );
  await expectInert(page);
  await page.getByRole('button', { name: 'Share this run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await expect(dialog).toContainText(`Scenario “${HOSTILE_TITLE}”`);
  await expect(dialog).toContainText('its whole definition is in the link');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await openApp(page);
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'hostile.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(hostile)),
  });
  await expectInert(page);
  expect(app.errors).toEqual([]);
});

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`the Share dialog fits and is readable at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const app = await openApp(page);
    await pause(page);
    await page.getByRole('button', { name: 'Kill broker 1' }).click();
    await expect.poll(() => logLength(page)).toBe(1);
    await page.screenshot({
      path: `test-results/screens/share-topbar-${width}x${height}.png`,
      clip: { x: 0, y: 0, width, height: 80 },
    });
    await openShare(page);
    const dialog = page.getByRole('dialog', { name: 'Share this run' });
    const qr = await dialog.getByRole('img', { name: 'QR code of the link to this run' }).boundingBox();
    const box = await dialog.boundingBox();
    expect(qr!.width).toBeGreaterThanOrEqual(height >= 1080 ? 500 : 380);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(height);
    await expect(dialog.getByRole('button', { name: 'Copy link' })).toBeInViewport();
    await page.screenshot({ path: `test-results/screens/share-${width}x${height}.png` });
    // Without a clipboard (an insecure page, a refused permission) the link is selected for Ctrl+C.
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await expect(dialog.getByRole('status')).toHaveText(/^Selected: press Ctrl\+C/);
    const box2 = dialog.getByRole('textbox', { name: 'Link to this run' });
    await expect(box2).toBeFocused();
    expect(
      await box2.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd)),
    ).toBe(await box2.inputValue());
    const axe = await new AxeBuilder({ page }).include('dialog').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Scenario file' }).click();
    await page.screenshot({
      path: `test-results/screens/file-menu-${width}x${height}.png`,
      clip: { x: width / 2, y: 0, width: width / 2, height: 200 },
    });
    expect(app.errors).toEqual([]);
  });
}

test('the embed code frames the shared run in a course page, paused where it was shared', async ({
  page,
}) => {
  const app = await openApp(page);
  await pause(page);
  await page.getByRole('button', { name: 'Kill broker 1' }).click();
  await expect.poll(() => logLength(page)).toBe(1);
  const url = await openShare(page);
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await dialog.getByText('Embed it in a course page').click();
  const code = await dialog.getByRole('textbox', { name: /HTML for a course page/ }).inputValue();
  expect(code).toContain(`src="${url.replace(/&/g, '&amp;')}"`);
  await expect(dialog.getByRole('button', { name: 'Copy embed code' })).toBeVisible();
  const shown = await view(page);

  // A course page of its own, with nothing but the embed code in it.
  const course = await page.context().newPage();
  await course.setViewportSize({ width: 1000, height: 900 });
  await course.setContent(`<!doctype html><html><body><h1>Week 3: replication</h1>${code}</body></html>`);
  const frame = course.frameLocator('iframe');
  await expect(frame.getByRole('heading', { name: 'Kafkascope' })).toBeVisible();
  const inner = course.frames().find((f) => f.url().startsWith(url.split('#')[0]!))!;
  await inner.waitForFunction(() => window.kafkascope?.ready() === true);
  await expect.poll(() => inner.evaluate(() => window.kafkascope!.view()!.nowMs)).toBe(shown.nowMs);
  expect(await inner.evaluate(() => window.kafkascope!.commandLog().length)).toBe(1);
  await course.screenshot({ path: 'test-results/screens/embedded-1000x900.png' });
  expect(app.errors).toEqual([]);
});
