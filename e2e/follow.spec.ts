// Follow a record: where it sits on every replica, when it was acknowledged and committed, which groups
// have processed it, and its path drawn on the diagram with a labelled stop at every replica and group.
import { expect, test } from '@playwright/test';
import { openApp, partition, pause, setSpeed } from './app';

test('following a record shows its offset on each replica, its acknowledgement, commit and consumption', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 10);
  await page.getByRole('button', { name: 'Show the log of orders-0' }).first().click();
  await expect(page.getByRole('tab', { name: 'Partition log' })).toHaveAttribute('aria-selected', 'true');
  const pick = page.getByLabel('Follow a record:');
  await expect(pick.locator('option')).not.toHaveCount(1, { timeout: 20_000 });
  // Read the option's record and offset at once: the list grows as records arrive.
  const [value, text] = await pick
    .locator('option')
    .nth(1)
    .evaluate((o: HTMLOptionElement) => [o.value, o.textContent ?? '']);
  const offset = /offset (\d+)/.exec(text!)![1]!;
  await pick.selectOption(value!);
  const trace = page.getByTestId('record-trace');
  await expect(trace).toContainText(`Following record ${value}`);
  await expect(trace).toContainText('✓ acknowledged to the producer', { timeout: 20_000 });
  await expect(trace).toContainText('✓ committed');
  await expect(trace).toContainText('✓ processed by group billing', { timeout: 20_000 });
  await expect(
    trace
      .getByRole('listitem')
      .filter({ hasText: /^broker \d: offset \d+, committed · appended at t = \d+\.\d+ s$/ }),
  ).toHaveCount(3);
  // The engine's own times: each milestone carries the virtual time it happened at.
  const seconds = (label: string) =>
    trace
      .getByRole('listitem')
      .filter({ hasText: label })
      .innerText()
      .then((x) => /at t = (\d+\.\d+) s/.exec(x)![1]!);
  const acked = await seconds('acknowledged to the producer');
  const committed = await seconds('committed (below the high watermark)');
  const polled = await seconds('processed by group billing');
  // acks=all: the high watermark passes the record, then the answer reaches the producer; billing polls it
  // only once it is committed.
  expect(Number(committed)).toBeLessThan(Number(acked));
  expect(Number(polled)).toBeGreaterThanOrEqual(Number(committed));

  // The path on the diagram: producer → leader → both followers → the billing member, every leg travelled.
  const path = page.getByTestId('follow-path');
  await expect(path).toBeVisible();
  const p = await partition(page, 'orders-0');
  // The diagram labels its stops with the same times as the panel.
  await expect(page.getByTestId('follow-stop-producer')).toContainText(`checkout · acked at ${acked} s`);
  const leaderAppended = await seconds(`broker ${p.leader}:`);
  await expect(page.getByTestId(`follow-stop-broker-${p.leader}`)).toContainText(
    `leader ${p.leader} · offset ${offset} · at ${leaderAppended} s`,
  );
  for (const f of p.replicas.filter((b) => b !== p.leader))
    await expect(page.getByTestId(`follow-stop-broker-${f}`)).toContainText(
      new RegExp(`follower ${f} · offset ${offset} · at \\d+\\.\\d+ s`),
    );
  await expect(page.getByTestId('follow-stop-group-billing')).toContainText(
    `billing-1 · processed (polled at ${polled} s)`,
  );
  await expect(path.locator('g[data-state]')).toHaveCount(4);
  await expect(path.locator('g[data-state="done"]')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/screens/followed-1920x1080.png' });

  await trace.getByRole('button', { name: `Stop following record ${value}` }).click();
  await expect(trace).toBeHidden();
  await expect(path).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('a record produced while a follower is down shows that leg waiting, then travelled after it restarts', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 10);
  const p = await partition(page, 'orders-0');
  const follower = p.replicas.find((b) => b !== p.leader)!;
  await page.getByRole('button', { name: `Kill broker ${follower}` }).click();
  await page.getByRole('button', { name: 'Show the log of orders-0' }).first().click();
  const pick = page.getByLabel('Follow a record:');
  // Wait for records appended after the kill, then follow the newest.
  const lengthAtKill = p.logEndOffset;
  await expect
    .poll(async () => (await partition(page, 'orders-0')).logEndOffset, { timeout: 20_000 })
    .toBeGreaterThan(lengthAtKill + 2);
  await pick.selectOption({ index: 1 });
  const stop = page.getByTestId(`follow-stop-broker-${follower}`);
  await expect(stop).toContainText(`follower ${follower} · stopped`);
  await expect(page.getByTestId('follow-path').locator('g[data-state="down"]')).toHaveCount(1);
  await page.getByRole('button', { name: `Restart broker ${follower}` }).click();
  await expect(stop).toContainText(new RegExp(`follower ${follower} · offset \\d+`), { timeout: 20_000 });
  expect(app.errors).toEqual([]);
});

test('clicking a record on the diagram follows it and draws its path', async ({ page }) => {
  const app = await openApp(page);
  await setSpeed(page, 10);
  await expect(page.getByTestId('broker-1').locator('.rec[data-rid]').nth(2)).toBeVisible({
    timeout: 20_000,
  });
  // Paused, so that the strip does not move between reading a record and clicking it.
  await pause(page);
  const chip = page.getByTestId('broker-1').locator('.rec[data-rid]').first();
  const rid = await chip.getAttribute('data-rid');
  await chip.click();
  await expect(page.getByTestId('record-trace')).toContainText(`Following record ${rid}`);
  await expect(page.getByTestId('follow-path')).toBeVisible();
  await expect(page.getByTestId('follow-path')).toHaveAttribute(
    'aria-label',
    new RegExp(`^Path of record ${rid}: 1\\. `),
  );
  expect(app.errors).toEqual([]);
});
